/** The columns of the survey sheet Dala reads, found once per sheet; a warning for every other. */
import { type Problems, rowList } from './problems';
import { isMediaColumn, mediaColumns } from './label-media';
import { type Column, type Table, TRANSLATABLE, cellText, findColumn, textColumns } from './table';

/** Columns of the survey sheet Dala reads. */
const READ = new Set([
  'type',
  'name',
  'label',
  'hint',
  'guidance_hint',
  'required',
  'required_message',
  'relevant',
  'constraint',
  'constraint_message',
  'appearance',
  'default',
  'read_only',
  'calculation',
  'choice_filter',
  'parameters',
  'trigger',
  'scale',
  'reverse',
  'repeat_count',
  // Location: older forms set a geopoint's accuracies as control attributes, in these columns.
  'body::accuracythreshold',
  'body::unacceptableaccuracythreshold',
]);

/** One warning per survey column Dala does not read, naming the rows that have a value in it. */
export function reportUnreadColumns(table: Table, problems: Problems): void {
  for (const c of table.columns) {
    if (READ.has(c.key) && !(c.language && !TRANSLATABLE.has(c.key))) continue;
    // Version 3, label media (./label-media.ts)
    if (isMediaColumn(c)) continue;
    const rows = table.rows.filter((r) => cellText(r, c) !== '').map((r) => r.row);
    if (!rows.length) continue;
    problems.warn({ sheet: table.sheet.name, row: rows[0]!, column: c.header }, `column '${c.header}' is ignored: Dala does not know this column (${rowList(rows)})`);
  }
}

/** The survey's columns Dala reads, found once; `type` and `name` are checked by the caller. */
export function surveyColumns(table: Table) {
  const col = (key: string) => findColumn(table, key);
  return {
    type: col('type'),
    name: col('name'),
    label: textColumns(table, 'label'),
    hint: textColumns(table, 'hint'),
    guidance: textColumns(table, 'guidance_hint'),
    requiredMessage: textColumns(table, 'required_message'),
    constraintMessage: textColumns(table, 'constraint_message'),
    media: mediaColumns(table),
    required: col('required'),
    relevant: col('relevant'),
    constraint: col('constraint'),
    appearance: col('appearance'),
    default: col('default'),
    readOnly: col('read_only'),
    calculation: col('calculation'),
    choiceFilter: col('choice_filter'),
    parameters: col('parameters'),
    scale: col('scale'),
    reverse: col('reverse'),
    trigger: col('trigger'),
    accuracyThreshold: col('body::accuracythreshold'),
    unacceptableAccuracy: col('body::unacceptableaccuracythreshold'),
    repeatCount: col('repeat_count'),
  };
}

export type SurveyColumns = ReturnType<typeof surveyColumns> & { type: Column; name: Column };
