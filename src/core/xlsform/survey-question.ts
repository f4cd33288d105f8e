/**
 * One question (or metadata) row of the survey sheet into an item draft: its type, texts, and each
 * column that adds to it (required, relevance, constraint, choices, calculation, parameters, trigger,
 * default, read_only, appearance, choice_filter), one small function per concern.
 */
import { readLabelMedia } from './label-media';
import type { Item, MetaKind } from '../instrument/types';
import { INSTRUMENT_LIMITS } from '../instrument/schema';
import { allOf } from './expressions';
import { lookup } from './lookup';
import type { ParsedType } from './question-type';
import { isDynamicDefault, rangeOf, readParameters } from './survey-cells';
import type { GroupFrame, ItemDraft } from './survey-draft';
import type { SurveyReader } from './survey-reader';
import { cellText, localizedText, yesNo } from './table';
import type { SheetRow } from './workbook';
import type { Problems, Where } from './problems';

/** Types never shown, which need no label and take no answer from a person. */
const UNSHOWN: ReadonlySet<Item['type']> = new Set(['calculate', 'hidden', 'meta']);

/** Parameters Dala applies, by type; any other is kept in the item and named in a warning. */
const APPLIED_PARAMETERS: ReadonlyMap<string, ReadonlySet<string>> = lookup({
  range: new Set(['start', 'end', 'step', 'tick_labelset', 'tick_interval', 'placeholder']),
  // select_one_from_file: the file's columns of the codes and the labels (./external.ts).
  select_one: new Set(['value', 'label']),
  select_multiple: new Set(['value', 'label']),
  // Location: the accuracies become `location`; a browser never tells a mock location apart, so
  // allow-mock-accuracy has nothing to do; points are added one at a time (incremental) anyway.
  geopoint: new Set(['capture-accuracy', 'warning-accuracy', 'allow-mock-accuracy']),
  geotrace: new Set(['allow-mock-accuracy', 'incremental']),
  geoshape: new Set(['allow-mock-accuracy', 'incremental']),
  // Version 3, media: pictures are scaled down on the device (src/adapters/media/image.ts).
  image: new Set(['max-pixels']),
});

/** An item's type from the row's parsed type, by the name the appearance table uses. */
const KIND_OF: ReadonlyMap<string, Item['type']> = lookup({
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  note: 'note',
  calculate: 'calculate',
  acknowledge: 'acknowledge',
  range: 'range',
  barcode: 'barcode',
  hidden: 'hidden',
  'phone number': 'text',
  geopoint: 'geopoint',
  geotrace: 'geotrace',
  geoshape: 'geoshape',
  // Version 3, media
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
  'background-audio': 'background-audio',
});

type QuestionRow = Extract<ParsedType, { kind: 'question' | 'select' | 'metadata' }>;

interface Kind {
  type: Item['type'];
  kindForAppearance: string;
  select?: ItemDraft['select'];
  extraConstraint?: string;
  meta?: MetaKind;
}

/** A question row's item draft (its name already checked); the caller files it in its section. */
export function readQuestion(reader: SurveyReader, r: SheetRow, parsed: QuestionRow, name: string, typeText: string, groups: GroupFrame[]): ItemDraft {
  const { cols } = reader;
  const kind = kindOf(reader, r, parsed);
  const appearance = reader.appearanceOf(r, kind.kindForAppearance);
  const lowerAppearance = appearance.map((w) => w.toLowerCase());
  const type = kind.type === 'text' && lowerAppearance.includes('multiline') ? 'longtext' : kind.type;

  const item = readTexts(reader, r, name, type);
  if (kind.meta) item.meta = kind.meta;
  reader.collectTexts(r);

  readRequired(reader, r, item, typeText);
  readRelevance(reader, r, item, groups);
  readConstraint(reader, r, item, typeText, kind.extraConstraint);
  readChoices(reader, r, item, kind.select, lowerAppearance, appearance);
  readCalculation(reader, r, item);
  readParameterCell(reader, r, item);
  readTrigger(reader, r, item);
  const defaultValue = readDefault(reader, r, item, typeText);

  const answerable = type !== 'note' && !UNSHOWN.has(type);
  const readOnly = answerable ? reader.condition(r, cols.readOnly, name, 'read_only') : undefined;
  if (typeof readOnly === 'string') item.readOnlyIf = readOnly;
  else if (readOnly !== undefined) item.readOnly = readOnly;

  if (appearance.length && !UNSHOWN.has(type)) item.appearance = appearance.join(' ');
  readChoiceFilter(reader, r, item, kind.select, typeText);

  return {
    item,
    row: r.row,
    groups,
    ...(kind.select ? { select: kind.select } : {}),
    appearance: lowerAppearance,
    scale: cellText(r, cols.scale),
    reverse: cellText(r, cols.reverse),
    ...(defaultValue ? { defaultValue } : {}),
  };
}

