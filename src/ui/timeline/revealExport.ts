/**
 * File > Export sequence…: shows the timeline panel and puts the focus on its Export button. The export
 * itself starts from that button, because the browser's save and folder pickers need a click of their own.
 */
import { useSessionStore } from '../../state/sessionStore';
import { useLayoutStore } from '../layoutStore';
import { useTimelineStore } from './timelineStore';

export function revealExport(): void {
  useLayoutStore.getState().setPanel('timeline', true);
  if (!useTimelineStore.getState().spec) {
    useSessionStore.getState().notify('info', 'Make a sequence first: add keyframes, pick a preset or a quick sweep in the timeline.');
  }
  requestAnimationFrame(() => {
    const button = document.querySelector<HTMLElement>('[data-testid="export-start"]');
    button?.scrollIntoView({ block: 'nearest' });
    button?.focus();
  });
}
