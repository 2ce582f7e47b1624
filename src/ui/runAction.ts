/**
 * Runs a StudioActions call from a click or a key and turns a failure into a notice. The controller
 * reports its own errors, but a rejected promise or a synchronous throw must never vanish (or reach the
 * console only) when the user pressed something.
 */
import { StudioError } from '../lib/errors';
import { useSessionStore } from '../state/sessionStore';

export function runAction(action: () => void | Promise<unknown>): void {
  const report = (error: unknown) => {
    const e = StudioError.from(error);
    useSessionStore.getState().notify('error', e.message, { code: e.code, detail: e.detail });
  };
  try {
    const result = action();
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).catch(report);
  } catch (error) {
    report(error);
  }
}
