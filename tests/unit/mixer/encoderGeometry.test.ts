import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../../../src/families/manifest';
import { geometryFromEncoderOutputs } from '../../../src/mixer/encoderGeometry';
import { partialFromOutputs } from '../../../src/mixer/encodeImage';
import { duo } from './helpers';

const t = (dims: number[], values: number[]) => ({ dims, data: Float32Array.from(values) });

/** The duo fixture with an encoder shaped like the built-in model's: per-object codes and geometry. */
const manifest = manifestSchema.parse({
  ...duo(),
  encoder: {
    file: 'encoder.onnx',
    input: { name: 'image', shape: ['batch', 3, 8, 8], range: [0, 1] },
    outputs: [
      { name: 'z_shape', shape: ['batch', 2, 16], role: 'code:shape' },
      { name: 'z_bg', shape: ['batch', 16], role: 'code:background' },
      { name: 'az', shape: ['batch', 2], role: 'camera.azimuthCosSin' },
      { name: 'el', shape: ['batch', 1], role: 'camera.elevationDeg' },
      { name: 'present', shape: ['batch', 2], role: 'objects.presence' },
      { name: 'yaw', shape: ['batch', 2, 2], role: 'objects.rotationCosSin' },
      { name: 'tr', shape: ['batch', 2, 3], role: 'objects.translation' },
      { name: 'sc', shape: ['batch', 2, 1], role: 'objects.scale' },
      { name: 'logits', shape: ['batch', 2, 7], role: 'classes:shape' },
    ],
  },
});

const outputs = {
  z_shape: t([1, 2, 16], [...Array(16).fill(0.5), ...Array(16).fill(-0.5)]),
  z_bg: t([1, 16], Array(16).fill(2)),
  az: t([1, 2], [0, -1]),
  el: t([1, 1], [22]),
  present: t([1, 2], [0.1, 0.9]),
  yaw: t([1, 2, 2], [1, 0, 0, 1]),
  tr: t([1, 2, 3], [0.1, 0.2, 0, -0.1, -0.2, 0]),
  sc: t([1, 2, 1], [0.3, 0.25]),
  logits: t([1, 2, 7], Array(14).fill(0)),
};

describe('encoder geometry and per-object codes', () => {
  it('reads camera angles from cos/sin pairs and presence in the encoder\'s own object order', () => {
    const g = geometryFromEncoderOutputs(manifest, outputs);
    expect(g.camera).toEqual({ azimuthDeg: 270, elevationDeg: 22 });
    expect(g.objects.map((o) => [o.present, o.rotationDeg, o.scale])).toEqual([
      [false, 0, expect.closeTo(0.3, 5)],
      [true, 90, 0.25],
    ]);
  });

  it('keeps one object when the encoder is unsure of all', () => {
    const g = geometryFromEncoderOutputs(manifest, { ...outputs, present: t([1, 2], [0.3, 0.2]) });
    expect(g.objects.map((o) => o.present)).toEqual([true, false]);
  });

  it('splits [batch, N, D] codes per object and leaves non-code roles alone', () => {
    const p = partialFromOutputs(manifest, { ...outputs, present: t([1, 2], [0.9, 0.8]) });
    const v = (c: unknown) => (c as { vector: number[] }).vector[0];
    expect(p.objects.map((o) => v(o.codes.shape))).toEqual([0.5, -0.5]);
    expect(v(p.codes.background)).toBe(2);
    expect(p.objects[0].codes.texture).toBeUndefined();
  });

  it('puts present objects first, so a one-object reference always fills the studio\'s object 1', () => {
    // The encoder saw its one object in slot 2 (presence 0.1, 0.9): that object, its codes and its
    // placement become object 1, for every slot alike.
    const p = partialFromOutputs(manifest, outputs);
    const v = (c: unknown) => (c as { vector: number[] }).vector[0];
    expect(p.objects.map((o) => [o.present, v(o.codes.shape), o.rotationDeg])).toEqual([
      [true, -0.5, 90],
      [false, 0.5, 0],
    ]);
  });

  it('ignores non-finite geometry instead of applying it', () => {
    expect(geometryFromEncoderOutputs(manifest, { ...outputs, el: t([1, 1], [NaN]) }).camera).toEqual({ azimuthDeg: 270 });
  });
});
