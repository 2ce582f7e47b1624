/**
 * KnobGroup (plain data) -> a leva schema. The one place that knows leva's input shapes. Every onChange
 * ignores leva's initial call and values that did not come from the panel (`fromPanel` false is our own
 * `set` from the studio store), so a store -> panel update never re-enters as an edit.
 */
import { buttonGroup } from 'leva';
import type { ReactElement } from 'react';
import type { FactorAction, KnobGroup, KnobSpec } from './schema';

export interface KnobHandlers {
  /** The user moved a knob in the panel. */
  change(group: KnobGroup, knob: KnobSpec, value: unknown): void;
  randomize(action: FactorAction): void;
  reset(action: FactorAction): void;
}

/** What leva passes to onChange as its third argument (the parts used here). */
interface ChangeContext {
  initial: boolean;
  fromPanel: boolean;
}

/** Leva's schema type is not exported; this is the subset built here. */
export type LevaSchema = Record<string, unknown>;

/** Leva key of the randomize/reset button row of a one-factor group. */
export const ACTIONS_KEY = 'actions';

export function toLevaSchema(
  group: KnobGroup,
  handlers: KnobHandlers,
  label: (knob: KnobSpec) => string | ReactElement = (knob) => knob.label,
): LevaSchema {
  const schema: LevaSchema = {};
  for (const knob of group.knobs) {
    const onChange = (value: unknown, _path: string, context: ChangeContext) => {
      if (context.initial || !context.fromPanel) return;
      handlers.change(group, knob, value);
    };
    schema[knob.key] = { ...levaInput(knob), label: label(knob), onChange };
  }
  const [only, ...more] = group.actions;
  if (only && more.length === 0) {
    schema[ACTIONS_KEY] = buttonGroup({
      label: null,
      opts: { randomize: () => handlers.randomize(only), reset: () => handlers.reset(only) },
    });
  } else if (only) {
    // Several factors in one folder (object: translation, scale, pose): one button per factor and verb.
    const row = (run: (a: FactorAction) => void) => Object.fromEntries(group.actions.map((a) => [a.label, () => run(a)]));
    schema.randomize = buttonGroup({ label: 'randomize', opts: row((a) => handlers.randomize(a)) });
    schema.reset = buttonGroup({ label: 'reset', opts: row((a) => handlers.reset(a)) });
  }
  return schema;
}

function levaInput(knob: KnobSpec): Record<string, unknown> {
  const c = knob.control;
  switch (c.type) {
    case 'number':
      return { value: c.value, min: c.min, max: c.max, step: c.step };
    case 'integer':
      // No max: with both bounds leva draws a slider, useless over 2^32 seeds. coerceKnobValue clamps.
      return { value: c.value, min: c.min, step: 1 };
    case 'select':
      // A fresh object each time: leva's select normalisation mutates its options.
      return { value: c.value, options: Object.fromEntries(c.options.map((o) => [o.label, o.value])) };
    case 'boolean':
      return { value: c.value };
  }
}
