/**
 * Encoder outputs -> codes (src/families/encoderCodes.ts): the mixer's way from a reference image to knob
 * state. MixNMatch's converted encoder (probs) and the test manifest's logits encoder both go through it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesFromEncoderOutputs, softmax } from '../../../src/families/encoderCodes';
import { manifestSchema, type Manifest } from '../../../src/families/manifest';
import { mixnmatchAdapter } from '../../../src/families/mixnmatch/adapter';
import type { TensorData } from '../../../src/families/types';
import { checkStateFitsManifest } from '../../../src/state/fitState';
import { cubTiny } from './mixnmatchFixture';
import { thrown } from '../thrownError';

const t = (values: number[], batch = 1): TensorData => ({ dims: [batch, values.length / batch], data: Float32Array.from(values) });
const z = Array.from({ length: 16 }, (_, i) => (i - 8) / 4);

/** cub-tiny with the encoder the MixNMatch converter writes for an E.pth (convert/mixnmatch/convert.py). */
function withEncoder(): Manifest {
  const m = cubTiny();
  const out = (name: string, role: string, width: number) => ({ name, shape: ['batch' as const, width], role });
  return {
    ...m,
    encoder: {
      file: 'encoder.onnx',
      input: { name: 'image', shape: ['batch', 3, 128, 128], range: [-1, 1] },
      outputs: [
        out('z_pose', 'code:pose', 16),
        out('z_bg', 'code:background-noise', 16),
        out('b_probs', 'probs:background', 8),
        out('p_probs', 'probs:shape', 4),
        out('c_probs', 'probs:texture', 8),
      ],
    },
  };
}

const probs = {
  b_probs: t([0, 0, 0.9, 0, 0, 0, 0.1, 0]),
  p_probs: t([0.05, 0.15, 0.2, 0.6]),
  c_probs: t([0, 0, 0, 0, 0, 1, 0, 0]),
};

