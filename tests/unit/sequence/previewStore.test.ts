import { beforeEach, describe, expect, it } from 'vitest';
import { useStudioStore } from '../../../src/state/studioStore';
import { baseState } from './helpers';

const at = (az: number) => ({ ...baseState(), camera: { ...baseState().camera, azimuthDeg: az } });

describe('studio store preview path', () => {
  beforeEach(() => useStudioStore.getState().replace(at(0), { resetHistory: true }));

  it('previewing frames records no undo steps and restores the user state', () => {
    const store = useStudioStore.getState();
    for (let i = 1; i <= 30; i++) store.preview(at(i));
    expect(useStudioStore.getState().state!.camera.azimuthDeg).toBe(30);
    expect(useStudioStore.getState().history.past).toHaveLength(0);
    store.endPreview('restore');
    expect(useStudioStore.getState().state!.camera.azimuthDeg).toBe(0);
    expect(useStudioStore.getState().previewBase).toBeNull();
  });
  it('keeping a previewed frame is one undo step back to the user state', () => {
    const store = useStudioStore.getState();
    store.preview(at(10));
    store.preview(at(20));
    store.endPreview('keep');
    expect(useStudioStore.getState().history.past).toHaveLength(1);
    useStudioStore.getState().undo();
    expect(useStudioStore.getState().state!.camera.azimuthDeg).toBe(0);
  });
  it('an edit during a preview applies to the shown frame and undoes to the user state', () => {
    const store = useStudioStore.getState();
    store.preview(at(20));
    store.edit((s) => ({ ...s, camera: { ...s.camera, elevationDeg: 33 } }), 'camera.elevationDeg');
    expect(useStudioStore.getState().state!.camera).toMatchObject({ azimuthDeg: 20, elevationDeg: 33 });
    useStudioStore.getState().undo();
    expect(useStudioStore.getState().state!.camera.azimuthDeg).toBe(0);
  });
});
