/**
 * The studio controller: the one place that wires stores, bundles, adapters and the engine together and
 * implements what the UI may ask for (StudioActions). Data flows one way: a StudioState change in the store
 * -> the active model's adapter -> the engine (latest wins) -> the frame store -> the viewport canvas.
 * Every failure becomes a notice; the previous model and the user's state stay in place.
 */
import {
  fetchCatalog,
  loadBundleFromFiles,
  loadBundleFromUrl,
  loadCatalogBundle,
  type Catalog,
  type LoadedBundle,
} from '../bundles';
import type { ProgressCallback } from '../bundles/progress';
import type { EngineClient } from '../engine/engineClient';
import type { EngineEvent } from '../engine/engineEvents';
import type { ProviderPreference } from '../engine/protocol';
import { randomizeFactor, resetFactor } from '../families/randomize';
import { StudioError, withFullStop } from '../lib/errors';
import { createRng, type Rng } from '../lib/rng';
import { encodePng, readPngText } from '../lib/png';
import { checkStateFitsManifest } from '../state/fitState';
import { useSessionStore } from '../state/sessionStore';
import type { SequenceModel } from '../sequence/renderFrames';
import { parseStudioState, stateFromPngText, stateToPngText } from '../state/stateCodec';
import type { StudioState } from '../state/studioState';
import { useStudioStore } from '../state/studioStore';
import { useFrameStore } from '../ui/frameStore';
import type { StudioActions } from './actions';
import { activateBundle, type ActiveModel } from './activeModel';
import { downloadBytes, savedImageName } from './download';
import { renderState } from './frameRenderer';
import { readStateFromHash, writeStateToLocation } from './urlState';

const URL_WRITE_DELAY_MS = 250;

export interface ControllerOptions {
  engine: EngineClient;
  /** Where the app is served from (catalog at <base>models/catalog.json). */
  baseUrl: string;
  /** Called once, when the first image is on screen. */
  onFirstFrame?: () => void;
}

export class StudioController implements StudioActions {
  private readonly engine: EngineClient;
  private readonly baseUrl: string;
  private readonly onFirstFrame?: () => void;
  private active: ActiveModel | null = null;
  private catalog: Catalog = { models: [] };
  private firstFrameShown = false;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | null = null;
  /**
   * Set when the page's link could not be read: the address bar keeps it (to copy, report or repair) until
   * the user changes something, instead of being replaced by the default state's link at once.
   */
  private keepLinkUntilEdit = false;
  private readonly rng: Rng;
  /** Makes every randomize click its own undo step. */
  private randomizeCount = 0;
  /** Extra PNG text chunks for saved images (the mixer's per-factor sources). */
  private readonly imageText: (() => Record<string, string>)[] = [];

  constructor(options: ControllerOptions) {
    this.engine = options.engine;
    this.baseUrl = options.baseUrl;
    this.onFirstFrame = options.onFirstFrame;
    this.engine.onEvent = (event) => this.onEngineEvent(event);
    // Seeds for "randomize" only: the seeds it picks are stored in the state, so images stay reproducible.
    this.rng = createRng((Date.now() ^ (performance.now() * 1000)) >>> 0);
  }

  /** Opens the model and state the URL names (else the catalog's default) and starts rendering. */
  async start(): Promise<void> {
    if (this.unsubscribe) return; // React StrictMode runs effects twice in development
    this.unsubscribe = useStudioStore.subscribe((store, previous) => {
      if (store.state !== previous.state && store.state) this.onStateChanged(store.state);
    });
    let fromUrl: StudioState | null = null;
    try {
      fromUrl = readStateFromHash(location.hash);
    } catch (error) {
      this.report(error, 'Starting from the default model and state instead; the link is left in the address bar.');
      this.keepLinkUntilEdit = true;
    }
    try {
      this.catalog = await fetchCatalog(this.baseUrl);
    } catch (error) {
      this.report(error);
      return;
    }
    const wanted = fromUrl && this.catalog.models.some((m) => m.id === fromUrl.modelId) ? fromUrl.modelId : null;
    if (fromUrl && !wanted) this.notify('warning', `The link names model "${fromUrl.modelId}", which is not installed; opening the default model.`);
    const id = wanted ?? this.catalog.models.find((m) => m.default)?.id ?? this.catalog.models[0]?.id;
    if (!id) {
      this.notify('error', 'No built-in model is installed: open a bundle with File > Open model.');
      return;
    }
    await this.openBundle(() => loadCatalogBundle(this.baseUrl, id, this.progress(`model ${id}`)), wanted ? fromUrl : null);
  }

