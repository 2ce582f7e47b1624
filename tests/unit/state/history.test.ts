import { describe, expect, it } from 'vitest';
import { beginGesture, COALESCE_MS, emptyHistory, endGesture, HISTORY_LIMIT, recordEdit, redo, undo, type History } from '../../../src/state/history';
import type { StudioState } from '../../../src/state/studioState';

/** Distinct states told apart by elevation. */
const at = (elevationDeg: number) => ({ camera: { elevationDeg } }) as unknown as StudioState;

/** Applies edits (key, time) starting from elevation 0; returns the history and the final state. */
function play(edits: [key: string | null, t: number][], start: History = emptyHistory()) {
  let history = start;
  let state = at(0);
  edits.forEach(([key, t], i) => {
    history = recordEdit(history, state, key, t);
    state = at(i + 1);
  });
  return { history, state };
}

describe('undo history', () => {
  it('merges a slider drag (same knob, quick edits) into one step', () => {
    const { history, state } = play([['camera.elevationDeg', 0], ['camera.elevationDeg', 50], ['camera.elevationDeg', 100]]);
    expect(history.past).toHaveLength(1);
    expect(undo(history, state)!.state).toEqual(at(0));
  });

  it('keeps edits of different knobs, or after a pause, as separate steps', () => {
    expect(play([['a', 0], ['b', 10]]).history.past).toHaveLength(2);
    expect(play([['a', 0], ['a', COALESCE_MS + 1]]).history.past).toHaveLength(2);
    expect(play([[null, 0], [null, 1]]).history.past).toHaveLength(2);
  });

  it('makes a whole gesture one step however long the pointer pauses', () => {
    const { history, state } = play([['rig.camera', 0], ['rig.camera', 5000], ['rig.objects.0', 20_000]], beginGesture(emptyHistory()));
    expect(history.past).toHaveLength(1);
    expect(undo(history, state)!.state).toEqual(at(0));
    // After the gesture ends the same key starts a new step.
    const after = recordEdit(endGesture(history), state, 'rig.camera', 20_001);
    expect(after.past).toHaveLength(2);
  });

  it('redo after undo returns to the edited state; a new edit clears redo', () => {
    const { history, state } = play([['a', 0], ['b', 1]]);
    const undone = undo(history, state)!;
    expect(undone.state).toEqual(at(1));
    expect(redo(undone.history, undone.state)!.state).toEqual(state);
    expect(recordEdit(undone.history, undone.state, 'c', 2).future).toEqual([]);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    const edits = Array.from({ length: HISTORY_LIMIT + 20 }, (_, i) => [null, i] as [null, number]);
    expect(play(edits).history.past).toHaveLength(HISTORY_LIMIT);
  });
});
