// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioActionsContext, type StudioActions } from '../../../src/app/actions';
import { useSessionStore } from '../../../src/state/sessionStore';
import { useStudioStore } from '../../../src/state/studioStore';
import { KnobPanel } from '../../../src/ui/knobs/KnobPanel';
import { useSelectionStore } from '../../../src/ui/selectionStore';
import { anchoredSceneManifest, sceneManifest, sceneState } from './fixtures';
import { giraffeDefaultState } from '../../../src/families/giraffe/defaults';
import { fakeActions, mount, settle, type Mounted } from './render';

/** What a user does in leva's number field: type, then leave the field (leva commits on blur or Enter). */
async function typeInto(input: HTMLInputElement, text: string) {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new FocusEvent('blur'));
  });
  await settle();
}

const byId = (id: string) => document.getElementById(id) as HTMLInputElement | null;

describe('KnobPanel in the DOM', () => {
  let mounted: Mounted;
  let actions: StudioActions;
  beforeEach(async () => {
    useStudioStore.getState().replace(sceneState(), { resetHistory: true });
    useSelectionStore.setState({ selectedObject: 0, selectedFactor: null });
    actions = fakeActions();
    mounted = await mount(
      <StudioActionsContext.Provider value={actions}>
        <KnobPanel manifest={sceneManifest()} />
      </StudioActionsContext.Provider>,
    );
    await settle();
  });
  afterEach(() => mounted.unmount());

  it('renders the elevation input under id camera.elevation with the state value', () => {
    expect(Number(byId('camera.elevation')!.value)).toBe(25);
  });

  it('a typed value becomes one edit of the state, keyed by the knob', async () => {
    await typeInto(byId('camera.elevation')!, '33');
    const { state, history } = useStudioStore.getState();
    expect(state!.camera.elevationDeg).toBe(33);
    expect(history.past).toHaveLength(1);
    expect(history.lastKey).toBe('camera.elevationDeg');
  });

  it('follows external changes (undo) without recording them as edits', async () => {
    await typeInto(byId('camera.elevation')!, '33');
    await act(async () => useStudioStore.getState().undo());
    await settle();
    expect(Number(byId('camera.elevation')!.value)).toBe(25);
    expect(useStudioStore.getState().history.past).toHaveLength(0);
    expect(useStudioStore.getState().history.future).toHaveLength(1);
  });

  it('marks a value outside the trained range as extrapolating', async () => {
    const label = () => mounted.container.querySelector('label[for="camera.elevation"] .knob-label')!;
    expect(label().getAttribute('data-extrapolating')).toBeNull();
    await typeInto(byId('camera.elevation')!, '55');
    expect(label().getAttribute('data-extrapolating')).toBe('true');
    expect(label().getAttribute('aria-label')).toBe('elevation (extrapolating)');
  });

  it('takes a number typed past the slider as typed (extrapolation), not clamped to the slider', async () => {
    await typeInto(byId('camera.elevation')!, '80');
    expect(useStudioStore.getState().state!.camera.elevationDeg).toBe(80);
    expect(Number(byId('camera.elevation')!.value)).toBe(80);
    expect(useStudioStore.getState().history.past).toHaveLength(1);
    const label = mounted.container.querySelector('label[for="camera.elevation"] .knob-label')!;
    expect(label.getAttribute('data-extrapolating')).toBe('true');
  });

  it('keeps a typed number inside what the knob can mean, and says so', async () => {
    useSessionStore.setState({ notices: [] });
    await typeInto(byId('camera.fov')!, '200');
    expect(useStudioStore.getState().state!.camera.fovDeg).toBe(179);
    expect(useSessionStore.getState().notices.map((n) => n.message)).toContain('FOV can be at most 179: set to 179 (typed 200).');
  });

  it('Enter commits a typed number past the slider as well', async () => {
    const input = byId('camera.radius')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '6');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await settle();
    expect(useStudioStore.getState().state!.camera.radius).toBe(6);
  });

  it('shows the selected object and switches with the object selector', async () => {
    expect(Number(byId('object.translationX')!.value)).toBe(0);
    const select = mounted.container.querySelector('select[id="object.object"]') as HTMLSelectElement;
    expect(select).not.toBeNull();
    await act(async () => {
      select.value = '1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(useSelectionStore.getState().selectedObject).toBe(1);
    expect(Number(byId('object.translationX')!.value)).toBeCloseTo(0.3);
    expect(useStudioStore.getState().history.past).toHaveLength(0);
    await typeInto(byId('object.scale')!, '0.25');
    expect(useStudioStore.getState().state!.objects[1].scale).toBe(0.25);
    expect(useStudioStore.getState().state!.objects[0].scale).toBe(0.3);
  });

  it('randomize and reset buttons call the actions with the factor path', async () => {
    const buttons = (text: string) => [...mounted.container.querySelectorAll('button')].filter((b) => b.textContent === text);
    expect(buttons('randomize')).toHaveLength(3); // shape, texture, background: one factor per folder
    await act(async () => buttons('randomize')[0].click());
    expect(actions.randomize).toHaveBeenCalledWith('objects.0.codes.shape');
    expect(useSelectionStore.getState().selectedFactor).toBe('objects.0.codes.shape');
    // Folders with several factors get a randomize row and a reset row, one button per factor.
    const [randomizePose, resetPose] = buttons('pose');
    await act(async () => randomizePose.click());
    expect(actions.randomize).toHaveBeenCalledWith('objects.0.pose');
    await act(async () => resetPose.click());
    expect(actions.resetFactor).toHaveBeenCalledWith('objects.0.pose');
    await act(async () => buttons('camera')[1].click());
    expect(actions.resetFactor).toHaveBeenCalledWith('camera');
  });
});

describe('KnobPanel with named anchors', () => {
  let mounted: Mounted;
  beforeEach(async () => {
    const manifest = anchoredSceneManifest();
    useStudioStore.getState().replace(giraffeDefaultState(manifest), { resetHistory: true });
    useSelectionStore.setState({ selectedObject: 0, selectedFactor: null });
    mounted = await mount(
      <StudioActionsContext.Provider value={fakeActions()}>
        <KnobPanel manifest={manifest} />
      </StudioActionsContext.Provider>,
    );
    await settle();
  });
  afterEach(() => mounted.unmount());

  const classSelect = () => mounted.container.querySelector('select[id="shape.class"]') as HTMLSelectElement;
  const shapeCode = () => useStudioStore.getState().state!.objects[0].codes.shape as { vector?: number[]; seed: number };

  it('offers the trained classes by name and sets the code to the one picked, in one undo step', async () => {
    expect([...classSelect().options].map((o) => o.textContent)).toEqual(['(seed below)', 'sphere', 'cube', 'cone']);
    const picked = () => classSelect().options[classSelect().selectedIndex].textContent;
    expect(picked()).toBe('cube'); // a fresh state starts on an anchor
    await act(async () => {
      classSelect().value = '3'; // leva's option values are positions in the list: (seed below), sphere, cube, cone
      classSelect().dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(shapeCode().vector).toEqual([0, 0, 1, 0]);
    expect(picked()).toBe('cone');
    expect(useStudioStore.getState().history.past).toHaveLength(1);
    // Picked by class, not from an image: no "img" tag on the seed knob.
    expect(mounted.container.querySelector('label[for="shape.seed"] .knob-tag')).toBeNull();
  });

  it('a seed typed afterwards returns the code to its seeds, and the class reads "(seed below)"', async () => {
    await typeInto(byId('shape.seed')!, '42');
    expect(shapeCode().vector).toBeUndefined();
    expect(shapeCode().seed).toBe(42);
    expect(classSelect().options[classSelect().selectedIndex].textContent).toBe('(seed below)');
  });
});