describe('codesFromEncoderOutputs', () => {
  it('turns latent outputs into vectors and probabilities into categorical codes with the closest knobs', () => {
    const codes = codesFromEncoderOutputs(withEncoder(), { z_pose: t(z), z_bg: t(z.map((v) => -v)), ...probs });
    expect(Object.keys(codes).sort()).toEqual(['background', 'background-noise', 'pose', 'shape', 'texture']);
    expect(codes.pose).toEqual({ kind: 'latent', seed: 0, seed2: 1, blend: 0, truncation: 1, vector: z });
    expect(codes.background).toMatchObject({ kind: 'categorical', index: 2, index2: 6 });
    expect((codes.background as { blend: number }).blend).toBeCloseTo(0.1, 6);
    expect(codes.shape).toMatchObject({ index: 3, index2: 2 });
    expect(codes.texture).toMatchObject({ index: 5, blend: 0 });
    for (const id of ['background', 'shape', 'texture']) {
      const p = (codes[id] as { probabilities: number[] }).probabilities;
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('gives codes that fit the model and feed the generator exactly what the encoder said', () => {
    const manifest = withEncoder();
    const codes = codesFromEncoderOutputs(manifest, { z_pose: t(z), z_bg: t(z), ...probs });
    const state = { ...mixnmatchAdapter.defaultState(manifest), codes };
    expect(checkStateFitsManifest(state, manifest)).toEqual([]);
    const feeds = mixnmatchAdapter.toFeeds(state, manifest);
    expect(feeds.p_code.data).toEqual(probs.p_probs.data);
    expect(feeds.z_pose.data).toEqual(Float32Array.from(z));
  });

  it('applies softmax to logits (the test MixNMatch manifest declares logits)', () => {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/manifests/valid.json'), 'utf8')));
    const codes = codesFromEncoderOutputs(manifest, {
      code_z: t(Array(8).fill(0.5)),
      logits_b: t([1000, 0, 0, 999]),
      logits_p: t([0, 0, 0]),
      logits_c: t([-1, 2, 0.5, 3, -4]),
    });
    const b = codes.background as { index: number; index2: number; probabilities: number[] };
    expect(b.index).toBe(0);
    expect(b.index2).toBe(3);
    expect(b.probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 9);
    expect((codes.shape as { probabilities: number[] }).probabilities).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect((codes.texture as { probabilities: number[] }).probabilities).toEqual(softmax([-1, 2, 0.5, 3, -4]));
    expect(codes.texture).toMatchObject({ index: 3, index2: 1 });
  });

  it('probabilities that do not sum to 1 get a message naming the output, its sum and the fix', () => {
    const e = thrown(() =>
      codesFromEncoderOutputs(withEncoder(), { z_pose: t(z), z_bg: t(z), ...probs, p_probs: t([2.1, -0.3, 1.7, 0.4]) }),
    );
    expect(e.code).toBe('manifest-mismatch');
    expect(e.message).toMatch(/Encoder output "p_probs" \(probs:shape\) sums to 3\.90000 and has 2\.100 for class 0, so it is not probabilities/);
    const sum = thrown(() => codesFromEncoderOutputs(withEncoder(), { z_pose: t(z), z_bg: t(z), ...probs, p_probs: t([0.5, 0.2, 0.2, 0.2]) }));
    expect(sum.message).toMatch(/"p_probs" \(probs:shape\) sums to 1\.10000.*4 classes.*declare the role "logits:shape"/);
  });

  it('accepts float32 rounding within 1e-3 and renormalises it away', () => {
    const codes = codesFromEncoderOutputs(withEncoder(), { z_pose: t(z), z_bg: t(z), ...probs, p_probs: t([0.2502, 0.25, 0.25, 0.25]) });
    const p = (codes.shape as { probabilities: number[] }).probabilities;
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('names a missing output, a wrong width and non-finite values', () => {
    const all = { z_pose: t(z), z_bg: t(z), ...probs };
    const { c_probs: _c, ...missing } = all;
    expect(thrown(() => codesFromEncoderOutputs(withEncoder(), missing)).message).toMatch(/no output "c_probs" \(probs:texture\)/);
    const wide = thrown(() => codesFromEncoderOutputs(withEncoder(), { ...all, p_probs: t([0.2, 0.2, 0.2, 0.2, 0.2]) }));
    expect(wide.code).toBe('manifest-mismatch');
    expect(wide.message).toMatch(/"p_probs" \(probs:shape\) has shape \[1, 5\]; factor "shape" needs \[batch, 4\]/);
    const nan = thrown(() => codesFromEncoderOutputs(withEncoder(), { ...all, z_pose: t([NaN, ...z.slice(1)]) }));
    expect(nan.code).toBe('output-not-finite');
  });

  it('reads one image of a batch', () => {
    const codes = codesFromEncoderOutputs(withEncoder(), { z_pose: t([...z, ...z.map((v) => v * 2)], 2), z_bg: t([...z, ...z], 2), ...Object.fromEntries(Object.entries(probs).map(([k, v]) => [k, t([...v.data, ...v.data], 2)])) }, 1);
    expect((codes.pose as { vector: number[] }).vector).toEqual(z.map((v) => v * 2));
  });

  it('refuses a manifest without an encoder, or roles that do not fit their factor', () => {
    expect(thrown(() => codesFromEncoderOutputs(cubTiny(), {})).code).toBe('manifest-invalid');
    const m = withEncoder();
    const wrongKind = { ...m, encoder: { ...m.encoder!, outputs: [{ name: 'p', shape: ['batch' as const, 16], role: 'probs:pose' }] } };
    expect(thrown(() => codesFromEncoderOutputs(wrongKind, {})).message).toMatch(/role probs:pose, but factor "pose" is latent/);
    const twice = { ...m, encoder: { ...m.encoder!, outputs: [...m.encoder!.outputs, { name: 'again', shape: ['batch' as const, 4], role: 'logits:shape' }] } };
    expect(thrown(() => codesFromEncoderOutputs(twice, {})).message).toMatch(/"p_probs" and "again" both give factor "shape"/);
  });
});
