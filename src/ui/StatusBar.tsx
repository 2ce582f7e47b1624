/**
 * The bottom line a desktop app has: which model, which execution provider actually ran, how long a frame
 * took, which knobs are extrapolating, download progress and how many notices are open.
 */
import { useSessionStore, type LoadProgress } from '../state/sessionStore';
import { useStudioStore } from '../state/studioStore';
import { extrapolatedSet } from './knobs/extrapolated';
import { describeKnobPath } from './knobs/knobWords';
import { clock } from './timeline/ExportControls';
import { useTimelineStore } from './timeline/timelineStore';

const PROVIDER_NAMES = { wasm: 'WASM', webgpu: 'WebGPU' } as const;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function Progress({ loading }: { loading: LoadProgress }) {
  const fraction = loading.total ? Math.min(1, loading.loaded / loading.total) : undefined;
  return (
    <span className="status-item status-progress" data-testid="status-progress">
      {loading.label}{' '}
      <progress max={1} value={fraction} aria-label={`${loading.label} progress`} />{' '}
      {formatBytes(loading.loaded)}
      {loading.total ? ` / ${formatBytes(loading.total)}` : ''}
    </span>
  );
}

/**
 * A running export, always in sight: frames done, rate, time left and a way to stop it (keeping the frames
 * done), whatever panel is open or scrolled. The timeline's own export box has the full controls.
 */
function ExportStatus() {
  const job = useTimelineStore((s) => s.job);
  const total = useTimelineStore((s) => s.spec?.frames ?? 0);
  if (!job) return null;
  const done = job.progress?.done ?? 0;
  return (
    <span className="status-item status-progress" data-testid="status-export">
      exporting <progress max={total} value={done} aria-label="export progress" /> {done} / {total} ·{' '}
      {(job.progress?.fps ?? 0).toFixed(1)} fps · ETA {clock(job.progress?.etaSeconds ?? null)}{' '}
      <button type="button" className="status-button" data-testid="status-export-cancel" onClick={() => job.cancel('keep')} title="Stop the export and keep the frames done">
        Stop
      </button>
    </span>
  );
}

/** Words of the knobs outside the trained range, recomputed only when the state or model changes. */
function useExtrapolationWords(): string[] {
  const manifest = useSessionStore((s) => s.manifest);
  const state = useStudioStore((s) => s.state);
  if (!manifest || !state) return [];
  try {
    return [...extrapolatedSet(state, manifest)].map((p) => describeKnobPath(p, manifest, state.objects.length));
  } catch {
    return []; // a state that does not fit the model yet (switching models): nothing to say
  }
}

export function StatusBar() {
  const manifest = useSessionStore((s) => s.manifest);
  const provider = useSessionStore((s) => s.provider);
  const preference = useSessionStore((s) => s.providerPreference);
  const runMs = useSessionStore((s) => s.runMs);
  const frameMs = useSessionStore((s) => s.frameMs);
  const loading = useSessionStore((s) => s.loading);
  const notices = useSessionStore((s) => s.notices);
  const extrapolating = useExtrapolationWords();
  const errors = notices.filter((n) => n.level === 'error').length;

  return (
    <footer className="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      <span className="status-item" data-testid="status-model" title={manifest?.description}>
        {manifest ? manifest.name : loading ? 'Loading…' : 'No model'}
      </span>
      <span className="status-item" data-testid="status-provider" data-provider={provider ?? ''}>
        {provider ? PROVIDER_NAMES[provider] : '–'}
        {preference !== 'auto' && ` (forced ${PROVIDER_NAMES[preference]})`}
      </span>
      <span className="status-item" data-testid="status-timing" title="engine run / knob to pixels">
        run {formatMs(runMs)} · frame {formatMs(frameMs)}
      </span>
      {extrapolating.length > 0 && (
        <span className="status-item status-warning" data-testid="status-extrapolation" title="Outside the trained range">
          ⚠ extrapolating: {extrapolating.join(', ')}
        </span>
      )}
      <span className="status-spacer" />
      <ExportStatus />
      {loading && <Progress loading={loading} />}
      {notices.length > 0 && (
        <span className={errors ? 'status-item status-error' : 'status-item'} data-testid="status-notices">
          {notices.length} notice{notices.length === 1 ? '' : 's'}
        </span>
      )}
    </footer>
  );
}
