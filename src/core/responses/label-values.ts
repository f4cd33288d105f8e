/**
 * `${name}` in the texts a person reads (labels, hints, guidance, notes, section titles, choice
 * labels) filled with the answer, as ODK Collect and Enketo show an XForms `<output value=...>`:
 *
 * - a select_one (or likert) shows its choice's label in the session's language (the code when the
 *   list has no such choice), a select_multiple (or rank) its choices' labels joined by ", ";
 * - any other value as it is stored: numbers, dates and times as written (`34`, `2026-12-03`);
 * - an unanswered reference, or one to a question that does not apply now, shows nothing;
 * - inside a repeat instance, a name of the same repeat (or of a repeat around it) reads that
 *   instance, as expressions do (./form-state.ts); a name in another repeat reads its first instance;
 * - a name that is no question of the form stays as written (a misspelling stays visible).
 *
 * Pure, and cheap: it reads the values the form state already computed (`FormState.effective`),
 * evaluates nothing, and is called only for the texts on the screen. A text without `${` is returned
 * as it is. The result is text: the caller draws it as text, never as HTML.
 */
import { answerKey, type InstancePath, type InstanceStep } from './answer-key';
import type { CompiledInstrument, FormState } from './form-state';
import { localize, type Item } from '../instrument/types';
import type { AnswerValue } from './types';

const REFERENCE = /\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g;

/** Whether `text` has a `${name}` to fill. */
export function hasReferences(text: string): boolean {
  return text.includes('${');
}

/**
 * `text` with each `${name}` replaced by the text of that answer as read from instance `path`
 * ([] outside every repeat), in language `lang`.
 */
export function fillReferences(text: string, compiled: CompiledInstrument, form: FormState, path: InstancePath, lang: string): string {
  if (!hasReferences(text)) return text;
  return text.replace(REFERENCE, (whole, name: string) => {
    const c = compiled.items.get(name);
    if (!c) return whole;
    const value = readFrom(compiled, form, c.item, path);
    return value === null ? '' : valueText(compiled, c.item, value, lang);
  });
}

/** A filler for one instance: what a screen passes to the fields it draws. */
export function referenceFiller(compiled: CompiledInstrument, form: FormState, path: InstancePath, lang: string): (text: string) => string {
  return (text) => fillReferences(text, compiled, form, path, lang);
}

/** The value of `item` as read from inside instance `path`: its own instance or one around it, else the first one. */
function readFrom(compiled: CompiledInstrument, form: FormState, item: Item, path: InstancePath): AnswerValue {
  const chain = item.repeat === undefined ? [] : (compiled.repeats.get(item.repeat)?.chain ?? []);
  let k = 0;
  while (k < chain.length && k < path.length && path[k]!.repeat === chain[k]) k++;
  const at: InstanceStep[] = path.slice(0, k);
  for (let d = k; d < chain.length; d++) {
    const first = form.repeats.get(answerKey(chain[d]!, at))?.instances[0];
    if (!first) return null;
    at.push({ repeat: chain[d]!, id: first.id });
  }
  const value = form.effective[answerKey(item.name, at)];
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0) ? null : value;
}

/** An answer as ODK shows it in a label: the choices' labels for a select, else the value as written. */
function valueText(compiled: CompiledInstrument, item: Item, value: NonNullable<AnswerValue>, lang: string): string {
  const { instrument } = compiled;
  const fallback = instrument.languages[0] ?? 'en';
  let labelOf: ((code: string) => string | undefined) | undefined;
  if (item.type === 'likert') {
    const scale = item.likert && Object.hasOwn(instrument.likertScales, item.likert) ? instrument.likertScales[item.likert] : undefined;
    labelOf = (code) => {
      const point = scale?.points.find((p) => String(p.value) === code);
      const ns = point ? undefined : scale?.nonSubstantive?.find((n) => n.name === code);
      const label = point?.label ?? ns?.label;
      return label ? localize(label, lang, fallback) : undefined;
    };
  } else if (item.choices !== undefined && Object.hasOwn(instrument.choiceLists, item.choices)) {
    const list = instrument.choiceLists[item.choices]!;
    labelOf = (code) => {
      const choice = list.find((ch) => ch.name === code);
      return choice ? localize(choice.label, lang, fallback) : undefined;
    };
  }
  const one = (v: string | number) => {
    const text = String(v);
    return labelOf ? labelOf(text) || text : text;
  };
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}
