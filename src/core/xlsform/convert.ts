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
import type { Repeat } from '../instrument/repeats';
import {
  INSTRUMENT_TYPE,
  INSTRUMENT_VERSION,
  type Choice,
  type Instrument,
  type Item,
  type LocalizedText,
  type Section,
} from '../instrument/types';
import { checkDefaults, checkExpressions, checkTexts, checkTriggers } from './checks';
import { type ChoiceListDef, readChoices } from './choices';
import { decideLanguages, warnMissingTranslations } from './form-languages';
import { resolveLikert } from './likert';
import { lookup } from './lookup';
import { Problems, type Where } from './problems';
import { type Settings, readSettings } from './settings';
import { type ItemDraft, type SectionDraft, type SurveyDraft, readSurvey } from './survey';
import { type Table, readTable } from './table';
import { type FormFile, resolveExternalData } from './external';
import { type MediaRef, attachLabelMedia } from './label-media';
import type { Workbook } from './workbook';

export type XlsFormResult =
  | { ok: true; instrument: Instrument; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const SHEETS = ['survey', 'choices', 'settings', 'external_choices'] as const;

/** Is this one of the sheets the converter reads? (Names are compared trimmed and case-insensitively.) */
export function isFormSheet(name: string): boolean {
  return (SHEETS as readonly string[]).includes(name.trim().toLowerCase());
}

/** `files`: the files given with the form (its external data, ./external.ts). */
export function convertXlsForm(workbook: Workbook, fileName: string, files: readonly FormFile[] = []): XlsFormResult {
  const problems = new Problems(fileName);
  const find = (name: string) => workbook.sheets.find((s) => s.name.trim().toLowerCase() === name);
  // As pyxform: a workbook of one sheet, whatever its name, is the survey.
  const onlySheet = workbook.sheets.length === 1 && !workbook.otherSheets?.length ? workbook.sheets[0] : undefined;
  const surveySheet = find('survey') ?? (onlySheet && !isFormSheet(onlySheet.name) ? onlySheet : undefined);
  const choicesSheet = find('choices');
  const settingsSheet = find('settings');
  const externalSheet = find('external_choices');
  const sheetOrder = [surveySheet, choicesSheet, settingsSheet, externalSheet].flatMap((s) => (s ? [s.name] : []));
  const fail = (): XlsFormResult => ({ ok: false, problems: problems.sorted(sheetOrder) });

  if (surveySheet && surveySheet === onlySheet && !isFormSheet(surveySheet.name)) {
    problems.warn({ sheet: surveySheet.name }, `the workbook's only sheet, '${surveySheet.name}', is read as the survey sheet (as pyxform reads it)`);
  }
  const others = [
    ...workbook.sheets.filter((s) => !isFormSheet(s.name) && s !== surveySheet).map((s) => s.name),
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
  const external = externalSheet ? readTable(externalSheet, problems) : undefined;
  const settings = readSettings(settingsTable, problems);
  const langs = decideLanguages([survey, ...(choices ? [choices] : []), ...(settingsTable ? [settingsTable] : []), ...(external ? [external] : [])], settings, problems);
  const lists = choices ? readChoices(choices, problems, langs.default, settings.allowChoiceDuplicates) : new Map<string, ChoiceListDef>();
  const externalLists = external ? readChoices(external, problems, langs.default, settings.allowChoiceDuplicates) : new Map<string, ChoiceListDef>();
  const draft = readSurvey(survey, problems, langs.default);
  if (!draft.items.length && !problems.hasErrors) problems.error({ sheet: survey.sheet.name }, 'the survey sheet has no questions');
  if (settings.instanceName) addInstanceName(draft, settings.instanceName);

  // select_one_external reads its list from the external_choices sheet; the instrument has one
  // namespace of lists, so a name found in both sheets is stored as NAME_external.
  for (const d of draft.items) {
    if (!d.select?.external) continue;
    const list = externalLists.get(d.select.list);
    if (!list) {
      problems.error(
        d.select.where,
        externalSheet ? `list '${d.select.list}' does not exist in sheet ${externalSheet.name}` : `list '${d.select.list}' does not exist: the workbook has no external_choices sheet`,
      );
      continue;
    }
    let stored = list.name;
    if (lists.has(stored) && lists.get(stored) !== list) stored = `${list.name}_external`;
    lists.set(stored, stored === list.name ? list : { ...list, name: stored });
    d.select.list = stored;
    d.item.choices = stored;
  }

  const columnOf = (d: ItemDraft, key: string): Where => {
    const c = survey.columns.find((x) => x.key === key && !x.language);
    return { sheet: survey.sheet.name, row: d.row, ...(c ? { column: c.header } : {}) };
  };

  // External data: lists from attached files, search(), pulldata() and instance() (./external.ts).
  const external_ = resolveExternalData({
    draft,
    lists,
    files,
    problems,
    defaultLanguage: langs.default,
    allowDuplicates: settings.allowChoiceDuplicates,
    where: columnOf,
  });

  // Choice lists named by selects (and a range's tick labels) must exist.
  for (const d of draft.items) {
    if (d.item.type === 'range' && d.item.choices && !lists.has(d.item.choices)) {
      problems.error(columnOf(d, 'parameters'), `tick_labelset '${d.item.choices}' is not a list of sheet ${choicesSheet?.name ?? 'choices'}`);
    }
    if (d.select && !d.select.external && !d.select.file && !lists.has(d.select.list)) {
      problems.error(
        d.select.where,
        choicesSheet
          ? `list '${d.select.list}' does not exist in sheet ${choicesSheet.name}`
          : `list '${d.select.list}' does not exist: the workbook has no choices sheet`,
      );
    }
  }

  const likert = resolveLikert(draft.items, lists, draft.groups, problems, langs.default, (d, column) => columnOf(d, column));
  drawTableLists(draft);
  checkDefaults(draft.items, lists, problems);
  checkExpressions(draft, lists, problems);
  checkTriggers(draft, problems);
  // An instance_name that could not be used has lost its calculation: the record keeps no name.
  const unnamed = (d: ItemDraft) => d.item.meta === 'instanceName' && d.item.calculation === undefined;
  for (const section of draft.sections) section.items = section.items.filter((d) => !unnamed(d));
  draft.items = draft.items.filter((d) => !unnamed(d));
  checkTexts(draft, lists, choices, langs.default, problems);
  warnMissingTranslations(survey, langs.languages, langs.default, problems);
  if (choices) warnMissingTranslations(choices, langs.languages, langs.default, problems);

  // Lists: ordinary selects keep theirs in choiceLists, Likert lists are in likertScales.
  const repeats = readRepeats(draft, lists, problems);
  const usedByItems = new Set([
    ...draft.items.flatMap((d) => (d.item.choices ? [d.item.choices] : [])),
    ...external_.instanceLists,
    ...repeats.flatMap((r) => (r.loop ? [r.loop] : [])),
  ]);
  const choiceLists: Record<string, Choice[]> = {};
  const mediaRefs: MediaRef[] = [...draft.media];
  for (const list of lists.values()) {
    if (usedByItems.has(list.name)) {
      choiceLists[list.name] = list.choices.map((c) => ({ name: c.name, label: c.label, ...(c.attributes ? { attributes: c.attributes } : {}), ...(c.media ? { media: c.media } : {}) }));
      for (const c of list.choices) if (c.mediaRefs) mediaRefs.push(...c.mediaRefs);
    }
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
    ...(settings.allowChoiceDuplicates ? { allowChoiceDuplicates: true } : {}),
    ...(settings.style ? { style: settings.style } : {}),
    ...(repeats.length ? { repeats } : {}),
  };

  // The whole is bounded, not only each text (issue 14): said here in the form's own terms.
  const size = characters(instrument);
  if (size > INSTRUMENT_LIMITS.totalText) {
    problems.error({}, totalTextMessage(size));
    return fail();
  }
  // Version 3: the files it reads, bounded apart (./external.ts).
  if (external_.attachments.length) instrument.attachments = external_.attachments;
  // Version 3, label media: the pictures, recordings and videos labels show (./label-media.ts).
  attachLabelMedia(instrument, mediaRefs, files, problems);

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

/**
 * The form's repeats (instrument version 3), outer before inner, each item marked with the innermost
 * repeat it is in. A loop's list must be in the choices sheet.
 */
function readRepeats(draft: SurveyDraft, lists: ReadonlyMap<string, { name: string }>, problems: Problems): Repeat[] {
  for (const d of draft.items) {
    const inner = [...d.groups].reverse().find((g) => g.kind === 'repeat');
    if (inner) d.item.repeat = inner.name;
  }
  return draft.groups
    .filter((g) => g.kind === 'repeat')
    .flatMap((g): Repeat[] => {
      if (g.loop && !lists.has(g.loop.list)) {
        problems.error(g.loop.where, `begin loop over '${g.loop.list}': there is no list '${g.loop.list}' in the choices sheet`);
        return [];
      }
      const count = g.count === undefined ? undefined : /^\s*\d+\s*$/.test(g.count) ? String(Number(g.count)) : g.count;
      return [
        {
          name: g.name,
          label: g.label,
          ...(g.hint ? { hint: g.hint } : {}),
          ...(g.parentRepeat ? { parent: g.parentRepeat.name } : {}),
          // A top-level repeat is its own section, which carries its relevance.
          ...(g.relevant && g.depth > 0 ? { relevant: g.relevant } : {}),
          ...(count !== undefined ? { count } : {}),
          ...(g.loop ? { loop: g.loop.list } : {}),
          ...(g.appearance.length ? { appearance: g.appearance.join(' ') } : {}),
        },
      ];
    });
}

function buildSections(draft: SurveyDraft): Section[] {
  const kept = mergeUnshownRuns(draft.sections.filter((s) => s.items.length > 0));
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
      ...(g?.appearance.length ? { appearance: g.appearance.join(' ') } : {}),
    };
  });
}

