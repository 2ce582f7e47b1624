import { describe, expect, it } from 'vitest';
import { clearSlot, emptySlots, fillSlot, setLocked, shuffleSlots, swapSlots, transition, type Slots } from '../../../src/mixer/slots';
import { mixPngText, mixProvenance, MIX_PNG_KEY } from '../../../src/mixer/provenance';
import { createRng } from '../../../src/lib/rng';
import { content, duo, variant } from './helpers';

const m = duo();
const knobs = variant(0, m);

/** Applies a slot change the way the store does. */
function step(previous: Slots, next: Slots, state = knobs) {
  return transition(previous, next, state, m);
}

describe('slot transitions', () => {
  it('filling a slot mixes it in; releasing it gives the knob value back', () => {
    const filled = step(emptySlots(), fillSlot(emptySlots(), 'shape', content(variant(2, m), 'b.png')));
    expect(filled.state.objects[0].codes.shape).toEqual(variant(2, m).objects[0].codes.shape);
    const released = step(filled.slots, setLocked(filled.slots, 'shape', false), filled.state);
    expect(released.state).toEqual(knobs);
    expect(released.slots.shape.content?.sourceName).toBe('b.png');
    const locked = step(released.slots, setLocked(released.slots, 'shape', true), released.state);
    expect(locked.state).toEqual(filled.state);
  });

  it('releasing returns the value the knob had before the slot took over, not the default', () => {
    const turned = { ...knobs, camera: { ...knobs.camera, azimuthDeg: 123 } };
    const posed = step(emptySlots(), fillSlot(emptySlots(), 'pose', content(variant(4, m), 'd.png')), turned);
    expect(posed.state.camera.azimuthDeg).toBe(80);
    // Replacing the pose image keeps the original "before".
    const again = step(posed.slots, fillSlot(posed.slots, 'pose', content(variant(3, m), 'c.png')), posed.state);
    const cleared = step(again.slots, clearSlot(again.slots, 'pose'), again.state);
    expect(cleared.state.camera.azimuthDeg).toBe(123);
  });

  it('other knobs the user turned after mixing survive a slot change', () => {
    const a = step(emptySlots(), fillSlot(emptySlots(), 'background', content(variant(1, m), 'a.png')));
    const turned = { ...a.state, camera: { ...a.state.camera, elevationDeg: 33 } };
    const b = step(a.slots, fillSlot(a.slots, 'texture', content(variant(3, m), 'c.png')), turned);
    expect(b.state.camera.elevationDeg).toBe(33);
    expect(b.state.codes.background).toEqual(variant(1, m).codes.background);
  });

  it('swap exchanges which factor each image drives', () => {
    let slots = fillSlot(emptySlots(), 'shape', content(variant(2, m), 'b.png'));
    slots = fillSlot(slots, 'texture', content(variant(3, m), 'c.png'));
    const mixed = step(emptySlots(), slots);
    const swapped = step(mixed.slots, swapSlots(mixed.slots, 'shape', 'texture'), mixed.state);
    expect(swapped.state.objects[0].codes.shape).toEqual(variant(3, m).objects[0].codes.shape);
    expect(swapped.state.objects[0].codes.texture).toEqual(variant(2, m).objects[0].codes.texture);
  });

  it('shuffle moves images to other slots, reproducibly for a seed', () => {
    let slots = emptySlots();
    (['background', 'shape', 'texture', 'pose'] as const).forEach((id, k) => (slots = fillSlot(slots, id, content(variant(k + 1, m), `${id}.png`))));
    const rng = createRng(5);
    const shuffled = shuffleSlots(slots, rng.nextFloat);
    const names = (s: Slots) => Object.values(s).map((x) => x.content?.sourceName);
    expect(names(shuffled)).not.toEqual(names(slots));
    expect([...names(shuffled)].sort()).toEqual([...names(slots)].sort());
    expect(names(shuffleSlots(slots, createRng(5).nextFloat))).toEqual(names(shuffled));
  });
});

describe('provenance', () => {
  it('names each factor source while the state still shows it', () => {
    let slots = fillSlot(emptySlots(), 'background', content(variant(1, m), 'a.png'));
    slots = fillSlot(slots, 'shape', content(variant(2, m), 'b.png', 'encoder'));
    const mixed = step(emptySlots(), slots);
    const sources = mixProvenance(mixed.state, m, mixed.slots);
    expect(sources.map((s) => [s.slot, s.source, s.origin])).toEqual([
      ['background', 'a.png', 'metadata'],
      ['shape', 'b.png', 'encoder'],
    ]);
    expect(sources[0].parts).toEqual(['codes.background', 'backgroundRotationDeg']);
    const record = JSON.parse(mixPngText(sources)[MIX_PNG_KEY]);
    expect(record.sources[1].parts).toEqual(['objects.*.codes.shape']);
    // The user turns the shape knob: shape is no longer from b.png.
    const turned = { ...mixed.state, objects: mixed.state.objects.map((o) => ({ ...o, codes: { ...o.codes, shape: { ...o.codes.shape, seed: 1 } } })) } as typeof mixed.state;
    expect(mixProvenance(turned, m, mixed.slots).map((s) => s.slot)).toEqual(['background']);
    expect(mixPngText([])).toEqual({});
  });
});
