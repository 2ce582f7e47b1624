/**
 * Connects the three.js rig preview to the store: the active family adapter turns the state into rig
 * geometry (the preview never knows a family), and drags in the rig become knob edits (one undo step per
 * drag, through the same edit keys the knob panel uses).
 */
import { useMemo } from 'react';
import type { Manifest } from '../families/manifest';
import { adapterFor } from '../families/registry';
import { RigPreview } from '../preview';
import { useSessionStore } from '../state/sessionStore';
import { useStudioStore } from '../state/studioStore';
import { useSelectionStore } from '../ui/selectionStore';
import { wrapDegreesInto } from './wrapDegrees';

/**
 * What the panel says instead of a rig: the family's own words when its adapter has them (MixNMatch: "no 3D
 * camera", and what it controls instead), so the user is not shown a camera the model does not have.
 */
export function rigMessage(manifest: Manifest | null, loading = false): string {
  if (!manifest) return loading ? 'Loading the model…' : 'No model loaded.';
  const adapter = adapterFor(manifest);
  return adapter.noRigMessage?.(manifest) ?? `${manifest.name} has no 3D camera: its factors are codes only; use the knob panel.`;
}

export function RigPanel() {
  const state = useStudioStore((s) => s.state);
  const manifest = useSessionStore((s) => s.manifest);
  const selectedObject = useSelectionStore((s) => s.selectedObject);
  const geometry = useMemo(() => {
    if (!state || !manifest || state.modelId !== manifest.id) return null;
    return adapterFor(manifest).rig(state, manifest);
  }, [state, manifest]);
  const loading = useSessionStore((s) => s.loading !== null);
  const message = rigMessage(manifest, loading);

  return (
    <RigPreview
      geometry={geometry}
      selectedObject={selectedObject}
      message={geometry ? undefined : message}
      onCameraDrag={({ elevationDeg, azimuthDeg }) => {
        const range = manifest?.camera?.azimuthDeg;
        const azimuth = range ? wrapDegreesInto(azimuthDeg, range.min, range.max) : azimuthDeg;
        useStudioStore
          .getState()
          .edit((s) => ({ ...s, camera: { ...s.camera, elevationDeg, azimuthDeg: azimuth } }), 'rig.camera');
      }}
      onObjectChange={(index, next) => {
        useStudioStore.getState().edit(
          (s) => ({
            ...s,
            objects: s.objects.map((o, i) =>
              i === index ? { ...o, translation: next.translation, scale: next.scale, rotationDeg: next.rotationDeg } : o,
            ),
          }),
          `rig.objects.${index}`,
        );
      }}
      onSelectObject={(index) => useSelectionStore.getState().selectObject(index)}
      onGestureStart={() => useStudioStore.getState().beginGesture()}
      onGestureEnd={() => useStudioStore.getState().endGesture()}
    />
  );
}
