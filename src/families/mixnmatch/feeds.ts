/**
 * StudioState -> MixNMatch's named inputs. Every input is a code (upstream G_NET takes z1, z2, b, p, c and
 * nothing else): a latent becomes its seeded vector times truncation (or the encoder's vector as-is), a
 * categorical its soft one-hot, which sums to 1 as the one-hot codes upstream trains on do. Shapes are
 * checked against the manifest so a bundle whose declared widths disagree with its factors fails with a
 * message naming the input instead of an ONNX shape error.
 */
import { StudioError } from '../../lib/errors';
import type { StudioState } from '../../state/studioState';
import { codeLength, codeVector } from '../codes';
import type { InputSpec, Manifest } from '../manifest';
import type { Feeds, TensorData } from '../types';

function factorFor(manifest: Manifest, input: InputSpec) {
  if (!input.role.startsWith('code:'))
    throw new StudioError('manifest-invalid', `Input "${input.name}" has role ${input.role}; a MixNMatch model takes codes only (role code:<factor>).`);
  const id = input.role.slice('code:'.length);
  const factor = manifest.factors.find((f) => f.id === id);
  if (!factor) throw new StudioError('manifest-invalid', `Input "${input.name}" has role ${input.role}, but no factor "${id}" exists.`);
  if (factor.scope !== 'global')
    throw new StudioError('manifest-invalid', `Factor "${id}" is per object, but a MixNMatch model has no objects.`);
  return factor;
}

/** One [1, D] tensor per manifest input, keyed by input name. Throws StudioError('state-invalid') on a bad state. */
export function mixnmatchFeeds(state: StudioState, manifest: Manifest): Feeds {
  const feeds: Feeds = {};
  for (const input of manifest.generator.inputs) {
    const factor = factorFor(manifest, input);
    const len = codeLength(factor);
    const dims = input.shape.map((d) => (d === 'batch' ? 1 : d));
    if (dims.length !== 2 || dims[0] !== 1 || dims[1] !== len)
      throw new StudioError(
        'manifest-invalid',
        `Input "${input.name}" (${input.role}) is declared [${input.shape.join(', ')}]; factor "${factor.id}" implies [batch, ${len}].`,
      );
    const tensor: TensorData = { dims, data: codeVector(state.codes[factor.id], factor, `codes.${factor.id}`) };
    feeds[input.name] = tensor;
  }
  return feeds;
}
