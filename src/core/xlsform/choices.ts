/**
 * The `choices` sheet (and `external_choices`, which is written the same way): rows of list_name,
 * name, label (and per-language labels), grouped by list; the other columns are the choices'
 * attributes, which a choice_filter reads.
 */
import type { LabelMedia, LocalizedText } from '../instrument/types';
import { type MediaRef, isMediaColumn, mediaColumns, readLabelMedia } from './label-media';
import { CHOICE_NAME_PATTERN, INSTRUMENT_LIMITS, NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import type { Problems } from './problems';
import { type Table, cellText, findColumn, localizedText, textColumns } from './table';

export interface ChoiceDef {
  name: string;
  label: LocalizedText;
  row: number;
  /** Its cells in the sheet's other columns, by header: what a choice_filter reads. */
  attributes?: Record<string, string>;
  /** Version 3, label media: the files shown with its label, and where each is named. */
  media?: LabelMedia;
  mediaRefs?: MediaRef[];
}

export interface ChoiceListDef {
  name: string;
  /** Row of its first choice. */
  row: number;
  choices: ChoiceDef[];
}

/** Columns of the choices sheet Dala reads; any other column is reported once. */
const KNOWN = new Set(['list_name', 'name', 'label']);

export function readChoices(
  table: Table,
  problems: Problems,
  defaultLanguage: string,
  allowDuplicates: boolean,
): Map<string, ChoiceListDef> {
  const lists = new Map<string, ChoiceListDef>();
  const sheet = table.sheet.name;
  if (!table.rows.length) return lists;
  const listColumn = findColumn(table, 'list_name');
  const nameColumn = findColumn(table, 'name');
  const labelColumns = textColumns(table, 'label');
  const media = mediaColumns(table);
  if (!listColumn || !nameColumn) {
    const missing = [!listColumn && 'list_name', !nameColumn && 'name'].filter(Boolean).join(' and ');
    problems.error({ sheet, row: table.headerRow }, `sheet ${sheet} has no ${missing} column`);
    return lists;
  }

  // Any other column is an attribute of its choices, for choice_filter (`state = ${state}`), unless
  // it is media (not shown) or its header cannot be a name in an expression.
  const attributeColumns: typeof table.columns = [];
  for (const column of table.columns) {
    if (KNOWN.has(column.key)) continue;
    const used = table.rows.find((r) => cellText(r, column) !== '');
    if (!used) continue;
    if (isMediaColumn(column)) continue; // Version 3, label media (./label-media.ts)
    if (column.key.startsWith('media::')) {
      problems.warn({ sheet, row: used.row, column: column.header }, `column '${column.header}' is not read: Dala shows images, audio and video (media::image, media::audio, media::video, media::big-image)`);
    } else if (!NAME_PATTERN.test(column.header) || column.header.length > INSTRUMENT_LIMITS.name || RESERVED_NAMES.has(column.header)) {
      problems.warn(
        { sheet, row: used.row, column: column.header },
        `column '${column.header}' is not read: a choice_filter could not name it (a name has letters, digits, _ . -, starting with a letter or _)`,
      );
    } else attributeColumns.push(column);
  }
  if (attributeColumns.length > INSTRUMENT_LIMITS.choiceAttributes) {
    problems.error(
      { sheet, row: table.headerRow, column: attributeColumns[INSTRUMENT_LIMITS.choiceAttributes]!.header },
      `sheet ${sheet} has ${attributeColumns.length} attribute columns; Dala allows at most ${INSTRUMENT_LIMITS.choiceAttributes}`,
    );
  }

  const firstRow = new Map<string, Map<string, number>>();
  for (const r of table.rows) {
    const list = cellText(r, listColumn);
    const name = cellText(r, nameColumn);
    const label = localizedText(r, labelColumns, defaultLanguage);
    if (!list && !name) {
      if (label) problems.error({ sheet, row: r.row, column: listColumn.header }, 'this choice has a label but no list_name and no name');
      continue;
    }
    if (!list) {
      problems.error({ sheet, row: r.row, column: listColumn.header }, `choice '${name}' has no list_name`);
      continue;
    }
    if (!name) {
      problems.error({ sheet, row: r.row, column: nameColumn.header }, `a choice of list '${list}' has no name`);
      continue;
    }
    let def = lists.get(list);
    if (!def) {
      if (!NAME_PATTERN.test(list) || list.length > INSTRUMENT_LIMITS.name || RESERVED_NAMES.has(list)) {
        problems.error(
          { sheet, row: r.row, column: listColumn.header },
          `'${list}' is not a valid list name: use letters, digits, _ . - (at most ${INSTRUMENT_LIMITS.name}), starting with a letter or _`,
        );
      }
      def = { name: list, row: r.row, choices: [] };
      lists.set(list, def);
      firstRow.set(list, new Map());
    }
    if (!CHOICE_NAME_PATTERN.test(name) || name.length > INSTRUMENT_LIMITS.choiceName || RESERVED_NAMES.has(name)) {
      problems.error(
        { sheet, row: r.row, column: nameColumn.header },
        RESERVED_NAMES.has(name)
          ? `'${name}' is reserved and cannot be a choice name`
          : name.length > INSTRUMENT_LIMITS.choiceName
            ? `choice name of ${name.length} characters: a stored code has at most ${INSTRUMENT_LIMITS.choiceName}`
            : `choice name '${name}' is not valid`,
      );
    }
    const seen = firstRow.get(list)!;
    const before = seen.get(name);
    if (before !== undefined && !allowDuplicates) {
      problems.error(
        { sheet, row: r.row, column: nameColumn.header },
        `duplicate choice '${name}' in list '${list}' (first on row ${before}): choice names are unique within a list, unless the settings say allow_choice_duplicates`,
      );
      continue;
    }
    if (before === undefined) seen.set(name, r.row);
    const mediaRefs: MediaRef[] = [];
    const choiceMedia = readLabelMedia(r, media, defaultLanguage, (c) => ({ sheet, row: r.row, column: c.header }), mediaRefs, problems);
    if (!label && !choiceMedia) {
      problems.warn({ sheet, row: r.row, column: labelColumns[0]?.header ?? 'label' }, `choice '${name}' of list '${list}' has no label: its name is shown`);
    }
    const attributes = Object.fromEntries(attributeColumns.map((c) => [c.header, cellText(r, c)] as const).filter(([, v]) => v !== ''));
    def.choices.push({
      name,
      label: label ?? { [defaultLanguage]: name },
      row: r.row,
      ...(Object.keys(attributes).length ? { attributes } : {}),
      ...(choiceMedia ? { media: choiceMedia, mediaRefs } : {}),
    });
  }
  for (const def of lists.values()) {
    if (def.choices.length > INSTRUMENT_LIMITS.choicesPerList) {
      problems.error(
        { sheet, row: def.row, column: listColumn.header },
        `list '${def.name}' has ${def.choices.length} choices; Dala allows at most ${INSTRUMENT_LIMITS.choicesPerList}`,
      );
    }
  }
  return lists;
}
