/**
 * StudioState -> the generator's named inputs, one per manifest input, by role. Host-side geometry
 * (world_mat, focal, s/t/R, background rotation) is built here in TypeScript because it cannot live in the
 * ONNX graph (UPSTREAM 1.6: scipy, torch.inverse). Shapes are checked against the manifest so that a bundle
 * whose declared shapes disagree with its factors fails with a message naming the input.
 */
import { StudioError } from '../../lib/errors';
import { deg } from '../../lib/units';
import { backgroundRotation } from '../../rig/background';
import { cameraToWorld, focal } from '../../rig/camera';
import { boxTransform } from '../../rig/objects';
import type { StudioState } from '../../state/studioState';
import { codeLength, codeVector } from '../codes';
import type { Factor, InputSpec, Manifest } from '../manifest';
import type { Feeds, TensorData } from '../types';

/** The manifest's shape with the batch axis set to 1. */
function declaredDims(input: InputSpec): number[] {
  return input.shape.map((d) => (d === 'batch' ? 1 : d));
}

function tensor(input: InputSpec, expected: number[], data: Float32Array): TensorData {
  const dims = declaredDims(input);
  if (dims.length !== expected.length || dims.some((d, i) => d !== expected[i]))
    throw new StudioError(
      'manifest-invalid',
      `Input "${input.name}" (${input.role}) is declared [${input.shape.join(', ')}]; the model's factors imply [batch, ${expected.slice(1).join(', ')}].`,
    );
  return { dims, data };
}

function objectCount(state: StudioState, manifest: Manifest): number {
  const n = manifest.objects?.count ?? 0;
  if (state.objects.length !== n)
    throw new StudioError('state-invalid', `The state has ${state.objects.length} objects; the model has ${n}.`);
  return n;
}

function factorOf(manifest: Manifest, id: string, input: InputSpec): Factor {
  const factor = manifest.factors.find((f) => f.id === id);
  if (!factor)
    throw new StudioError('manifest-invalid', `Input "${input.name}" has role code:${id}, but no factor "${id}" exists.`);
  return factor;
}

function codeFeed(state: StudioState, manifest: Manifest, input: InputSpec, id: string): TensorData {
  const factor = factorOf(manifest, id, input);
  const len = codeLength(factor);
  if (factor.scope === 'global') return tensor(input, [1, len], codeVector(state.codes[id], factor, `codes.${id}`));
  const n = objectCount(state, manifest);
  const data = new Float32Array(n * len);
  state.objects.forEach((o, i) => data.set(codeVector(o.codes[id], factor, `objects.${i}.codes.${id}`), i * len));
  return tensor(input, [1, n, len], data);
}

/** Flattened per-object values, [n * size]. */
function perObject(state: StudioState, manifest: Manifest, size: number, pick: (i: number) => ArrayLike<number>) {
  const n = objectCount(state, manifest);
  const data = new Float32Array(n * size);
  for (let i = 0; i < n; i++) data.set(pick(i), i * size);
  return { n, data };
}

function geometryFeed(state: StudioState, manifest: Manifest, input: InputSpec): TensorData {
  const boxes = () => state.objects.map(boxTransform);
  switch (input.role) {
    case 'camera.world': {
      const { elevationDeg, azimuthDeg, radius } = state.camera;
      const m = cameraToWorld({ elevationDeg: deg(elevationDeg), azimuthDeg: deg(azimuthDeg), radius });
      return tensor(input, [1, 4, 4], Float32Array.from(m));
    }
    case 'camera.focal':
      return tensor(input, [1, 1], Float32Array.of(focal(deg(state.camera.fovDeg))));
    case 'objects.scale': {
      const b = boxes();
      const { n, data } = perObject(state, manifest, 3, (i) => b[i].s);
      return tensor(input, [1, n, 3], data);
    }
    case 'objects.translation': {
      const b = boxes();
      const { n, data } = perObject(state, manifest, 3, (i) => b[i].t);
      return tensor(input, [1, n, 3], data);
    }
    case 'objects.rotation': {
      const b = boxes();
      const { n, data } = perObject(state, manifest, 9, (i) => b[i].R);
      return tensor(input, [1, n, 3, 3], data);
    }
    case 'objects.presence': {
      const { n, data } = perObject(state, manifest, 1, (i) => [state.objects[i].present ? 1 : 0]);
      return tensor(input, [1, n], data);
    }
    case 'background.rotation':
      return tensor(input, [1, 3, 3], Float32Array.from(backgroundRotation(deg(state.backgroundRotationDeg))));
    default:
      throw new StudioError('manifest-invalid', `Input "${input.name}" has role ${input.role}, unknown to GIRAFFE.`);
  }
}

/** One tensor per manifest input, keyed by input name. Throws StudioError('state-invalid') on a bad state. */
export function giraffeFeeds(state: StudioState, manifest: Manifest): Feeds {
  const feeds: Feeds = {};
  for (const input of manifest.generator.inputs) {
    feeds[input.name] = input.role.startsWith('code:')
      ? codeFeed(state, manifest, input, input.role.slice('code:'.length))
      : geometryFeed(state, manifest, input);
  }
  return feeds;
}
