/**
 * Manifest -> adapter. The one switch on the family name, so the rest of the studio never branches on it.
 */
import { StudioError } from '../lib/errors';
import { giraffeAdapter, giraffeHdAdapter } from './giraffe/adapter';
import type { Manifest } from './manifest';
import { mixnmatchAdapter } from './mixnmatch/adapter';
import type { FamilyAdapter } from './types';

const adapters: Partial<Record<string, FamilyAdapter>> = {
  giraffe: giraffeAdapter,
  'giraffe-hd': giraffeHdAdapter,
  mixnmatch: mixnmatchAdapter,
};

/** The adapter for a manifest's family; StudioError('manifest-invalid') when the studio has none. */
export function adapterFor(manifest: Pick<Manifest, 'family'>): FamilyAdapter {
  const adapter = adapters[manifest.family];
  if (!adapter)
    throw new StudioError('manifest-invalid', `No adapter for model family "${String(manifest.family)}".`);
  return adapter;
}
