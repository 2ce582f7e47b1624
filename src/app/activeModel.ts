/**
 * Puts a loaded bundle into the engine and proves it is usable before the studio switches to it: the
 * sessions are created, and the manifest is checked against their real input/output names and shapes.
 * Until this resolves the previous model keeps rendering; on failure the new sessions are unloaded.
 */
import { bundleKey, bundleModels, type LoadedBundle } from '../bundles';
import type { EngineClient } from '../engine/engineClient';
import type { ExecutionProvider, ProviderPreference } from '../engine/protocol';
import { validateAgainstSession } from '../families/validate';
import { adapterFor } from '../families/registry';
import type { FamilyAdapter } from '../families/types';
import type { Manifest } from '../families/manifest';

export interface ActiveModel {
  bundle: LoadedBundle;
  manifest: Manifest;
  adapter: FamilyAdapter;
  key: string;
  provider: ExecutionProvider;
  warning?: string;
}

export async function activateBundle(
  engine: EngineClient,
  bundle: LoadedBundle,
  preference: ProviderPreference,
): Promise<ActiveModel> {
  const adapter = adapterFor(bundle.manifest);
  const key = bundleKey(bundle);
  const loaded = await engine.load(key, bundleModels(bundle), preference);
  try {
    for (const [session, info] of Object.entries(loaded.sessions)) {
      validateAgainstSession(bundle.manifest, session as 'generator' | 'encoder', info!);
    }
  } catch (error) {
    await engine.unload(key).catch(() => undefined);
    throw error;
  }
  return { bundle, manifest: bundle.manifest, adapter, key, provider: loaded.provider, warning: loaded.warning };
}