/** Items the runner never shows (their values are computed or recorded by the device). */
const isUnshown = (d: ItemDraft) => d.item.type === 'calculate' || d.item.type === 'hidden' || d.item.type === 'meta';

/**
 * A run of ungrouped rows with nothing to show (metadata, calculations) would be an empty screen:
 * it joins the next section, or the one before, when that section has no relevance of its own (so
 * the values stay computed whatever is answered); else it stays on its own.
 */
function mergeUnshownRuns(sections: SectionDraft[]): SectionDraft[] {
  const out = sections.slice();
  for (let i = 0; i < out.length; i++) {
    const s = out[i]!;
    if (s.group || !s.items.every(isUnshown)) continue;
    const next = out[i + 1];
    const prev = out[i - 1];
    if (next && !next.group?.relevant) {
      out[i + 1] = { ...next, items: [...s.items, ...next.items] };
      out.splice(i--, 1);
    } else if (prev && !prev.group?.relevant) {
      out[i - 1] = { ...prev, items: [...prev.items, ...s.items] };
      out.splice(i--, 1);
    }
  }
  return out;
}

/**
 * A table-list group is drawn as pyxform writes it for ODK: its selects over one list are rows of a
 * table, the first with the choices' labels (appearance `list`), the others with the buttons only
 * (`list-nolabel`), so the columns line up. Likert items keep their own layout.
 */
