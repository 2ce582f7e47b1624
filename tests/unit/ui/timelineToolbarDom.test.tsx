// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '../../../src/state/sessionStore';
import { useStudioStore } from '../../../src/state/studioStore';
import { TimelineToolbar } from '../../../src/ui/timeline/TimelineToolbar';
import { useTimelineStore } from '../../../src/ui/timeline/timelineStore';
import { sceneManifest, sceneState } from './fixtures';
import { mount, settle, type Mounted } from './render';

const addButton = () => document.querySelector<HTMLButtonElement>('[data-testid="timeline-add-keyframe"]')!;
const keyframes = () => {
  const spec = useTimelineStore.getState().spec;
  return spec?.kind === 'keyframes' ? spec.keyframes.map((k) => [k.frame, k.state.camera.elevationDeg]) : [];
};

describe('Timeline: add keyframe', () => {
  let mounted: Mounted;
  beforeEach(async () => {
    useSessionStore.setState({ manifest: sceneManifest(), notices: [] });
    useStudioStore.getState().replace(sceneState(), { resetHistory: true });
    useTimelineStore.setState({ spec: null, cursor: 0, selected: null, playing: false });
    mounted = await mount(<TimelineToolbar />);
    await settle();
  });
  afterEach(() => mounted.unmount());

  it('add, turn a knob, add again: a sequence from the first state to the second', async () => {
    await act(async () => addButton().click());
    expect(keyframes()).toEqual([[0, 25]]);
    const last = useTimelineStore.getState().spec!.frames - 1;
    expect(useTimelineStore.getState().cursor).toBe(last);
    expect(addButton().textContent).toBe('Add keyframe');
    await act(async () => useStudioStore.getState().edit((s) => ({ ...s, camera: { ...s.camera, elevationDeg: 35 } }), 'camera.elevationDeg'));
    await act(async () => addButton().click());
    expect(keyframes()).toEqual([[0, 25], [last, 35]]);
  });

  it('on a keyframe the button says it updates that keyframe, and does', async () => {
    await act(async () => addButton().click());
    await act(async () => useTimelineStore.getState().setCursor(0));
    expect(addButton().textContent).toBe('Update keyframe');
    await act(async () => useStudioStore.getState().edit((s) => ({ ...s, camera: { ...s.camera, elevationDeg: 15 } }), 'camera.elevationDeg'));
    await act(async () => addButton().click());
    expect(keyframes()).toEqual([[0, 15]]);
  });
});