function kindOf(reader: SurveyReader, r: SheetRow, parsed: QuestionRow): Kind {
  if (parsed.kind === 'metadata') return { type: 'meta', kindForAppearance: 'meta', meta: parsed.meta };
  if (parsed.kind === 'select') {
    const select = { type: parsed.type, list: parsed.list, other: parsed.other, external: parsed.external, where: reader.at(r, reader.cols.type), ...(parsed.file ? { file: parsed.file } : {}) };
    return { type: parsed.type, kindForAppearance: parsed.type, select };
  }
  const type = KIND_OF.get(parsed.type) ?? 'text';
  return { type, kindForAppearance: type, ...(parsed.type === 'phone number' ? { extraConstraint: "regex(., '^[0-9]*$')" } : {}) };
}

/** The item with its label, hint and guidance (a question with neither label nor hint is an error). */
function readTexts(reader: SurveyReader, r: SheetRow, name: string, type: Item['type']): Item {
  const { cols, defaultLanguage: lang, problems } = reader;
  const label = localizedText(r, cols.label, lang);
  const hint = localizedText(r, cols.hint, lang);
  const guidance = localizedText(r, cols.guidance, lang);
  // Version 3, label media: the files shown with the label (./label-media.ts).
  const media = UNSHOWN.has(type) ? undefined : readLabelMedia(r, cols.media, lang, (c) => reader.at(r, c), reader.draft.media, problems);
  if (!label && !UNSHOWN.has(type) && !media && !hint) problems.error(reader.at(r, cols.label[0]), `'${name}' has no label`);
  // A question shown by a picture alone keeps its name as the text (the picture's alt text).
  const item: Item = { name, type, label: label ?? (hint || UNSHOWN.has(type) ? {} : { [lang]: name }) };
  if (media) item.media = media;
  if (hint && !UNSHOWN.has(type)) item.hint = hint;
  if (guidance && !UNSHOWN.has(type)) item.guidance = guidance;
  return item;
}

function readRequired(reader: SurveyReader, r: SheetRow, item: Item, typeText: string): void {
  const { cols, problems } = reader;
  const answerable = item.type !== 'note' && !UNSHOWN.has(item.type);
  const required = answerable ? reader.condition(r, cols.required, item.name, 'required') : undefined;
  const requiredMessage = localizedText(r, cols.requiredMessage, reader.defaultLanguage);
  if (!answerable && cellText(r, cols.required) && yesNo(cellText(r, cols.required)) !== false) {
    problems.warn(reader.at(r, cols.required), `required is ignored on a ${typeText} row`);
  } else if (typeof required === 'string') item.requiredIf = required;
  else if (required !== undefined) item.required = required;
  if (requiredMessage) {
    if (item.required || item.requiredIf) item.requiredMessage = requiredMessage;
    else problems.warn(reader.at(r, cols.requiredMessage[0]), 'required_message is ignored: the question is not required');
  }
}

/**
 * The row's relevance AND-ed with that of its nested groups (a section's own relevance stays on the
 * section): measured before it is joined, so deep nesting of long conditions cannot multiply into
 * one huge text per question.
 */
