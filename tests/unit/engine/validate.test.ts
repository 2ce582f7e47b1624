import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src/engine/protocol';
import { sessionMismatches, validateAgainstSession } from '../../../src/families/validate';
import type { Manifest } from '../../../src/families/manifest';
import { StudioError } from '../../../src/lib/errors';

const range = { min: 0, max: 1, default: 0.5 };

function manifest(): Manifest {
  return {
    schemaVersion: 1,
    id: 'toy',
    name: 'Toy',
    family: 'giraffe',
    description: '',
    resolution: [8, 8],
    generator: {
      file: 'generator.onnx',
      inputs: [
        { name: 'z_shape', shape: ['batch', 1, 16], role: 'code:shape' },
        { name: 'camera_world', shape: ['batch', 4, 4], role: 'camera.world' },
      ],
      outputs: [{ name: 'image', shape: ['batch', 3, 8, 8], role: 'image', range: [0, 1] }],
    },
    factors: [{ id: 'shape', label: 'shape', kind: 'latent', scope: 'object', dim: 16, truncation: range }],
    samples: [],
  };
}

function session(): SessionInfo {
  return {
    inputs: [
      { name: 'z_shape', shape: ['batch', 1, 16], type: 'float32' },
      { name: 'camera_world', shape: [-1, 4, 4], type: 'float32' },
    ],
    outputs: [
      { name: 'image', shape: ['batch', 3, 8, 8], type: 'float32' },
      { name: 'depth', shape: ['batch', 1, 8, 8], type: 'float32' },
    ],
  };
}

function mismatch(info: SessionInfo, m = manifest(), name: 'generator' | 'encoder' = 'generator'): StudioError {
  try {
    validateAgainstSession(m, name, info);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('manifest-mismatch');
    return error as StudioError;
  }
  throw new Error('expected a manifest-mismatch');
}

describe('validateAgainstSession', () => {
  it('accepts a matching session: symbolic and unknown axes match batch, extra outputs are fine', () => {
    expect(() => validateAgainstSession(manifest(), 'generator', session())).not.toThrow();
  });

  it('accepts a model exported with a fixed batch of 1, and a fixed manifest dim on a dynamic model axis', () => {
    const info = session();
    info.inputs[0].shape = [1, 1, 'n'];
    expect(sessionMismatches(manifest(), 'generator', info)).toEqual([]);
  });

  it('names the input and both shapes when a dim disagrees', () => {
    const info = session();
    info.inputs[0].shape = ['batch', 1, 32];
    const error = mismatch(info);
    expect(error.message).toContain('input "z_shape": manifest says [batch,1,16], model has [batch,1,32]');
    expect(error.detail).toContain('z_shape [batch,1,32] float32');
  });

  it('reports a rank mismatch and a fixed batch other than 1', () => {
    const info = session();
    info.inputs[1].shape = [4, 4];
    info.outputs[0].shape = [2, 3, 8, 8];
    expect(sessionMismatches(manifest(), 'generator', info)).toEqual([
      'input "camera_world": manifest says [batch,4,4], model has [4,4]',
      'output "image": manifest says [batch,3,8,8], model has [2,3,8,8]',
    ]);
  });

  it('names an input the model does not have, listing what it has', () => {
    const info = session();
    info.inputs[1].name = 'world_mat';
    const error = mismatch(info);
    expect(error.message).toContain('input "camera_world": in the manifest but not in the model (model inputs: z_shape, world_mat)');
    expect(error.message).toContain('input "world_mat": the model requires it but the manifest does not feed it');
  });

  it('names a missing output', () => {
    const info = session();
    info.outputs = [{ name: 'rgb', shape: ['batch', 3, 8, 8], type: 'float32' }];
    expect(mismatch(info).message).toContain('output "image": in the manifest but not in the model (model outputs: rgb)');
  });

  it('rejects tensor types the studio cannot feed', () => {
    const info = session();
    info.inputs[0].type = 'float16';
    expect(mismatch(info).message).toContain('input "z_shape": model uses float16, the studio only handles float32');
  });

  it('says which session failed and lists every problem at once', () => {
    const info = session();
    info.inputs[0].shape = ['batch', 1, 8];
    info.outputs = [];
    const message = mismatch(info).message;
    expect(message).toMatch(/^generator of "toy" does not match its manifest: /);
    expect(message.split('; ')).toHaveLength(2);
  });

  it('validates an encoder session against manifest.encoder', () => {
    const m = manifest();
    m.encoder = {
      file: 'encoder.onnx',
      input: { name: 'image', shape: ['batch', 3, 8, 8], range: [-1, 1] },
      outputs: [{ name: 'z', shape: ['batch', 16], role: 'code:shape' }],
    };
    const info: SessionInfo = {
      inputs: [{ name: 'image', shape: ['batch', 3, 8, 8], type: 'float32' }],
      outputs: [{ name: 'z', shape: ['batch', 8], type: 'float32' }],
    };
    expect(mismatch(info, m, 'encoder').message).toContain('output "z": manifest says [batch,16], model has [batch,8]');
    expect(mismatch(info, manifest(), 'encoder').message).toMatch(/declares no encoder/);
  });
});
