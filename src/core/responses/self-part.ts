/**
 * The respondent's part of a study: what a respondent alone (kiosk mode, a study link) is asked, as
 * screens, and their progress. Only items whose `who` is 'respondent' or 'both' (an item's own, else its
 * section's) and that are not `personal` (unless the study asks personal items in self-completion)
 * are in it; the interviewer's part never reaches a respondent, nor counts in their progress.
 *
 * One screen per section that has relevant items for the respondent; on a phone (`perItem`) one
 * screen per item, so a respondent sees one statement at a time instead of a page of cards. The items
 * of a repeat (instrument version 3) stay together: a repeat is one screen, shown while it applies.
 */
import { repeatChain, repeatsByName } from '../instrument/repeats';
import { isForRespondent, type Instrument, type Item } from '../instrument/types';
import { parseAnswerKey } from './answer-key';
import type { FormState } from './form-state';
import { isAnswerable } from './form-state';

export interface SelfScreen {
  /** The section it belongs to. */
  section: number;
  /** The items it shows, in order (relevant now, for the respondent). */
  items: string[];
}

/** The respondent's items of each section (relevant or not), by section index. */
export function selfItems(instrument: Instrument): string[][] {
  return instrument.sections.map((section) => section.items.filter((item) => item.type !== 'calculate' && isForRespondent(instrument, section, item)).map((item) => item.name));
}

/** For each item asked in a repeat, the outermost repeat it is in (its repeat's items are answered per instance). */
function outerRepeats(instrument: Instrument): Map<string, string> {
  const out = new Map<string, string>();
  if (!instrument.repeats?.length) return out;
  const byName = repeatsByName(instrument.repeats);
  for (const s of instrument.sections) for (const item of s.items) if (item.repeat !== undefined) out.set(item.name, repeatChain(byName, item.repeat)[0]?.name ?? item.repeat);
  return out;
}

/** Whether a repeat of the form's top level has a screen now: it applies, and it can have an instance. */
function shownRepeat(instrument: Instrument, form: FormState, name: string): boolean {
  const rs = form.repeats.get(name);
  if (!rs?.relevant) return false;
  const repeat = instrument.repeats?.find((r) => r.name === name);
  const counted = repeat !== undefined && (repeat.count !== undefined || repeat.loop !== undefined);
  return !counted || rs.instances.length > 0;
}

export function selfScreens(instrument: Instrument, form: FormState, opts: { perItem: boolean }): SelfScreen[] {
  const out: SelfScreen[] = [];
  const outer = outerRepeats(instrument);
  selfItems(instrument).forEach((names, section) => {
    if (!form.sections[section]?.relevant) return;
    // An item in a repeat is shown with its repeat, while the repeat applies and has something to
    // answer: a counted repeat (count or loop) with no instance now has no screen; a free one does
    // (the respondent adds the first instance there).
    const shown = names.filter((n) => (outer.has(n) ? shownRepeat(instrument, form, outer.get(n)!) : form.items.get(n)?.relevant));
    if (shown.length === 0) return;
    if (!opts.perItem) {
      out.push({ section, items: shown });
      return;
    }
    let repeat: string | undefined;
    for (const n of shown) {
      const r = outer.get(n);
      if (r !== undefined && r === repeat) out[out.length - 1]!.items.push(n);
      else out.push({ section, items: [n] });
      repeat = r;
    }
  });
  return out;
}

/** Answered and answerable items of the respondent's part (relevant ones), for the progress bar. */
export function selfProgress(instrument: Instrument, form: FormState): { answered: number; answerable: number } {
  let answered = 0;
  let answerable = 0;
  const byName = new Map(instrument.sections.flatMap((s) => s.items.map((i) => [i.name, i] as const)));
  // Items in repeats count once per instance (their answer keys are `member[id]/age`).
  const inRepeats = new Map<string, Item>();
  for (const [key, st] of form.items) {
    if (!key.includes('[') || !st.relevant) continue;
    const item = byName.get(parseAnswerKey(key)?.item ?? '');
    if (item) inRepeats.set(key, item);
  }
  const respondents = new Set(selfItems(instrument).flatMap((names, section) => (form.sections[section]?.relevant ? names : [])));
  for (const [key, item] of inRepeats) {
    if (!respondents.has(item.name) || !isAnswerable(item)) continue;
    answerable++;
    if (form.items.get(key)!.answered) answered++;
  }
  selfItems(instrument).forEach((names, section) => {
    if (!form.sections[section]?.relevant) return;
    for (const n of names) {
      const st = form.items.get(n);
      const item = byName.get(n);
      if (!st?.relevant || !item || !isAnswerable(item)) continue;
      answerable++;
      if (st.answered) answered++;
    }
  });
  return { answered, answerable };
}