  /**
   * The loaded model as the sequence exporter needs it (engine, key, manifest, adapter, content hash), or
   * null before one is loaded. Exports run through `engine.run`, beside the interactive view lane.
   */
  sequenceModel(): SequenceModel | null {
    const a = this.active;
    return a ? { engine: this.engine, key: a.key, manifest: a.manifest, adapter: a.adapter, hash: a.bundle.hash } : null;
  }

  /** Adds text chunks to every saved image, e.g. the mixer's record of which file gave which factor. */
  addImageMetadata(provider: () => Record<string, string>): void {
    this.imageText.push(provider);
  }

  /** The built-in models, for the File menu. */
  catalogEntries(): { id: string; name: string }[] {
    return this.catalog.models.map(({ id, name }) => ({ id, name }));
  }

  dispose(): void {
    this.unsubscribe?.();
    clearTimeout(this.urlTimer);
    this.engine.dispose();
  }

  async openCatalogModel(id: string): Promise<void> {
    await this.openBundle(() => loadCatalogBundle(this.baseUrl, id, this.progress(`model ${id}`)), null);
  }

  async openBundleFiles(files: File[]): Promise<void> {
    await this.openBundle(() => loadBundleFromFiles(files, this.progress('dropped bundle')), null);
  }

  async openBundleUrl(url: string): Promise<void> {
    await this.openBundle(() => loadBundleFromUrl(url, this.progress(url)), null);
  }

  async openStateFile(file: File): Promise<void> {
    try {
      const state = await readStateFile(file);
      await this.applyState(state, `"${file.name}"`);
    } catch (error) {
      this.report(error);
    }
  }

  async saveImage(): Promise<void> {
    const frame = useFrameStore.getState().frame;
    const state = useStudioStore.getState().state;
    if (!frame || !state || !this.active) {
      this.notify('warning', 'There is no image to save yet.');
      return;
    }
    const text = Object.assign({}, ...this.imageText.map((provide) => provide())) as Record<string, string>;
    const png = encodePng(frame.rgba, frame.width, frame.height, stateToPngText(state, { modelHash: this.active.bundle.hash, text }));
    downloadBytes(png, savedImageName(state.modelId, new Date()), 'image/png');
  }

  randomize(path: string): void {
    const manifest = this.active?.manifest;
    if (!manifest) return;
    useStudioStore.getState().edit((state) => randomizeFactor(state, manifest, path, this.rng), `randomize:${path}:${++this.randomizeCount}`);
  }

  resetFactor(path: string): void {
    const manifest = this.active?.manifest;
    if (!manifest) return;
    useStudioStore.getState().edit((state) => resetFactor(state, manifest, path), `reset:${path}`);
  }

  async setProviderPreference(preference: ProviderPreference): Promise<void> {
    const session = useSessionStore.getState();
    const previous = session.providerPreference;
    session.setProviderPreference(preference);
    if (!this.active) return;
    const ok = await this.openBundle(async () => this.active!.bundle, useStudioStore.getState().state, { keepHistory: true });
    if (!ok) useSessionStore.getState().setProviderPreference(previous);
  }

  async copyLink(): Promise<void> {
    const state = useStudioStore.getState().state;
    if (!state) return;
    writeStateToLocation(state);
    await navigator.clipboard.writeText(location.href);
    this.notify('info', 'Link copied: it reproduces this image exactly.');
  }

  /**
   * Loads a bundle, proves it in the engine, then switches to it with `state` (or the model's default).
   * Resolves false when anything failed: the previous model keeps rendering.
   */
  private async openBundle(
    load: () => Promise<LoadedBundle>,
    state: StudioState | null,
    options: { keepHistory?: boolean } = {},
  ): Promise<boolean> {
    const session = useSessionStore.getState();
    try {
      const bundle = await load();
      session.setLoading({ label: `starting ${bundle.manifest.name}`, loaded: 0, total: null });
      const next = await activateBundle(this.engine, bundle, session.providerPreference);
      let initial = state ?? next.adapter.defaultState(next.manifest);
      const problems = checkStateFitsManifest(initial, next.manifest);
      if (problems.length > 0) {
        this.notify('warning', `The saved state does not fit ${next.manifest.name}: ${problems.join('; ')}. Using the model's defaults.`);
        initial = next.adapter.defaultState(next.manifest);
      }
      this.switchTo(next, initial, options.keepHistory ?? false);
      if (next.warning) this.notify('warning', next.warning);
      return true;
    } catch (error) {
      this.report(error, this.active ? `${this.active.manifest.name} stays loaded.` : undefined);
      return false;
    } finally {
      useSessionStore.getState().setLoading(null);
    }
  }

