/**
 * What sits over the rig canvas: the box-mode buttons with their keys, a one-line hint, or, when there is
 * no rig to draw (no 3D camera, no WebGL), the message that says why. Plain DOM, so it stays readable
 * and clickable whatever the canvas does.
 */
import type { CSSProperties } from 'react';
import { TRANSFORM_MODES, type TransformMode } from './modes';

const toolbar: CSSProperties = {
  position: 'absolute',
  top: 6,
  left: 6,
  display: 'flex',
  gap: 4,
  pointerEvents: 'auto',
};
const button: CSSProperties = {
  font: '12px system-ui, sans-serif',
  padding: '2px 8px',
  borderWidth: 1,
  borderStyle: 'solid',
  borderColor: '#555b66',
  borderRadius: 4,
  background: '#2a2d34',
  color: '#d8dbe2',
  cursor: 'pointer',
};
const active: CSSProperties = { ...button, background: '#ff8c42', borderColor: '#ff8c42', color: '#1d1f24' };
const hint: CSSProperties = {
  position: 'absolute',
  bottom: 6,
  left: 8,
  font: '11px system-ui, sans-serif',
  color: '#9aa0ab',
  pointerEvents: 'none',
};
const messageBox: CSSProperties = {
  position: 'absolute',
  inset: 0,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: 16,
  textAlign: 'center',
  font: '13px system-ui, sans-serif',
  color: '#c3c7cf',
  background: '#1d1f24',
};

export function RigMessage({ text }: { text: string }) {
  return (
    <div style={messageBox} role="status" data-testid="rig-preview-message">
      {text}
    </div>
  );
}

export interface RigToolbarProps {
  mode: TransformMode;
  hasObjects: boolean;
  onMode(mode: TransformMode): void;
}

export function RigToolbar({ mode, hasObjects, onMode }: RigToolbarProps) {
  return (
    <>
      {hasObjects && (
        <div style={toolbar} role="toolbar" aria-label="Box tool">
          {TRANSFORM_MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              style={m.mode === mode ? active : button}
              aria-pressed={m.mode === mode}
              title={`${m.label} the selected box (${m.keys})`}
              data-testid={`rig-mode-${m.mode}`}
              onClick={() => onMode(m.mode)}
            >
              {m.label}
            </button>
          ))}
        </div>
      )}
      <div style={hint}>Drag the camera to move it on its orbit · click a box to select · drag empty space to look around</div>
    </>
  );
}
