/**
 * Small data URLs for the slots and the history strip. Data URLs rather than object URLs: they need no
 * revoking when a slot is replaced, and at 96 px they are a few kilobytes.
 */
export const THUMBNAIL_SIZE = 96;

async function canvasToDataUrl(canvas: OffscreenCanvas): Promise<string> {
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** A centred square crop of the source, THUMBNAIL_SIZE a side, on white. */
export async function thumbnailOf(source: ImageBitmap | OffscreenCanvas): Promise<string> {
  const size = THUMBNAIL_SIZE;
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingQuality = 'high';
  const side = Math.min(source.width, source.height);
  ctx.drawImage(source, (source.width - side) / 2, (source.height - side) / 2, side, side, 0, 0, size, size);
  return canvasToDataUrl(canvas);
}

/** Thumbnail of raw RGBA pixels (a rendered frame). */
export async function thumbnailOfPixels(rgba: Uint8ClampedArray, width: number, height: number): Promise<string> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return thumbnailOf(canvas);
}
