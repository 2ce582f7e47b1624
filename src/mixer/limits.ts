/**
 * Size rules for reference images. The encoder sees a few hundred pixels a side, so a large photo is decoded
 * straight to a working size (the browser's resize-on-decode) and never held at full resolution; a file
 * whose header promises an absurd size (a decompression bomb, a 30 000 px panorama) is refused before decode.
 */
import { StudioError } from '../lib/errors';
import type { ImageHeader } from './imageHeader';

/** Above this the image is refused: 50 MP photos pass, 100+ MP scans and bombs do not. */
export const MAX_PIXELS = 80_000_000;
/** Per side, the limit Chromium's decoders and canvases share. */
export const MAX_SIDE = 32_767;
/** Files larger than this are refused unread (a 50 MP JPEG is ~25 MB, a 50 MP PNG up to ~150 MB). */
export const MAX_BYTES = 200 * 1024 * 1024;
/** Longest side the image is decoded to before cropping to the encoder's input. */
export const WORKING_SIDE = 1024;

export function checkFileSize(name: string, bytes: number): void {
  if (bytes > MAX_BYTES) {
    throw new StudioError('image-invalid', `"${name}" is ${(bytes / 1024 / 1024).toFixed(0)} MB; the mixer reads images up to ${MAX_BYTES / 1024 / 1024} MB.`);
  }
}

/** Refuses sizes the decoder should never see; unknown sizes pass (the browser decoder decides). */
export function checkImageSize(name: string, header: ImageHeader): void {
  const { width, height } = header;
  if (width === null || height === null) return;
  if (width === 0 || height === 0) throw new StudioError('image-invalid', `"${name}" says it is ${width}x${height} pixels: the file is damaged.`);
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(0);
    throw new StudioError(
      'image-invalid',
      `"${name}" is ${width}x${height} (${mp} megapixels); the mixer takes images up to ${MAX_PIXELS / 1e6} megapixels and ${MAX_SIDE} px a side. Scale it down first.`,
    );
  }
}

/**
 * Width to decode to (resize-on-decode), or null when the image is small enough (or its size unknown) to
 * decode as is. Only a width is given, so the browser keeps the aspect ratio whether or not it applies an
 * EXIF rotation first: it is the stored short side scaled, which keeps the longest side <= WORKING_SIDE
 * in either orientation.
 */
export function decodeWidth(header: ImageHeader): number | null {
  const { width, height } = header;
  if (width === null || height === null) return null;
  const scale = WORKING_SIDE / Math.max(width, height);
  if (scale >= 1) return null;
  return Math.max(1, Math.round(Math.min(width, height) * scale));
}
