/**
 * The respondent's part of a study: what a respondent alone (kiosk mode, a study link) is asked, as
 * screens, and their progress. Only items whose `who` is 'respondent' or 'both' (an item's own, else its
 * section's) and that are not `personal` (unless the study asks personal items in self-completion)
 * are in it; the interviewer's part never reaches a respondent, nor counts in their progress.
 *
 * One screen per section that has relevant items for the respondent; on a phone (`perItem`) one
 * screen per item, so a respondent sees one statement at a time instead of a page of cards.
 */
import { isForRespondent, type Instrument } from '../instrument/types';
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

export function selfScreens(instrument: Instrument, form: FormState, opts: { perItem: boolean }): SelfScreen[] {
  const out: SelfScreen[] = [];
  selfItems(instrument).forEach((names, section) => {
    if (!form.sections[section]?.relevant) return;
    const shown = names.filter((n) => form.items.get(n)?.relevant);
    if (shown.length === 0) return;
    if (opts.perItem) for (const n of shown) out.push({ section, items: [n] });
    else out.push({ section, items: shown });
  });
  return out;
}

/** Answered and answerable items of the respondent's part (relevant ones), for the progress bar. */
export function selfProgress(instrument: Instrument, form: FormState): { answered: number; answerable: number } {
  let answered = 0;
  let answerable = 0;
  const byName = new Map(instrument.sections.flatMap((s) => s.items.map((i) => [i.name, i] as const)));
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
