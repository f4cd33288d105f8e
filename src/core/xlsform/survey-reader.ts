/**
 * The state of one walk through the survey sheet (./survey.ts) and the small checks every row
 * needs: names, the open groups, appearance words, yes/no-or-condition cells. One reader per sheet;
 * nothing here outlives it.
 */
import { INSTRUMENT_LIMITS, NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import { appearanceWords, drawn } from './appearance';
import { type Problems, type Where, rowList } from './problems';
import type { SurveyColumns } from './survey-columns';
import type { GroupFrame, ItemDraft, SectionDraft, SurveyDraft } from './survey-draft';
import { type Column, cellText, isLetterYesNo, yesNo } from './table';
import type { SheetRow } from './workbook';

export class SurveyReader {
  readonly draft: SurveyDraft = {
    sections: [],
    items: [],
    groups: [],
    expressions: [],
    texts: [],
    refused: new Set(),
    shared: new Map(),
    triggers: [],
    files: [],
    media: [],
  };
  /** The groups open at the current row, outermost first. */
  readonly stack: GroupFrame[] = [];
  /** Items by the name written in the sheet (a name may be used in several groups). */
  readonly itemsByName = new Map<string, ItemDraft[]>();
  /** The section rows go into: a top-level group's, or a run of ungrouped rows. */
  current: SectionDraft | undefined;
  /** Names used among the rows of each group (the survey itself is `null`), with their row. */
  private readonly childNames = new Map<GroupFrame | null, Map<string, number>>();
  private readonly notDrawn = new Map<string, { where: Where; rows: number[]; kind: string; written: string }>();
  private readonly letterWarnings = new Map<string, { where: Where; rows: number[]; text: string; kind: string; meaning: boolean }>();
  readonly unapplied = new Map<string, { where: Where; rows: number[] }>();

  constructor(
    readonly sheet: string,
    readonly cols: SurveyColumns,
    readonly problems: Problems,
    readonly defaultLanguage: string,
  ) {}

  at(r: SheetRow, c: Column | undefined): Where {
    return { sheet: this.sheet, row: r.row, ...(c ? { column: c.header } : {}) };
  }

  checkName(r: SheetRow, name: string, what: string): boolean {
    const where = this.at(r, this.cols.name);
    if (!name) {
      this.problems.error(where, `this ${what} has no name`);
      return false;
    }
    if (RESERVED_NAMES.has(name)) {
      this.problems.error(where, `'${name}' is reserved (every JavaScript object has it) and cannot be a name`);
      return false;
    }
    if (!NAME_PATTERN.test(name) || name.length > INSTRUMENT_LIMITS.name) {
      this.problems.error(
        where,
        `'${name}' is not a valid name: use letters, digits, _ . - (at most ${INSTRUMENT_LIMITS.name}), starting with a letter or _`,
      );
      return false;
    }
    return true;
  }

  /** pyxform's rule: a name is unique among the rows of its nearest group (or of the survey). */
  uniqueInGroup(r: SheetRow, name: string): boolean {
    const parent = this.stack[this.stack.length - 1] ?? null;
    let names = this.childNames.get(parent);
    if (!names) this.childNames.set(parent, (names = new Map()));
    const before = names.get(name);
    if (before !== undefined) {
      this.problems.error(
        this.at(r, this.cols.name),
        `duplicate name '${name}' (first used on row ${before})${parent ? ` in group '${parent.name}'` : ''}: names are unique within their group`,
      );
      return false;
    }
    names.set(name, r.row);
    return true;
  }

  /** Collects the label, hint and message texts of a row, for the ${name} check. */
  collectTexts(r: SheetRow): void {
    const c = this.cols;
    for (const column of [...c.label, ...c.hint, ...c.guidance, ...c.requiredMessage, ...c.constraintMessage]) {
      const text = cellText(r, column);
      if (text.includes('${')) this.draft.texts.push({ text, where: this.at(r, column) });
    }
  }

  /** The appearance words of a row as written; those Dala does not draw are reported once per word. */
  appearanceOf(r: SheetRow, kind: string): string[] {
    const raw = cellText(r, this.cols.appearance);
    if (!raw) return [];
    const words = appearanceWords(raw);
    for (const w of words) {
      if (drawn(kind, w)) continue;
      const key = `${kind}\u0000${w.toLowerCase()}`;
      const seen = this.notDrawn.get(key);
      if (seen) seen.rows.push(r.row);
      else this.notDrawn.set(key, { where: this.at(r, this.cols.appearance), rows: [r.row], kind, written: w.replace(/\s+/g, ' ') });
    }
    return words;
  }

  /** required / read_only: yes/no as pyxform reads them, else a condition (an expression). */
  condition(r: SheetRow, c: Column | undefined, name: string, kind: 'required' | 'read_only'): boolean | string | undefined {
    const text = cellText(r, c);
    const v = yesNo(text);
    if (isLetterYesNo(text)) {
      const key = `${kind}\u0000${text}`;
      const letter = this.letterWarnings.get(key);
      if (letter) letter.rows.push(r.row);
      else this.letterWarnings.set(key, { where: this.at(r, c), rows: [r.row], text, kind, meaning: v === true });
    }
    if (v !== 'invalid') return v;
    this.draft.expressions.push({ source: text, where: this.at(r, c), kind, self: name });
    return text;
  }

  /** The section a question of this row goes into (a new one for the first of a run of ungrouped rows). */
  sectionForItem(r: SheetRow): SectionDraft {
    if (this.stack.length) return this.current!;
    if (!this.current || this.current.group) {
      this.current = { row: r.row, items: [] };
      this.draft.sections.push(this.current);
    }
    return this.current;
  }

  /** Problems known only at the end of the sheet: groups never closed, and the warnings gathered by word. */
  finish(): void {
    const { problems } = this;
    for (const open of this.stack) {
      problems.error({ sheet: this.sheet, row: open.row, column: this.cols.type.header }, `begin ${open.kind} '${open.name}' has no matching end ${open.kind}`);
    }
    for (const { where, rows, kind, written } of this.notDrawn.values()) {
      const what = kind === 'group' ? 'the group is shown' : 'the question is shown';
      if (/^[a-z-]+=\S/i.test(written)) {
        problems.warn(where, `appearance '${written}' looks like a parameter: ODK ignores it in the appearance column, and so does Dala; write it in the parameters column (${rowList(rows)})`);
      } else if (/^ex:/i.test(written)) {
        problems.warn(where, `appearance '${written}' launches another app, which a browser cannot: the answer is typed (${rowList(rows)})`);
      } else problems.warn(where, `appearance '${written}' is not drawn by Dala on a ${kind} row: ${what} in its usual form (${rowList(rows)})`);
    }
    for (const { where, rows, text, kind, meaning } of this.letterWarnings.values()) {
      problems.warn(
        where,
        `${kind} '${text}' is read as ${meaning ? 'yes' : 'no'} (ODK reads a single letter as the name of a question, and so as no; write ${meaning ? 'yes' : 'no'}) (${rowList(rows)})`,
      );
    }
    for (const [key, { where, rows }] of this.unapplied) {
      problems.warn(where, `parameter '${key}' is kept but not applied by Dala (${rowList(rows)})`);
    }
  }
}
