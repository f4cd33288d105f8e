/** Names after the survey sheet is read: the same name in two groups, and absolute paths. */
import { INSTRUMENT_LIMITS } from '../instrument/schema';
import { type Problems, rowList } from './problems';
import type { ItemDraft, SurveyDraft } from './survey-draft';
import type { Column } from './table';

const EXPRESSION_FIELDS = ['relevant', 'constraint', 'calculation', 'choiceFilter', 'requiredIf', 'readOnlyIf', 'defaultExpression'] as const;

/**
 * Absolute paths as pyxform passes them through (`/data/group/sub/name`): each that names a question
 * of the form becomes `${name}` with the name the question is stored under, so a name given to
 * questions in several groups is read at the path written, never by its last step alone. The first
 * step is the form's root, whatever it is called. A path to nothing is left for the expression
 * parser to read (and name) as it does.
 */
export function resolveAbsolutePaths(draft: SurveyDraft): void {
  const byPath = new Map<string, string>();
  for (const d of draft.items) byPath.set([...d.groups.map((g) => g.name), d.sheetName ?? d.item.name].join('/'), d.item.name);
  const rewrite = (text: string): string => {
    if (!text.includes('/')) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === "'" || ch === '"' || ch === '\u2018' || ch === '\u201c') {
        const close = ch === '\u2018' ? '\u2019' : ch === '\u201c' ? '\u201d' : ch;
        const end = text.indexOf(close, i + 1);
        const stop = end < 0 ? text.length : end + 1;
        out += text.slice(i, stop);
        i = stop;
        continue;
      }
      // A path that follows a name, ')' or ']' directly (`a/b`) is relative; after a space or an operator it starts at the root.
      const m = ch === '/' && !/[A-Za-z0-9_.)\]]$/.test(out) ? /^\/[A-Za-z_][A-Za-z0-9_.-]*((?:\/[A-Za-z_][A-Za-z0-9_.-]*)+)/.exec(text.slice(i)) : null;
      const stored = m ? byPath.get(m[1]!.slice(1)) : undefined;
      if (m && stored !== undefined) {
        out += `\${${stored}}`;
        i += m[0].length;
        continue;
      }
      out += ch;
      i++;
    }
    return out;
  };
  for (const e of draft.expressions) e.source = rewrite(e.source);
  for (const d of draft.items) for (const f of EXPRESSION_FIELDS) if (d.item[f] !== undefined) d.item[f] = rewrite(d.item[f]!);
  for (const g of draft.groups) if (g.relevant !== undefined) g.relevant = rewrite(g.relevant);
}

/**
 * The same name in two groups (pyxform allows it): each copy inside a group is stored under its
 * groups' path (`household.age`, `person.age`), a copy outside any group keeps the name. A ${name}
 * that reads it is ambiguous, as in pyxform, and refused by ./checks.ts.
 */
export function renameShared(itemsByName: Map<string, ItemDraft[]>, draft: SurveyDraft, problems: Problems, sheet: string, nameCol: Column): void {
  const taken = new Set(itemsByName.keys());
  for (const [name, drafts] of itemsByName) {
    if (drafts.length < 2) continue;
    draft.shared.set(name, drafts.map((d) => d.row));
    for (const d of drafts) {
      if (!d.groups.length) continue;
      let stored = [...d.groups.map((g) => g.name), name].join('.');
      if (stored.length > INSTRUMENT_LIMITS.name) stored = `${d.groups[d.groups.length - 1]!.name}.${name}`.slice(0, INSTRUMENT_LIMITS.name);
      const base = stored;
      for (let k = 2; taken.has(stored); k++) stored = `${base.slice(0, INSTRUMENT_LIMITS.name - String(k).length - 1)}_${k}`;
      taken.add(stored);
      d.sheetName = name;
      d.item.name = stored;
      problems.warn(
        { sheet, row: d.row, column: nameCol.header },
        `'${name}' is also the name of a question in another group (${rowList(drafts.map((x) => x.row))}): this one is stored as '${stored}'`,
      );
    }
  }
}
