import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import { manifestSchema } from '../../../src/families/manifest';
import { encodeImage } from '../../../src/mixer/encodeImage';
import { encoderInput, encoderLayout } from '../../../src/mixer/encoderTensor';
import { takeSlot } from '../../../src/mixer/combine';
import { duo, variant } from './helpers';
import { expectedCodes, tinyEncoderOnnx, tinyEncoderSpec } from './tinyEncoder';

describe('encoder path (tiny linear encoder on onnxruntime-web WASM)', () => {
  it('an image goes through the encoder into codes the mix uses', async () => {
    const manifest = manifestSchema.parse({ ...duo(), encoder: tinyEncoderSpec() });
    const engine = new Engine({ gpu: null });
    try {
      await engine.load('tiny-encoder', { encoder: tinyEncoderOnnx() }, 'wasm');
      const { width, height } = encoderLayout(manifest.encoder!);
      const rgba = new Uint8Array(width * height * 4);
      for (let p = 0; p < width * height; p++) rgba.set([255, 0, 51, 255], p * 4);
      const recovered = await encodeImage({ engine, key: 'tiny-encoder', manifest }, encoderInput(manifest.encoder!, rgba, width, height));
      const want = expectedCodes([255, 0, 51]);
      const vector = (c: unknown) => (c as { vector: number[] }).vector;
      expect(vector(recovered.codes.background)).toEqual(want.background.map((v) => expect.closeTo(v, 5)));
      expect(vector(recovered.objects[0].codes.shape)).toEqual(want.shape.map((v) => expect.closeTo(v, 5)));
      // Shape from this image applies to both objects; the texture knobs stay.
      const mixed = takeSlot(variant(0, manifest), recovered, manifest, 'shape');
      expect(mixed.objects.map((o) => vector(o.codes.shape)[0])).toEqual([expect.closeTo(1, 5), expect.closeTo(1, 5)]);
      expect(mixed.objects[0].codes.texture).toEqual(variant(0, manifest).objects[0].codes.texture);
    } finally {
      engine.dispose();
    }
  }, 60_000);
});
