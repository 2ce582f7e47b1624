/**
 * One leva folder per knob group. A component per group lets the number of groups follow the manifest
 * (hooks cannot be called a variable number of times) and keeps leva keys short and local ("seed" in every
 * code group), so input ids read `${group}.${key}`: `camera.elevation`, `shape.seed`, `object.scale`.
 *
 * Store -> panel: a subscription pushes changed values with leva's `set` (marked not-from-panel, which the
 * onChange handlers ignore), so undo, URL loads and rig drags move the knobs without feeding back.
 */
import { useControls, type useCreateStore } from 'leva';
import { useEffect, useRef } from 'react';
import type { Manifest } from '../../families/manifest';
import { useStudioStore } from '../../state/studioStore';
import { useSelectionStore } from '../selectionStore';
import { KnobLabel } from './KnobLabel';
import { toLevaSchema, type KnobHandlers } from './levaSchema';
import { groupSignature, groupValues, type KnobGroup, type KnobSpec } from './schema';

type LevaStore = ReturnType<typeof useCreateStore>;

export interface KnobGroupControlsProps {
  manifest: Manifest;
  group: KnobGroup;
  store: LevaStore;
  handlers: KnobHandlers;
  /** Folder order in the panel. */
  order: number;
}

function labelFor(manifest: Manifest) {
  return (knob: KnobSpec) => (
    <KnobLabel
      text={knob.label}
      manifest={manifest}
      extrapolationPath={knob.extrapolationPath}
      trained={knob.trained}
      codePath={knob.codePath}
    />
  );
}

export function KnobGroupControls({ manifest, group, store, handlers, order }: KnobGroupControlsProps) {
  const signature = groupSignature(group);
  const groupRef = useRef(group);
  groupRef.current = group;
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  const [, set] = useControls(
    group.id,
    () =>
      toLevaSchema(
        groupRef.current,
        {
          change: (g, knob, value) => handlersRef.current.change(g, knob, value),
          randomize: (a) => handlersRef.current.randomize(a),
          reset: (a) => handlersRef.current.reset(a),
        },
        labelFor(manifest),
      ) as never,
    { order },
    { store },
    [signature],
  ) as unknown as [unknown, (values: Record<string, unknown>) => void];

  useEffect(() => {
    const push = () => {
      const state = useStudioStore.getState().state;
      if (!state) return;
      const current = groupRef.current;
      const values = groupValues(current, state, useSelectionStore.getState().selectedObject);
      const changed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        if (!Object.is(store.get(`${current.id}.${key}`), value)) changed[key] = value;
      }
      if (Object.keys(changed).length > 0) set(changed);
    };
    push();
    const offState = useStudioStore.subscribe(push);
    const offSelection = useSelectionStore.subscribe(push);
    return () => {
      offState();
      offSelection();
    };
  }, [signature, store, set]);

  return null;
}
