/**
 * A reference image -> slot content. One path per kind of file, each ending in a clear message when it
 * cannot give codes: a studio PNG restores its exact state from metadata; any other image is decoded,
 * cropped to the encoder's input and encoded; a model without an encoder says that only studio PNGs mix.
 * Throws StudioError; the caller keeps the slot's previous content.
 */
import type { Manifest } from '../families/manifest';
import type { TensorData } from '../families/types';
import { StudioError } from '../lib/errors';
import { coverPixels, decodeBitmap } from './decodeImage';
import { encoderInput, encoderLayout } from './encoderTensor';
import { jpegComplete, readImageHeader, type ImageHeader } from './imageHeader';
import { checkFileSize, checkImageSize } from './limits';
import { recoverFromMetadata } from './metadataIntake';
import type { PartialState } from './partialState';
import type { SlotContent } from './slots';
import { thumbnailOf } from './thumbnails';

export interface IntakeContext {
  manifest: Manifest;
  /** Content hash of the loaded bundle, to notice PNGs saved with another build of the model. */
  modelHash?: string;
  /** Runs the model's encoder on its input tensor and maps the outputs to codes (see encodeImage.ts). */
  encode?: (input: TensorData) => Promise<PartialState>;
}

/** A named file's bytes: a File from a drop/pick/paste, or bytes in tests and benchmarks. */
export interface ReferenceFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const READABLE = 'PNG, JPEG, GIF, WebP, BMP or AVIF';

function headerOf(name: string, bytes: Uint8Array): ImageHeader {
  const header = readImageHeader(bytes);
  if (!header) throw new StudioError('image-invalid', `"${name}" is not an image the mixer can read (${READABLE}).`);
  checkImageSize(name, header);
  if (header.format === 'jpeg' && !jpegComplete(bytes)) {
    throw new StudioError('image-invalid', `"${name}" is a truncated JPEG (the file ends before the image does).`);
  }
  return header;
}

/** Notes about how the image was read, for the slot. */
function intakeNotes(header: ImageHeader): string[] {
  return header.animated ? [`animated ${header.format.toUpperCase()}: using its first frame`] : [];
}

export async function intakeFile(file: ReferenceFile, ctx: IntakeContext): Promise<SlotContent> {
  checkFileSize(file.name, file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const header = headerOf(file.name, bytes);
  const metadata = header.format === 'png' ? recoverFromMetadata(file.name, bytes, ctx.manifest, ctx.modelHash) : null;
  const spec = ctx.manifest.encoder;
  if (!metadata && (!spec || !ctx.encode)) {
    throw new StudioError(
      'image-invalid',
      `"${file.name}" is not a PNG saved by the studio, and ${ctx.manifest.name} has no encoder, so only PNGs saved by the studio can be mixed with this model.`,
    );
  }
  const bitmap = await decodeBitmap(file.name, bytes, header);
  try {
    const thumbnail = await thumbnailOf(bitmap);
    if (metadata) return { sourceName: file.name, thumbnail, recovered: metadata.state, origin: 'metadata', note: metadata.note };
    const layout = encoderLayout(spec!);
    const pixels = coverPixels(bitmap, layout.width, layout.height);
    const recovered = await ctx.encode!(encoderInput(spec!, pixels.data, layout.width, layout.height));
    const note = ['recovered by the encoder', ...intakeNotes(header)].join('; ');
    return { sourceName: file.name, thumbnail, recovered, origin: 'encoder', note };
  } finally {
    bitmap.close();
  }
}
