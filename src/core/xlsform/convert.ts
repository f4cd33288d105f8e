/**
 * Sheets -> instrument: the XLSForm converter proper (docs/xlsform.md).
 *
 * Reads `survey`, `choices` and `settings` (sheet names and headers case-insensitive), collects every
 * problem it finds rather than stopping at the first, and returns a status-tagged result. Each
 * problem names the sheet, the row as the spreadsheet shows it, the column header and, inside an
 * expression, the position. Problems that do not stop the form are warnings.
 *
 * The result is also run through `parseInstrument`, so an instrument this returns is one Dala loads.
 */
import type { Problem } from '../errors';
import { parseInstrument, totalTextMessage } from '../instrument/parse';
import { INSTRUMENT_LIMITS } from '../instrument/schema';
import {
  INSTRUMENT_TYPE,
  INSTRUMENT_VERSION,
  type Choice,
  type Instrument,
  type Item,
  type LocalizedText,
  type Section,
} from '../instrument/types';
import { checkDefaults, checkExpressions, checkTexts } from './checks';
import { type ChoiceListDef, readChoices } from './choices';
import { decideLanguages, warnMissingTranslations } from './form-languages';
import { resolveLikert } from './likert';
import { lookup } from './lookup';
import { Problems, type Where } from './problems';
import { type Settings, readSettings } from './settings';
import { type ItemDraft, type SurveyDraft, readSurvey } from './survey';
import { type Table, readTable } from './table';
import type { Workbook } from './workbook';

export type XlsFormResult =
  | { ok: true; instrument: Instrument; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const SHEETS = ['survey', 'choices', 'settings'] as const;

/** Is this one of the sheets the converter reads? (Names are compared trimmed and case-insensitively.) */
export function isFormSheet(name: string): boolean {
  return (SHEETS as readonly string[]).includes(name.trim().toLowerCase());
}

export function convertXlsForm(workbook: Workbook, fileName: string): XlsFormResult {
  const problems = new Problems(fileName);
  const find = (name: string) => workbook.sheets.find((s) => s.name.trim().toLowerCase() === name);
  const surveySheet = find('survey');
  const choicesSheet = find('choices');
  const settingsSheet = find('settings');
  const sheetOrder = [surveySheet, choicesSheet, settingsSheet].flatMap((s) => (s ? [s.name] : []));
  const fail = (): XlsFormResult => ({ ok: false, problems: problems.sorted(sheetOrder) });

  const others = [
    ...workbook.sheets.filter((s) => !isFormSheet(s.name)).map((s) => s.name),
    ...(workbook.otherSheets ?? []).filter((n) => !isFormSheet(n)),
  ];
  for (const name of others) problems.warn({ sheet: name }, otherSheetMessage(name));
  if (!surveySheet) {
    const all = [...workbook.sheets.map((s) => s.name), ...(workbook.otherSheets ?? [])];
    problems.error({}, `sheet 'survey' missing (the workbook has ${all.length ? all.map((n) => `'${n}'`).join(', ') : 'no sheets'})`);
    return fail();
  }

  const survey = readTable(surveySheet, problems);
  const choices = choicesSheet ? readTable(choicesSheet, problems) : undefined;
  const settingsTable = settingsSheet ? readTable(settingsSheet, problems) : undefined;
  const settings = readSettings(settingsTable, problems);
  const langs = decideLanguages([survey, ...(choices ? [choices] : []), ...(settingsTable ? [settingsTable] : [])], settings, problems);
  const lists = choices ? readChoices(choices, problems, langs.default, settings.allowChoiceDuplicates) : new Map<string, ChoiceListDef>();
  const draft = readSurvey(survey, problems, langs.default);
  if (!draft.items.length && !problems.hasErrors) problems.error({ sheet: survey.sheet.name }, 'the survey sheet has no questions');

  const columnOf = (d: ItemDraft, key: string): Where => {
    const c = survey.columns.find((x) => x.key === key && !x.language);
    return { sheet: survey.sheet.name, row: d.row, ...(c ? { column: c.header } : {}) };
  };

  // Choice lists named by selects must exist.
  for (const d of draft.items) {
    if (d.select && !lists.has(d.select.list)) {
      problems.error(
        d.select.where,
        choicesSheet
          ? `list '${d.select.list}' does not exist in sheet ${choicesSheet.name}`
          : `list '${d.select.list}' does not exist: the workbook has no choices sheet`,
      );
    }
  }

  const likert = resolveLikert(draft.items, lists, draft.groups, problems, langs.default, (d, column) => columnOf(d, column));
  checkDefaults(draft.items, lists, problems);
  checkExpressions(draft, lists, problems);
  checkTexts(draft, lists, choices, langs.default, problems);
  warnMissingTranslations(survey, langs.languages, langs.default, problems);
  if (choices) warnMissingTranslations(choices, langs.languages, langs.default, problems);

  // Lists: ordinary selects keep theirs in choiceLists, Likert lists are in likertScales.
  const usedByItems = new Set(draft.items.flatMap((d) => (d.item.choices ? [d.item.choices] : [])));
  const choiceLists: Record<string, Choice[]> = {};
  for (const list of lists.values()) {
    if (usedByItems.has(list.name)) choiceLists[list.name] = list.choices.map((c) => ({ name: c.name, label: c.label, ...(c.attributes ? { attributes: c.attributes } : {}) }));
    else if (!likert.likertLists.has(list.name)) {
      problems.warn({ sheet: choices?.sheet.name ?? 'choices', row: list.row }, `list '${list.name}' is not used by any question: left out`);
    }
  }

  for (const g of draft.groups) {
    if (g.depth > 0 && g.kind === 'group' && Object.keys(g.label).length && !likert.labelledScales.has(g)) {
      const c = survey.columns.find((x) => x.key === 'label');
      problems.warn(
        { sheet: survey.sheet.name, row: g.row, ...(c ? { column: c.header } : {}) },
        `the label of nested group '${g.name}' is not shown: Dala flattens a group inside a group into its section (its relevance is kept)`,
      );
    }
  }

  const sections = buildSections(draft);
  if (problems.hasErrors) return fail();

  const instrument: Instrument = {
    type: INSTRUMENT_TYPE,
    version: INSTRUMENT_VERSION,
    id: studyId(settings, fileName, settingsTable, problems),
    studyVersion: studyVersion(settings, settingsTable, problems),
    title: title(settings, fileName, langs.default),
    languages: langs.languages,
    ...(Object.keys(langs.names).length ? { languageNames: langs.names } : {}),
    choiceLists,
    likertScales: likert.likertScales,
    sections,
    scales: likert.scales,
    ...(settings.recipients?.length ? { recipients: settings.recipients } : {}),
  };

  // The whole is bounded, not only each text (issue 14): said here in the form's own terms.
  const size = characters(instrument);
  if (size > INSTRUMENT_LIMITS.totalText) {
    problems.error({}, totalTextMessage(size));
    return fail();
  }

  // The safety net: what Dala's own loader says. A problem here is a gap in this converter.
  const loaded = parseInstrument(instrument, fileName);
  if (!loaded.ok) {
    for (const p of loaded.problems) if (p.severity === 'error') problems.error({}, `the converted instrument is not valid: ${p.message}`);
    return fail();
  }
  return { ok: true, instrument, warnings: problems.sorted(sheetOrder) };
}

/** Characters of every string and key of a JSON value (an instrument: a few levels deep). */
function characters(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + characters(v), 0);
  if (typeof value === 'object' && value !== null) {
    let n = 0;
    for (const [k, v] of Object.entries(value)) n += k.length + characters(v);
    return n;
  }
  return 0;
}

