/**
 * The three box-editing modes and how they restrict TransformControls. GIRAFFE objects only turn about
 * the world up axis and only scale uniformly, so the gizmo offers nothing else.
 */
import type { TransformControls } from 'three/addons/controls/TransformControls.js';

export type TransformMode = 'translate' | 'rotate' | 'scale';

export const TRANSFORM_MODES: readonly { mode: TransformMode; label: string; keys: string }[] = [
  { mode: 'translate', label: 'Move', keys: 'G / W' },
  { mode: 'rotate', label: 'Rotate', keys: 'R / E' },
  { mode: 'scale', label: 'Scale', keys: 'S' },
];

/**
 * Blender's G/R/S and the W/E/R of other editors. They disagree on R; Blender's meaning (rotate) wins
 * because it is the one of the two that names its letter after the action.
 */
const KEY_TO_MODE: Record<string, TransformMode> = { g: 'translate', w: 'translate', r: 'rotate', e: 'rotate', s: 'scale' };

/** The mode a key press asks for, or null (modified keys are other shortcuts, never a mode). */
export function modeForKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): TransformMode | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  return KEY_TO_MODE[event.key.toLowerCase()] ?? null;
}

/** World space always; in rotate mode only the ring about three's +y, which is the model's +z (up). */
export function applyTransformMode(controls: TransformControls, mode: TransformMode): void {
  controls.setMode(mode);
  controls.setSpace('world');
  const upOnly = mode === 'rotate';
  controls.showX = !upOnly;
  controls.showY = true;
  controls.showZ = !upOnly;
}
