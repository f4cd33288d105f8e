/**
 * The `survey` sheet, walked row by row into draft sections and items.
 *
 * Structure: a top-level `begin group` ... `end group` becomes a Section (name, label, hint,
 * relevant, appearance). Items outside any group collect into a section of their own, one per run
 * of ungrouped rows. A group nested in another is flattened into the enclosing section: its
 * relevance is AND-ed into the relevance of each of its items, and it stays the items' innermost
 * group (which names the scale of a Likert item without a `scale` cell, see ./likert.ts).
 *
 * Names follow pyxform: a name is unique among the rows of its group (the same name in two groups
 * is allowed, and the copies are stored under their group's path, `household.age`); a note without
 * a name is called `generated_note_name_ROW`, as pyxform calls it.
 *
 * Expressions are collected here and checked once every name is known (./checks.ts), because
 * XLSForm lets a row read a question further down.
 *
 * The parts: ./survey-reader.ts (the walk's state and per-row checks), ./survey-groups.ts (begin and
 * end rows), ./survey-question.ts (a question row into an item), ./survey-names.ts (names shared by
 * groups, absolute paths), ./survey-cells.ts and ./survey-columns.ts.
 */
import { parseType } from './question-type';
import type { Problems } from './problems';
import { reportUnreadColumns, type SurveyColumns, surveyColumns } from './survey-columns';
import type { SurveyDraft } from './survey-draft';
import { closeGroup, openGroup } from './survey-groups';
import { renameShared, resolveAbsolutePaths } from './survey-names';
import { readQuestion } from './survey-question';
import { SurveyReader } from './survey-reader';
import { type Table, cellText } from './table';

export type { ExpressionDraft, GroupFrame, ItemDraft, SectionDraft, SurveyDraft, TextDraft } from './survey-draft';

export function readSurvey(table: Table, problems: Problems, defaultLanguage: string): SurveyDraft {
  const sheet = table.sheet.name;
  const found = surveyColumns(table);
  if (!found.type || !found.name) {
    const missing = [!found.type && 'type', !found.name && 'name'].filter(Boolean).join(' and ');
    problems.error({ sheet, row: table.headerRow }, `the survey sheet has no ${missing} column`);
    return new SurveyReader(sheet, found as SurveyColumns, problems, defaultLanguage).draft;
  }
  const cols = found as SurveyColumns;
  reportUnreadColumns(table, problems);
  const reader = new SurveyReader(sheet, cols, problems, defaultLanguage);
  const { draft } = reader;

  for (const r of table.rows) {
    const typeText = cellText(r, cols.type);
    let name = cellText(r, cols.name);
    if (!typeText) {
      if (name) problems.error(reader.at(r, cols.type), `'${name}' has no type`);
      else if (cols.label.some((c) => cellText(r, c))) problems.error(reader.at(r, cols.type), 'this row has a label but no type');
      continue;
    }
    const parsed = parseType(typeText);
    switch (parsed.kind) {
      case 'begin_group':
      case 'begin_repeat':
        openGroup(reader, r, parsed, name);
        continue;
      case 'end_group':
      case 'end_repeat':
        closeGroup(reader, r, parsed);
        continue;
      case 'external_file':
        if (!name) problems.error(reader.at(r, cols.name), `this ${typeText} row has no name: the name is the file's (NAME.${parsed.extension})`);
        else draft.files.push({ file: `${name}.${parsed.extension}`, where: reader.at(r, cols.name) });
        continue;
      case 'unsupported':
      case 'malformed':
      case 'unknown': {
        const message =
          parsed.kind === 'unsupported'
            ? `Dala does not support ${parsed.feature}${parsed.advice ? `: ${parsed.advice}` : ''}`
            : parsed.kind === 'malformed'
              ? parsed.message
              : `unknown question type '${parsed.type}'`;
        problems.error(reader.at(r, cols.type), message);
        if (name) draft.refused.add(name);
        continue;
      }
      default:
        break;
    }

    // A question, or metadata. pyxform names a note without a name after its row.
    if (!name && parsed.kind === 'question' && parsed.type === 'note') name = `generated_note_name_${r.row}`;
    if (!reader.checkName(r, name, parsed.kind === 'metadata' ? 'metadata row' : 'question')) {
      if (name) draft.refused.add(name);
      continue;
    }
    if (!reader.uniqueInGroup(r, name)) continue;

    const section = reader.sectionForItem(r);
    const groups = reader.stack.slice();
    for (const g of groups) g.items++;
    const itemDraft = readQuestion(reader, r, parsed, name, typeText, groups);
    section.items.push(itemDraft);
    draft.items.push(itemDraft);
    const same = reader.itemsByName.get(name);
    if (same) same.push(itemDraft);
    else reader.itemsByName.set(name, [itemDraft]);
  }

  reader.finish();
  renameShared(reader.itemsByName, draft, problems, sheet, cols.name);
  resolveAbsolutePaths(draft);
  return draft;
}
