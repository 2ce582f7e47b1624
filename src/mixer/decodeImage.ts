/**
 * Browser decoding of a reference image: createImageBitmap honours EXIF orientation, takes the first frame
 * of an animation, converts CMYK and 16-bit sources to 8-bit RGB, and decodes large images straight to a
 * working size; the result is centre-cropped onto white (alpha composited) at the encoder's input size.
 */
import { StudioError } from '../lib/errors';
import type { ImageHeader } from './imageHeader';
import { decodeWidth } from './limits';

const MIME: Record<ImageHeader['format'], string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  avif: 'image/avif',
};

/** Decodes the file (oriented, first frame, downscaled when large). The caller closes the bitmap. */
export async function decodeBitmap(name: string, bytes: Uint8Array, header: ImageHeader): Promise<ImageBitmap> {
  const blob = new Blob([bytes as BlobPart], { type: MIME[header.format] });
  const width = decodeWidth(header);
  try {
    return await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      ...(width ? { resizeWidth: width, resizeQuality: 'high' as const } : {}),
    });
  } catch (error) {
    throw new StudioError('image-invalid', `"${name}" could not be decoded as ${header.format.toUpperCase()}: the file is damaged, truncated or in a variant the browser does not read.`, String(error));
  }
}

/** The bitmap scaled to cover width x height, centred, cropped, on white. */
export function coverPixels(bitmap: ImageBitmap, width: number, height: number): ImageData {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const scale = Math.max(width / bitmap.width, height / bitmap.height);
  const sw = width / scale;
  const sh = height / scale;
  ctx.drawImage(bitmap, (bitmap.width - sw) / 2, (bitmap.height - sh) / 2, sw, sh, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