function drawTableLists(draft: SurveyDraft): void {
  for (const g of draft.groups) {
    if (!g.appearance.includes('table-list')) continue;
    const seen = new Set<string>();
    for (const d of draft.items) {
      if (d.groups[d.groups.length - 1] !== g || (d.item.type !== 'select_one' && d.item.type !== 'select_multiple') || !d.item.choices) continue;
      const word = seen.has(d.item.choices) ? 'list-nolabel' : 'list';
      seen.add(d.item.choices);
      const words = d.item.appearance ? d.item.appearance.split(' ') : [];
      if (!words.some((w) => w === 'list' || w === 'list-nolabel' || w === 'label')) d.item.appearance = [...words, word].join(' ');
    }
  }
}

/** settings' instance_name: a meta item that names each record, computed at completion. */
function addInstanceName(draft: SurveyDraft, instanceName: { source: string; where: Where }): void {
  const names = new Set(draft.items.map((d) => d.item.name));
  let name = 'instanceName';
  for (let k = 2; names.has(name); k++) name = `instanceName_${k}`;
  const item: Item = { name, type: 'meta', meta: 'instanceName', label: {}, calculation: instanceName.source };
  const section: SectionDraft = draft.sections[draft.sections.length - 1] ?? { row: instanceName.where.row ?? 1, items: [] };
  if (!draft.sections.length) draft.sections.push(section);
  const d: ItemDraft = { item, row: instanceName.where.row ?? 1, groups: section.group ? [section.group] : [], appearance: [], scale: '', reverse: '' };
  section.items.push(d);
  draft.items.push(d);
  draft.expressions.push({
    source: instanceName.source,
    where: instanceName.where,
    kind: 'calculation',
    self: name,
    optional: 'instance_name is not used, so records are named by their respondent code',
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
  'requiredIf',
  'readOnlyIf',
  'guidance',
  'defaultExpression',
  'trigger',
  'range',
  'meta',
  'parameters',
  // Version 3, location
  'location',
  // Version 3, repeats
  'repeat',
  // Version 3, label media
  'media',
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
