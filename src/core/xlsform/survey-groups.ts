/**
 * `begin group` / `end group` rows (and their repeat spellings): a frame pushed on the reader's
 * stack, and popped with the checks a close needs. A top-level group opens a section.
 */
import type { ParsedType } from './question-type';
import type { GroupFrame } from './survey-draft';
import type { SurveyReader } from './survey-reader';
import { cellText, localizedText } from './table';
import type { SheetRow } from './workbook';

export function openGroup(reader: SurveyReader, r: SheetRow, parsed: Extract<ParsedType, { kind: 'begin_group' | 'begin_repeat' }>, name: string): void {
  const { cols, problems, stack, draft } = reader;
  const kind = parsed.kind === 'begin_group' ? 'group' : 'repeat';
  if (parsed.kind === 'begin_repeat') {
    problems.error(reader.at(r, cols.type), `Dala does not support ${parsed.feature}`);
  }
  let groupName = name;
  if (!reader.checkName(r, name, kind) || !reader.uniqueInGroup(r, name)) groupName = `row${r.row}`;
  const relevant = cellText(r, cols.relevant);
  if (relevant) draft.expressions.push({ source: relevant, where: reader.at(r, cols.relevant), kind: 'relevant' });
  const hint = localizedText(r, cols.hint, reader.defaultLanguage);
  const frame: GroupFrame = {
    kind,
    name: groupName,
    label: localizedText(r, cols.label, reader.defaultLanguage) ?? {},
    ...(hint ? { hint } : {}),
    ...(relevant ? { relevant } : {}),
    appearance: reader.appearanceOf(r, 'group').map((w) => w.toLowerCase()),
    row: r.row,
    depth: stack.length,
    items: 0,
  };
  reader.collectTexts(r);
  draft.groups.push(frame);
  if (!stack.length) {
    reader.current = { group: frame, row: r.row, items: [] };
    draft.sections.push(reader.current);
  }
  stack.push(frame);
}

export function closeGroup(reader: SurveyReader, r: SheetRow, parsed: Extract<ParsedType, { kind: 'end_group' | 'end_repeat' }>): void {
  const { cols, problems, stack } = reader;
  const kind = parsed.kind === 'end_group' ? 'group' : 'repeat';
  const top = stack.pop();
  if (!top) {
    problems.error(reader.at(r, cols.type), `end ${kind} without a matching begin ${kind}`);
    return;
  }
  if (top.kind !== kind) {
    problems.error(reader.at(r, cols.type), `end ${kind} closes the begin ${top.kind} '${top.name}' of row ${top.row}: write end ${top.kind}`);
  }
  if (top.items === 0 && top.kind === 'group') {
    problems.warn({ sheet: reader.sheet, row: top.row, column: cols.name.header }, `group '${top.name}' has no questions${stack.length ? '' : ': it is left out'}`);
  }
  if (!stack.length) reader.current = undefined;
}
