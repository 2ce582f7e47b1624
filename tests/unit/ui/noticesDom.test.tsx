// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '../../../src/state/sessionStore';
import { Notices } from '../../../src/ui/Notices';
import { mount, settle, type Mounted } from './render';

describe('Notices', () => {
  let mounted: Mounted;
  beforeEach(async () => {
    useSessionStore.setState({ notices: [] });
    mounted = await mount(<Notices />);
  });
  afterEach(() => mounted.unmount());

  const dismissAll = () => document.querySelector<HTMLButtonElement>('[data-testid="notices-dismiss-all"]');

  it('one notice has its own close button only; several get "Dismiss all", which clears them', async () => {
    await act(async () => useSessionStore.getState().notify('error', 'first problem'));
    await settle();
    expect(document.querySelectorAll('[data-testid="notice"]')).toHaveLength(1);
    expect(dismissAll()).toBeNull();
    await act(async () => {
      useSessionStore.getState().notify('warning', 'second problem');
      useSessionStore.getState().notify('error', 'third problem');
    });
    await settle();
    expect(dismissAll()!.textContent).toBe('Dismiss all (3)');
    await act(async () => dismissAll()!.click());
    await settle();
    expect(useSessionStore.getState().notices).toEqual([]);
    expect(document.querySelector('[data-testid="notices"]')).toBeNull();
  });
});
