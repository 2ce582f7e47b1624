/**
 * Errors and warnings the user must see (a corrupt bundle, a WebGPU fallback, NaN output), as dismissible
 * toasts with the detail one click away. Never alert(): the studio keeps running underneath.
 */
import { useEffect } from 'react';
import { useSessionStore, type Notice } from '../state/sessionStore';

/** Info notices go away by themselves; errors and warnings stay until dismissed. */
export const INFO_TIMEOUT_MS = 6000;

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useSessionStore((s) => s.dismiss);
  useEffect(() => {
    if (notice.level !== 'info') return;
    const t = setTimeout(() => dismiss(notice.id), INFO_TIMEOUT_MS);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  return (
    <li
      className={`notice notice--${notice.level}`}
      role={notice.level === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-level={notice.level}
      data-code={notice.code ?? ''}
    >
      <div className="notice-head">
        <span className="notice-message">{notice.message}</span>
        <button type="button" className="notice-dismiss" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
          ×
        </button>
      </div>
      {(notice.detail || notice.code) && (
        <details className="notice-detail">
          <summary>Details</summary>
          {notice.code && <div className="notice-code">code: {notice.code}</div>}
          {notice.detail && <pre>{notice.detail}</pre>}
        </details>
      )}
    </li>
  );
}

/** Several notices pile up over the panels below them: one click clears them all. */
function DismissAll() {
  const notices = useSessionStore((s) => s.notices);
  const dismiss = useSessionStore((s) => s.dismiss);
  return (
    <li className="notices-clear">
      <button type="button" data-testid="notices-dismiss-all" onClick={() => notices.forEach((n) => dismiss(n.id))}>
        Dismiss all ({notices.length})
      </button>
    </li>
  );
}

export function Notices() {
  const notices = useSessionStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices" data-testid="notices">
      {notices.length > 1 && <DismissAll />}
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </ul>
  );
}
