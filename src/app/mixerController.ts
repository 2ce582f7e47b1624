/**
 * The mixer's orchestration: reads an image into a slot (metadata or encoder), renders an encoder slot's
 * reconstruction, and applies every slot change to the studio store as one undo step, so the user keeps
 * turning knobs from the mix. Errors become notices and leave the slot as it was. Knows no model family:
 * the rules are src/mixer's, the model comes from the controller's `sequenceModel()`.
 */
import { tensorToRgba } from '../engine/frame';
import { StudioError } from '../lib/errors';
import { createRng, type Rng } from '../lib/rng';
import { combine } from '../mixer/combine';
import { encodeImage } from '../mixer/encodeImage';
import { intakeFile, type ReferenceFile } from '../mixer/intake';
import type { PartialState } from '../mixer/partialState';
import { mixPngText, mixProvenance } from '../mixer/provenance';
import { clearSlot, emptySlots, fillSlot, setLocked, shuffleSlots, swapSlots, transition, type SlotContent, type Slots } from '../mixer/slots';
import { SLOT_IDS, type SlotId } from '../mixer/slotIds';
import { thumbnailOfPixels } from '../mixer/thumbnails';
import type { SequenceModel } from '../sequence/renderFrames';
import { useSessionStore } from '../state/sessionStore';
import { useStudioStore } from '../state/studioStore';
import { useMixerStore } from '../ui/mixer/mixerStore';
import type { HistoryEntry } from '../ui/mixer/historyStore';

const PLAIN_NOTES = new Set(['restored exactly from metadata', 'recovered by the encoder']);

export class MixerController {
  private readonly model: () => SequenceModel | null;
  private readonly rng: Rng;
  private edits = 0;
  private modelId: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(model: () => SequenceModel | null) {
    this.model = model;
    this.rng = createRng((Date.now() ^ 0x5eed) >>> 0);
    // Codes belong to one model: a model switch empties the slots (without touching the new state).
    this.unsubscribe = useSessionStore.subscribe((s) => {
      const id = s.manifest?.id ?? null;
      if (id !== this.modelId) {
        this.modelId = id;
        useMixerStore.getState().setSlots(emptySlots());
      }
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** Reads a dropped/picked/pasted file into `slot`. */
  async fillFromFile(slot: SlotId, file: ReferenceFile): Promise<void> {
    await this.withBusy(slot, async () => {
      const model = this.requireModel();
      const content = await intakeFile(file, {
        manifest: model.manifest,
        modelHash: model.hash,
        encode: model.manifest.encoder ? (input) => encodeImage(model, input) : undefined,
      });
      if (content.origin === 'encoder') content.reconstruction = await this.reconstruction(model, content.recovered).catch(() => undefined);
      this.commit(fillSlot(useMixerStore.getState().slots, slot, content), model);
      // The slot's badge already says "exact" or "encoder"; a notice only for what the badge cannot say.
      if (content.note && !PLAIN_NOTES.has(content.note)) this.notify('info', `${slot}: "${content.sourceName}" ${content.note}.`);
    });
  }

  /** Takes one of the studio's recent images (exact state) into `slot`. */
  fillFromHistory(slot: SlotId, entry: HistoryEntry): void {
    const model = this.requireModel();
    if (entry.state.modelId !== model.manifest.id) throw new StudioError('state-invalid', 'That history image was made with another model.');
    const content: SlotContent = { sourceName: `history #${entry.id}`, thumbnail: entry.thumbnail, recovered: entry.state, origin: 'metadata', note: 'exact state from the studio history' };
    this.commit(fillSlot(useMixerStore.getState().slots, slot, content), model);
  }

  setLocked(slot: SlotId, locked: boolean): void {
    this.commit(setLocked(useMixerStore.getState().slots, slot, locked));
  }

  clear(slot: SlotId): void {
    this.commit(clearSlot(useMixerStore.getState().slots, slot));
  }

  clearAll(): void {
    this.commit(emptySlots());
  }

  swap(a: SlotId, b: SlotId): void {
    this.commit(swapSlots(useMixerStore.getState().slots, a, b));
  }

  /** A random assignment of the images over the slots (seeded: a shuffle picks, the state records it). */
  shuffle(): void {
    const slots = useMixerStore.getState().slots;
    const next = shuffleSlots(slots, () => this.rng.nextFloat());
    if (next === slots) this.notify('info', 'Shuffle needs images in at least two slots.');
    else this.commit(next);
  }

  /** Extra PNG text for a saved image: which slot's file each factor came from. */
  pngText(): Record<string, string> {
    const model = this.model();
    const state = useStudioStore.getState().state;
    if (!model || !state) return {};
    return mixPngText(mixProvenance(state, model.manifest, useMixerStore.getState().slots));
  }

  /** Applies a slot change: the new slots to the mixer store, the mixed state to the studio as one undo step. */
  private commit(next: Slots, model = this.requireModel()): void {
    const store = useMixerStore.getState();
    const current = useStudioStore.getState().state;
    if (!current) return;
    const { slots, state } = transition(store.slots, next, current, model.manifest);
    store.setSlots(slots);
    if (state !== current) useStudioStore.getState().edit(() => state, `mixer:${++this.edits}`);
  }

  /** The recovered codes rendered alone (over the current knobs for what the image did not give). */
  private async reconstruction(model: SequenceModel, recovered: PartialState): Promise<string> {
    const base = useStudioStore.getState().state ?? model.adapter.defaultState(model.manifest);
    const alone = combine(base, model.manifest, Object.fromEntries(SLOT_IDS.map((id) => [id, recovered])));
    const result = await model.engine.run(model.key, 'generator', model.adapter.toFeeds(alone, model.manifest));
    const spec = model.manifest.generator.outputs.find((o) => o.role === 'image')!;
    const frame = tensorToRgba(result.outputs[spec.name], spec.range);
    return thumbnailOfPixels(frame.rgba, frame.width, frame.height);
  }

  private requireModel(): SequenceModel {
    const model = this.model();
    if (!model) throw new StudioError('model-missing', 'No model is loaded yet: the mixer needs one to read images.');
    return model;
  }

  private async withBusy(slot: SlotId, work: () => Promise<void>): Promise<void> {
    useMixerStore.getState().setBusy(slot, true);
    try {
      await work();
    } catch (error) {
      const e = StudioError.from(error);
      useSessionStore.getState().notify('error', e.message, { code: e.code, detail: e.detail });
    } finally {
      useMixerStore.getState().setBusy(slot, false);
    }
  }

  private notify(level: 'info' | 'warning', message: string): void {
    useSessionStore.getState().notify(level, message);
  }
}
