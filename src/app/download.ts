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
