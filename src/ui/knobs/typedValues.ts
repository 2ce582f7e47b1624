/**
 * Numbers typed past a slider's end. leva clamps a typed number to the slider's min/max without a word, so
 * typing elevation 80 on a slider that ends at 47.5 gave 47.5. The studio's promise is that values outside
 * the trained range are allowed (and marked as extrapolating): a number typed past the slider is taken as
 * typed, kept only inside the knob's limits (what the knob can mean at all), and the user is told when it
 * had to be limited. The slider then widens to show the value, as it does for a value from a link.
 */
import type { KnobControl, KnobSpec } from './schema';

export interface TypedValue {
  /** The value to set. */
  value: number;
  /** What was typed, when the knob's limits changed it; null when it is set as typed. */
  limitedFrom: number | null;
}

/**
 * What to set for `text` typed into a knob, when leva would clamp it to the slider; null when leva's own
 * handling is right (a value on the slider, text that is not a number, a knob without a slider).
 */
export function typedBeyondSlider(control: KnobControl, text: string): TypedValue | null {
  if (control.type !== 'number' || text.trim() === '') return null;
  const typed = Number(text);
  if (!Number.isFinite(typed) || (typed >= control.min && typed <= control.max)) return null;
  const value = Math.min(control.limits.max, Math.max(control.limits.min, typed));
  return { value, limitedFrom: value === typed ? null : typed };
}

/** The notice for a typed value the knob's limits changed, e.g. "FOV can be at most 179: set to 179 (typed 200)." */
export function limitedMessage(knob: Pick<KnobSpec, 'label'>, typed: TypedValue): string | null {
  if (typed.limitedFrom === null) return null;
  const bound = typed.limitedFrom > typed.value ? 'at most' : 'at least';
  return `${knob.label} can be ${bound} ${typed.value}: set to ${typed.value} (typed ${typed.limitedFrom}).`;
}