  private switchTo(next: ActiveModel, state: StudioState, keepHistory: boolean): void {
    const previous = this.active;
    this.active = next;
    useSessionStore.getState().setModel(next.manifest, next.key, next.provider);
    if (previous && previous.key !== next.key) void this.engine.unload(previous.key).catch(() => undefined);
    const store = useStudioStore.getState();
    if (store.state === state) this.onStateChanged(state);
    else store.replace(state, { resetHistory: !keepHistory });
  }

  /** Applies a state from a file: switches model when it names another installed one. */
  private async applyState(state: StudioState, what: string): Promise<void> {
    if (!this.active || state.modelId !== this.active.manifest.id) {
      if (!this.catalog.models.some((m) => m.id === state.modelId)) {
        throw new StudioError('state-invalid', `${what} was made with model "${state.modelId}", which is not loaded or installed: open that model first.`);
      }
      await this.openBundle(() => loadCatalogBundle(this.baseUrl, state.modelId, this.progress(`model ${state.modelId}`)), state);
      return;
    }
    const problems = checkStateFitsManifest(state, this.active.manifest);
    if (problems.length > 0) throw new StudioError('state-invalid', `${what} does not fit ${this.active.manifest.name}: ${problems.join('; ')}`);
    useStudioStore.getState().replace(state);
    this.notify('info', `Restored the exact state saved in ${what}.`);
  }

  private onStateChanged(state: StudioState): void {
    clearTimeout(this.urlTimer);
    const { past, future } = useStudioStore.getState().history;
    if (this.keepLinkUntilEdit && past.length + future.length > 0) this.keepLinkUntilEdit = false;
    if (!this.keepLinkUntilEdit) this.urlTimer = setTimeout(() => writeStateToLocation(state), URL_WRITE_DELAY_MS);
    void this.render(state);
  }

  private async render(state: StudioState): Promise<void> {
    const model = this.active;
    if (!model || state.modelId !== model.manifest.id) return;
    try {
      const frame = await renderState(this.engine, model, state, performance.now());
      if (!frame || this.active !== model) return;
      useFrameStore.getState().showFrame(frame, frame.nonFinite);
      useSessionStore.getState().setTiming(frame.provider, frame.runMs, frame.frameMs);
      if (frame.nonFinite > 0) {
        this.notify('warning', `The model produced ${frame.nonFinite} NaN/Inf values in this image (shown in magenta); try other knob values.`, 'output-not-finite');
      }
      if (!this.firstFrameShown) {
        this.firstFrameShown = true;
        this.onFirstFrame?.();
      }
    } catch (error) {
      this.report(error);
    }
  }

  private onEngineEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'crashed':
        this.notify('error', `${event.error.message} Restarting it…`, event.error.code);
        break;
      case 'restarted': {
        this.notify('info', 'The engine restarted; your state is kept.');
        const state = useStudioStore.getState().state;
        if (state) void this.render(state);
        break;
      }
      case 'restart-failed':
        this.notify('error', event.error.message, event.error.code);
        break;
      case 'fallback':
        if (this.active?.key === event.key) this.active = { ...this.active, provider: event.provider };
        this.notify('warning', `WebGPU failed; now running on ${event.provider.toUpperCase()}. ${event.message}`);
        break;
    }
  }

  private progress(label: string): ProgressCallback {
    return (p) => useSessionStore.getState().setLoading({ label, loaded: p.loaded, total: p.total });
  }

  private notify(level: 'error' | 'warning' | 'info', message: string, code?: string): void {
    useSessionStore.getState().notify(level, message, code ? { code: code as StudioError['code'] } : undefined);
  }

  private report(error: unknown, suffix?: string): void {
    const e = StudioError.from(error);
    useSessionStore.getState().notify('error', suffix ? `${withFullStop(e.message)} ${suffix}` : e.message, { code: e.code, detail: e.detail });
  }
}

/** A studio PNG (state in its metadata) or a JSON preset -> StudioState. */
async function readStateFile(file: File): Promise<StudioState> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isJson = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
  if (isJson) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new StudioError('state-invalid', `"${file.name}" is not valid JSON.`);
    }
    return parseStudioState(json, `"${file.name}"`);
  }
  const record = stateFromPngText(readPngText(bytes));
  if (!record) {
    throw new StudioError('state-invalid', `"${file.name}" carries no studio state. Only PNGs saved by the studio restore a state; use the mixer for other images.`);
  }
  return record.state;
}