function readRelevance(reader: SurveyReader, r: SheetRow, item: Item, groups: GroupFrame[]): void {
  const { cols } = reader;
  const ownRelevant = cellText(r, cols.relevant);
  if (ownRelevant) reader.draft.expressions.push({ source: ownRelevant, where: reader.at(r, cols.relevant), kind: 'relevant', self: item.name });
  // A repeat's relevance stays on the repeat (the instrument's `repeats`), applied to every instance.
  const relevantParts = [...groups.slice(1).map((g) => (g.kind === 'group' ? (g.relevant ?? '') : '')), ownRelevant];
  const relevantLength = relevantParts.reduce((n, part) => n + part.length + 8, 0);
  if (relevantLength > INSTRUMENT_LIMITS.text) {
    reader.problems.error(
      reader.at(r, cols.relevant ?? cols.type),
      `the relevance of '${item.name}' and of its ${groups.length - 1} enclosing groups together is longer than ${INSTRUMENT_LIMITS.text} characters`,
    );
  } else {
    const relevant = allOf(relevantParts);
    if (relevant) item.relevant = relevant;
  }
}

function readConstraint(reader: SurveyReader, r: SheetRow, item: Item, typeText: string, extraConstraint: string | undefined): void {
  const { cols, problems } = reader;
  const ownConstraint = cellText(r, cols.constraint);
  if (ownConstraint) reader.draft.expressions.push({ source: ownConstraint, where: reader.at(r, cols.constraint), kind: 'constraint' });
  const constraint = allOf([extraConstraint ?? '', ownConstraint]);
  const constraintMessage = localizedText(r, cols.constraintMessage, reader.defaultLanguage);
  if (constraint) {
    if (item.type === 'note' || UNSHOWN.has(item.type)) problems.warn(reader.at(r, cols.constraint), `constraint is ignored on a ${typeText} row`);
    else item.constraint = constraint;
  }
  if (constraintMessage) {
    if (item.constraint) item.constraintMessage = constraintMessage;
    else problems.warn(reader.at(r, cols.constraintMessage[0]), 'constraint_message is ignored: the question has no constraint');
  }
}

function readChoices(reader: SurveyReader, r: SheetRow, item: Item, select: ItemDraft['select'], lowerAppearance: string[], appearance: string[]): void {
  if (select && select.type !== 'rank') {
    item.choices = select.list;
    if (select.other) item.other = true;
  } else if (select) {
    item.choices = select.list;
    if (select.other) reader.problems.warn(reader.at(r, reader.cols.type), 'or_other is ignored on a rank row: a ranking has no "Other (specify)"');
  }
  if (select?.external && !lowerAppearance.some((w) => w === 'minimal' || w === 'autocomplete')) appearance.push('autocomplete');
}

/** A calculation on any row (pyxform allows it): a question stands at its value until answered. */
function readCalculation(reader: SurveyReader, r: SheetRow, item: Item): void {
  const { cols, problems } = reader;
  const calcText = cellText(r, cols.calculation);
  if (calcText) {
    if (item.type === 'note') problems.warn(reader.at(r, cols.calculation), 'calculation is ignored on a note row');
    else {
      reader.draft.expressions.push({ source: calcText, where: reader.at(r, cols.calculation), kind: 'calculation', self: item.name });
      item.calculation = calcText;
    }
  }
}

/** XLSForm's trigger: the names it watches, checked once every name is known. */
function readTrigger(reader: SurveyReader, r: SheetRow, item: Item): void {
  const { cols, problems } = reader;
  const triggerText = cellText(r, cols.trigger);
  if (triggerText) {
    const names = [...triggerText.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!.trim());
    if (!names.length) problems.error(reader.at(r, cols.trigger), `trigger '${triggerText}' names no question: write \${name}, or several separated by commas`);
    else reader.draft.triggers.push({ item, names, where: reader.at(r, cols.trigger) });
  }
  if (item.type === 'calculate' && !cellText(r, cols.calculation) && !triggerText && !cellText(r, cols.default)) {
    problems.error(reader.at(r, cols.calculation ?? cols.type), `calculate '${item.name}' has no calculation`);
  }
}

