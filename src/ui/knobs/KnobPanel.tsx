/**
 * The knob panel: every factor of the loaded model as leva controls, built from the manifest alone.
 * Keyed by model id with its own leva store, so opening another model starts from fresh knobs instead of
 * leva's global store remembering the previous model's values.
 */
import { LevaPanel, useCreateStore } from 'leva';
import { useEffect, useMemo, useRef } from 'react';
import type { Manifest } from '../../families/manifest';
import { useStudioActions } from '../../app/actions';
import { useStudioStore } from '../../state/studioStore';
import { useLayoutStore } from '../layoutStore';
import { runAction } from '../runAction';
import { useSelectionStore } from '../selectionStore';
import { KnobGroupControls } from './KnobGroupControls';
import type { KnobHandlers } from './levaSchema';
import { levaTheme } from './levaTheme';
import { buildKnobGroups, coerceKnobValue, groupSignature, type KnobGroup } from './schema';
import { getAtPath, setAtPath, setKnobValue } from '../../state/statePath';
import type { LatentCode } from '../../state/studioState';
import { withAnchor } from '../../families/anchors';
import { useSessionStore } from '../../state/sessionStore';
import { limitedMessage, typedBeyondSlider } from './typedValues';

export interface KnobPanelProps {
  manifest: Manifest;
}

export function KnobPanel({ manifest }: KnobPanelProps) {
  return <KnobPanelForModel key={manifest.id} manifest={manifest} />;
}

function KnobPanelForModel({ manifest }: KnobPanelProps) {
  const store = useCreateStore();
  const actions = useStudioActions();
  const theme = useLayoutStore((s) => s.theme);
  const selected = useSelectionStore((s) => s.selectedObject);
  // Rebuild the groups only when their structure changes (selection, bounds), not on every value change.
  const signature = useStudioStore((s) =>
    s.state ? buildKnobGroups(manifest, s.state, selected).map(groupSignature).join('\n') : '',
  );
  const groups = useMemo(() => {
    const state = useStudioStore.getState().state;
    return state ? buildKnobGroups(manifest, state, selected) : [];
    // `signature` stands for the state's structure; values are pushed by KnobGroupControls.
  }, [manifest, selected, signature]);

  useEffect(() => {
    useSelectionStore.getState().selectObject(0);
    useSelectionStore.getState().selectFactor(null);
  }, [manifest]);

  const handlers = useMemo<KnobHandlers>(
    () => ({
      change(_group, knob, raw) {
        if (knob.binding.kind === 'selectedObject') {
          useSelectionStore.getState().selectObject(Number(raw));
          return;
        }
        if (knob.binding.kind === 'anchor') {
          const { codePath } = knob.binding;
          useStudioStore.getState().edit((s) => setAtPath(s, codePath, withAnchor(getAtPath(s, codePath) as LatentCode, knob.anchors ?? [], Number(raw))), `${codePath}.vector`);
          useSelectionStore.getState().selectFactor(codePath);
          return;
        }
        const path = knob.binding.path;
        const value = coerceKnobValue(knob.control, raw);
        useStudioStore.getState().edit((s) => setKnobValue(s, path, value), path);
        if (knob.factorPath) useSelectionStore.getState().selectFactor(knob.factorPath);
      },
      randomize(action) {
        useSelectionStore.getState().selectFactor(action.path);
        runAction(() => actions.randomize(action.path));
      },
      reset(action) {
        runAction(() => actions.resetFactor(action.path));
      },
    }),
    [actions],
  );

  const groupsRef = useRef(groups);
  groupsRef.current = groups;
  const panelRef = useRef<HTMLDivElement>(null);
  // A number typed past a slider's end is taken as typed (see typedValues.ts). Capture-phase listeners
  // run before leva's own (React's keydown at the root, a native blur on the input) and stop them.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const commit = (event: Event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement)) return;
      const found = findKnob(groupsRef.current, input.id);
      if (!found || found.knob.binding.kind !== 'state') return;
      const typed = typedBeyondSlider(found.knob.control, input.value);
      if (!typed) return;
      event.stopPropagation();
      event.preventDefault();
      handlers.change(found.group, found.knob, typed.value);
      const message = limitedMessage(found.knob, typed);
      if (message) useSessionStore.getState().notify('info', message);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter') commit(event);
    };
    panel.addEventListener('keydown', onKeyDown, true);
    panel.addEventListener('blur', commit, true);
    return () => {
      panel.removeEventListener('keydown', onKeyDown, true);
      panel.removeEventListener('blur', commit, true);
    };
  }, [handlers]);

  return (
    <div ref={panelRef} className="knob-panel" data-testid="knob-panel" data-model-id={manifest.id}>
      <LevaPanel store={store} fill flat titleBar={false} hideCopyButton neverHide theme={levaTheme(theme)} />
      {groups.map((group, i) => (
        <KnobGroupControls key={group.id} manifest={manifest} group={group} order={i} store={store} handlers={handlers} />
      ))}
    </div>
  );
}

/** The knob whose leva input has this DOM id (`${group.id}.${knob.key}`). */
function findKnob(groups: KnobGroup[], id: string) {
  for (const group of groups) {
    for (const knob of group.knobs) if (`${group.id}.${knob.key}` === id) return { group, knob };
  }
  return null;
}
