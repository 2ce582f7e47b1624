/** Hands bytes to the browser as a download; the object URL is revoked once the click has been handled. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string): void {
  downloadParts([bytes as BlobPart], fileName, type);
}

/** Same, from several chunks (a streamed zip), without first copying them into one buffer. */
export function downloadParts(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "scenes-giraffe-hd-128 2026-12-06 23-20-05.png": the model and the local time, sortable, readable. */
export function savedImageName(modelId: string, at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  return `${modelId} ${day} ${two(at.getHours())}-${two(at.getMinutes())}-${two(at.getSeconds())}.png`;
}