function readParameterCell(reader: SurveyReader, r: SheetRow, item: Item): void {
  const { cols } = reader;
  const where = reader.at(r, cols.parameters);
  const parameters = readParameters(cellText(r, cols.parameters), where, reader.problems);
  if (item.type === 'range') {
    const range = rangeOf(parameters, where, reader.problems);
    if (range) {
      item.range = range.range;
      if (range.labels) item.choices = range.labels;
    }
  }
  if (item.type === 'geopoint') {
    // The parameters (pyxform's way) win over the older body:: columns.
    const accuracies = {
      'capture-accuracy': cellText(r, cols.accuracyThreshold),
      'warning-accuracy': cellText(r, cols.unacceptableAccuracy),
      ...parameters,
    };
    const location = locationOf(accuracies, reader.at(r, cols.parameters ?? cols.accuracyThreshold ?? cols.unacceptableAccuracy), reader.problems);
    if (location) item.location = location;
  } else {
    for (const c of [cols.accuracyThreshold, cols.unacceptableAccuracy]) {
      if (cellText(r, c)) reader.problems.warn(reader.at(r, c), `${c!.header} is ignored on a ${item.type} row: only a geopoint takes an accuracy`);
    }
  }
  if (!Object.keys(parameters).length) return;
  item.parameters = parameters;
  const applied = APPLIED_PARAMETERS.get(item.type);
  for (const key of Object.keys(parameters)) {
    if (applied?.has(key)) continue;
    const seen = reader.unapplied.get(key);
    if (seen) seen.rows.push(r.row);
    else reader.unapplied.set(key, { where, rows: [r.row] });
  }
}

/** A dynamic default becomes `defaultExpression`; a fixed one is returned, checked against the choices later. */
function readDefault(reader: SurveyReader, r: SheetRow, item: Item, typeText: string): ItemDraft['defaultValue'] {
  const { cols } = reader;
  const defaultText = cellText(r, cols.default);
  if (!defaultText) return undefined;
  const where = reader.at(r, cols.default);
  if (item.type === 'note' || item.type === 'meta') {
    reader.problems.warn(where, `default is ignored on a ${typeText} row`);
    return undefined;
  }
  if (isDynamicDefault(defaultText, item.type)) {
    item.defaultExpression = defaultText;
    reader.draft.expressions.push({ source: defaultText, where, kind: 'default', self: item.name });
    return undefined;
  }
  return { text: defaultText, where };
}

function readChoiceFilter(reader: SurveyReader, r: SheetRow, item: Item, select: ItemDraft['select'], typeText: string): void {
  const { cols } = reader;
  const choiceFilter = cellText(r, cols.choiceFilter);
  if (choiceFilter && select) {
    item.choiceFilter = choiceFilter;
    reader.draft.expressions.push({ source: choiceFilter, where: reader.at(r, cols.choiceFilter), kind: 'choice_filter', self: item.name, list: select.list });
  } else if (choiceFilter) reader.problems.warn(reader.at(r, cols.choiceFilter), `choice_filter is ignored on a ${typeText} row: only selects have choices to filter`);
}

/**
 * A geopoint row's accuracies in metres (pyxform's capture-accuracy and warning-accuracy, ODK's
 * accuracyThreshold and unacceptableAccuracyThreshold). pyxform refuses one that is not a number;
 * Dala also refuses 0 or less, which no fix can reach.
 */
function locationOf(parameters: Record<string, string>, where: Where, problems: Problems): Item['location'] | undefined {
  const out: NonNullable<Item['location']> = {};
  for (const [key, field] of [['capture-accuracy', 'accuracyThreshold'], ['warning-accuracy', 'unacceptableAccuracy']] as const) {
    const text = parameters[key];
    if (text === undefined || text === '') continue;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 100_000) problems.error(where, `parameter ${key} '${text}' is not a number of metres (more than 0)`);
    else out[field] = n;
  }
  return Object.keys(out).length ? out : undefined;
}