function otherSheetMessage(name: string): string {
  const lower = name.trim().toLowerCase();
  const features = lookup({
    external_choices: 'Dala does not support external selects',
    entities: 'Dala does not support entities',
    osm: 'Dala does not support OpenStreetMap questions',
  });
  const feature = features.get(lower);
  if (feature) return `sheet '${name}' is not read: ${feature}`;
  const near = SHEETS.find((s) => editDistance(s, lower) <= 2);
  if (near) return `sheet '${name}' is not read: did you mean '${near}'?`;
  return `sheet '${name}' is not read by Dala`;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

// ---------------------------------------------------------------------------------------------
// Assembly

function buildSections(draft: SurveyDraft): Section[] {
  const kept = draft.sections.filter((s) => s.items.length > 0);
  const taken = new Set(kept.flatMap((s) => (s.group ? [s.group.name] : [])));
  return kept.map((s, i) => {
    let name: string;
    if (s.group) name = s.group.name;
    else {
      name = `section_${i + 1}`;
      for (let k = 2; taken.has(name); k++) name = `section_${i + 1}_${k}`;
      taken.add(name);
    }
    const g = s.group;
    return {
      name,
      label: g?.label ?? {},
      ...(g?.hint ? { hint: g.hint } : {}),
      ...(g?.relevant ? { relevant: g.relevant } : {}),
      items: s.items.map((d) => canonicalItem(d.item)),
    };
  });
}

/** The item's fields in the order of the instrument format, so the JSON reads the same way each time. */
const ITEM_KEYS: (keyof Item)[] = [
  'name',
  'type',
  'label',
  'hint',
  'required',
  'requiredMessage',
  'relevant',
  'constraint',
  'constraintMessage',
  'choices',
  'choiceFilter',
  'other',
  'likert',
  'calculation',
  'default',
  'readOnly',
  'appearance',
];

function canonicalItem(item: Item): Item {
  const out: Record<string, unknown> = {};
  for (const key of ITEM_KEYS) if (item[key] !== undefined) out[key] = item[key];
  return out as unknown as Item;
}

function fileBase(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[A-Za-z0-9]+$/, '');
}

function studyId(settings: Settings, fileName: string, table: Table | undefined, problems: Problems): string {
  const raw = settings.formId ?? fileBase(fileName);
  let id = raw.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[.-]/, '_').slice(0, 64);
  if (!id) id = 'form';
  const column = settings.columns.get('form_id');
  const where: Where = table ? { sheet: table.sheet.name, ...(settings.row ? { row: settings.row } : {}), ...(column ? { column: column.header } : {}) } : {};
  if (!settings.formId) {
    problems.warn(where, `no form_id in the settings sheet: the study id '${id}' is taken from the file name`);
  } else if (id !== raw) {
    problems.warn(where, `form_id '${raw}' is not a valid study id (letters, digits, _ . -; at most 64): '${id}' is used`);
  }
  return id;
}

function studyVersion(settings: Settings, table: Table | undefined, problems: Problems): string {
  if (settings.version) return settings.version;
  problems.warn(table ? { sheet: table.sheet.name } : {}, "no version in the settings sheet: '1' is used");
  return '1';
}

function title(settings: Settings, fileName: string, def: string): LocalizedText {
  const out: LocalizedText = {};
  for (const t of settings.titles) {
    const lang = t.language?.code ?? def;
    if (out[lang] === undefined || t.language) out[lang] = t.text;
  }
  if (Object.keys(out).length) return out;
  return { [def]: settings.formId ?? fileBase(fileName) };
}
