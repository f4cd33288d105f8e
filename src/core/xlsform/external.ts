/**
 * External data of an XLSForm (docs/xlsform.md, "External data"): the files a form reads besides
 * its workbook, given with it (a folder, a .zip, several files), and what the form does with them.
 *
 * - `select_one_from_file districts.csv` (and `select_multiple_from_file`, and `.xml`): the file's
 *   rows are the choices, `name` the code and `label` (or `label::English (en)` ...) the label, or
 *   the columns the `parameters` name (`value=id label=title`); every other column is an attribute
 *   a `choice_filter` reads. The list is built here, once, into the instrument's choice lists, so
 *   the runner, the review and the exports treat it as any list.
 * - `search('fruits')` appearance (ODK Collect's): the select's list in the choices sheet names the
 *   file's columns (its `name` cell the code's column, its `label` cell the label's); the rows of
 *   fruits.csv are the choices. `search('fruits', 'matches', 'type', ${kind})` (also 'contains',
 *   'startswith', 'endswith', and two column-value pairs for matches) becomes a choice filter.
 * - `pulldata('fruits', ...)`, `instance('fruits')/root/item[...]` and `csv-external`/`xml-external`
 *   rows read the file when the form runs: the file is carried by the instrument (attachments).
 *
 * A file the form reads that was not given is an error naming the row, the column and the file. A
 * given data file the form does not read is a warning (it is left out).
 */
import { ALL_FUNCTIONS } from '../expr/all-functions';
import { instanceReferences, parseExpression } from '../expr/index';
import { digest, utf8Decode } from '../expr/groups/digest';
import { attachmentId, attachmentRows, attachmentType, type AttachmentRows } from '../instrument/attachments';
import { ATTACHMENT_NAME_PATTERN, INSTRUMENT_LIMITS, NAME_PATTERN } from '../instrument/schema';
import type { Attachment } from '../instrument/types';
import { type ChoiceListDef, readChoices } from './choices';
import { allOf } from './expressions';
import type { Problems, Where } from './problems';
import type { ItemDraft, SurveyDraft } from './survey';
import { labelMediaType } from './label-media';
import { readTable } from './table';
import { sheetFromRows } from './workbook';

/** A file given with the form: its name (no folders) and its bytes. */
export interface FormFile {
  name: string;
  bytes: Uint8Array;
}

interface Given {
  name: string;
  attachment: Attachment;
  read?: AttachmentRows;
  used: boolean;
}

export interface ExternalDataInput {
  draft: SurveyDraft;
  /** The choices sheet's lists (and external_choices'), by name: lists made from files are added. */
  lists: Map<string, ChoiceListDef>;
  files: readonly FormFile[];
  problems: Problems;
  defaultLanguage: string;
  allowDuplicates: boolean;
  /** Where a row's cell is: (item, column key). */
  where: (d: ItemDraft, column: string) => Where;
}

export interface ExternalData {
  /** The files the form reads, for the instrument. */
  attachments: Attachment[];
  /** Lists of the choices sheet an instance('list') reads: kept even when no question uses them. */
  instanceLists: Set<string>;
}

export function resolveExternalData(input: ExternalDataInput): ExternalData {
  const { draft, lists, problems } = input;
  const given = new Map<string, Given>();
  for (const f of input.files) {
    const mediaType = attachmentType(f.name);
    if (!mediaType) {
      if (labelMediaType(f.name)) continue; // Version 3, label media (./label-media.ts)
      problems.warn({ sheet: f.name }, `file '${f.name}' is not read: a form's data files are .csv or .xml (media files are other work)`);
      continue;
    }
    if (!ATTACHMENT_NAME_PATTERN.test(f.name) || f.name.length > INSTRUMENT_LIMITS.name + 4) {
      problems.error({ sheet: f.name }, `'${f.name}' cannot be a data file's name: letters, digits, _ . - and spaces, at most ${INSTRUMENT_LIMITS.name} characters before .csv or .xml`);
      continue;
    }
    const content = utf8Decode(f.bytes);
    const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
    given.set(f.name.toLowerCase(), {
      name: f.name,
      attachment: { name: f.name, mediaType, content: text, sha256: digest(text, 'SHA-256', 'hex') },
      used: false,
    });
  }
  const byId = (id: string): Given | undefined => given.get(`${id.toLowerCase()}.csv`) ?? given.get(`${id.toLowerCase()}.xml`);
  const rowsOf = (g: Given): AttachmentRows => {
    if (!g.read) {
      g.read = attachmentRows(g.attachment);
      if (g.read.problem) problems.error({ sheet: g.name }, `file ${g.name} cannot be read: ${g.read.problem}`);
    }
    return g.read;
  };
  const missing = (where: Where, file: string, why: string) =>
    problems.error(where, `the form reads the file '${file}' (${why}), which is not among its files: give it with the form (a folder, a .zip, or the files together)`);

  const listName = (file: string): string => {
    let base = attachmentId(file).replace(/[^A-Za-z0-9_.-]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    base = base.slice(0, INSTRUMENT_LIMITS.name - 5);
    return lists.has(base) ? `${base}_file` : base;
  };

  // select_one_from_file / select_multiple_from_file.
  for (const d of draft.items) {
    const file = d.select?.file;
    if (!file || !d.select) continue;
    const g = given.get(file.toLowerCase());
    if (!g) {
      missing(d.select.where, file, `${d.select.type}_from_file`);
      continue;
    }
    g.used = true;
    const params = d.item.parameters ?? {};
    const list = listFromRows(input, g, rowsOf(g), listName(file), params.value ?? 'name', params.label ?? 'label', input.where(d, 'parameters'));
    if (list) useList(d, list, draft, lists);
  }

  // The search() appearance.
  for (const d of draft.items) {
    const word = d.appearance.find((w) => /^search\s*\(/.test(w));
    if (!word || !d.select) continue;
    const where = input.where(d, 'appearance');
    const written = originalWord(d.item.appearance ?? '', word);
    const rest = (d.item.appearance ?? '').replace(written, '').replace(/\s+/g, ' ').trim();
    if (rest) d.item.appearance = rest;
    else delete d.item.appearance;
    const call = parseSearch(written);
    if (typeof call === 'string') {
      problems.error(where, `appearance ${written}: ${call}`);
      continue;
    }
    const g = byId(call.file);
    if (!g) {
      missing(where, `${call.file}.csv`, 'search()');
      continue;
    }
    g.used = true;
    const template = lists.get(d.select.list);
    const first = template?.choices[0];
    if (!template || !first) continue; // the missing list is reported with the other lists
    const labelColumn = Object.values(first.label)[0] ?? 'label';
    const list = listFromRows(input, g, rowsOf(g), listName(g.name), first.name, labelColumn, where);
    if (!list) continue;
    useList(d, list, draft, lists);
    if (call.filter) {
      d.item.choiceFilter = allOf([d.item.choiceFilter ?? '', call.filter]);
      draft.expressions.push({ source: call.filter, where, kind: 'choice_filter', self: d.item.name, list: list.name });
    }
  }

  // pulldata() and instance() in expressions, and csv-external / xml-external rows.
  const instanceLists = new Set<string>();
  for (const e of draft.expressions) {
    let ids: string[];
    try {
      ids = instanceReferences(parseExpression(e.source, { choiceAttributes: e.kind === 'choice_filter', functions: ALL_FUNCTIONS }));
    } catch {
      continue; // reported by the expression checks
    }
    // pulldata() reads files only; instance() reads a file or a list of the choices sheet.
    const pulled = new Set([...e.source.matchAll(/pulldata\s*\(\s*['"]([^'"]*)['"]/g)].map((m) => m[1]!));
    for (const id of ids) {
      const g = byId(id);
      if (g) g.used = true;
      else if (lists.has(id) && !pulled.has(id)) instanceLists.add(id);
      else missing(e.where, `${id}.csv`, pulled.has(id) ? 'pulldata()' : `instance('${id}')`);
    }
  }
  for (const { file, where } of draft.files) {
    const g = given.get(file.toLowerCase());
    if (g) g.used = true;
    else missing(where, file, file.endsWith('.xml') ? 'xml-external' : 'csv-external');
  }

  const attachments: Attachment[] = [];
  for (const g of given.values()) {
    if (!g.used) problems.warn({ sheet: g.name }, `file ${g.name} is not read by the form: left out`);
    else {
      rowsOf(g);
      attachments.push(g.attachment);
    }
  }
  if (attachments.length > INSTRUMENT_LIMITS.attachments) {
    problems.error({}, `the form reads ${attachments.length} files; Dala carries at most ${INSTRUMENT_LIMITS.attachments}`);
  }
  const size = attachments.reduce((n, a) => n + a.content.length, 0);
  if (size > INSTRUMENT_LIMITS.attachmentText) {
    problems.error({}, `the form's files have ${size.toLocaleString('en-US')} characters together; Dala carries at most ${INSTRUMENT_LIMITS.attachmentText.toLocaleString('en-US')}`);
  }
  return { attachments, instanceLists };
}

/** The select reads `list` from now on (its choice_filter too). */
function useList(d: ItemDraft, list: ChoiceListDef, draft: SurveyDraft, lists: Map<string, ChoiceListDef>): void {
  lists.set(list.name, list);
  d.select!.list = list.name;
  d.item.choices = list.name;
  for (const e of draft.expressions) if (e.kind === 'choice_filter' && e.self === d.item.name) e.list = list.name;
}

/** The word as written (case kept) in the item's appearance, for its lower-case copy. */
function originalWord(appearance: string, lower: string): string {
  const i = appearance.toLowerCase().indexOf(lower);
  return i < 0 ? lower : appearance.slice(i, i + lower.length);
}

/**
 * A choice list from a file's rows: `value` the column of the codes, `label` of the labels (with
 * its language columns, `label::English (en)`, when it is `label`); every other column an attribute.
 * Problems name the file as the sheet and its line as the row.
 */
function listFromRows(
  input: ExternalDataInput,
  g: Given,
  data: AttachmentRows,
  name: string,
  value: string,
  label: string,
  paramsWhere: Where,
): ChoiceListDef | undefined {
  if (data.problem) return undefined;
  if (!data.columns.includes(value)) {
    input.problems.error(paramsWhere, `file ${g.name} has no column '${value}' (the choices' codes${value === 'name' ? '' : ', named by the parameters'}); its columns: ${data.columns.join(', ') || 'none'}`);
    return undefined;
  }
  const labelColumns = label === 'label' ? data.columns.filter((c) => c === 'label' || /^label\s*::?/i.test(c)) : data.columns.filter((c) => c === label);
  if (!labelColumns.length) {
    input.problems.error(paramsWhere, `file ${g.name} has no column '${label}' (the choices' labels); its columns: ${data.columns.join(', ')}`);
    return undefined;
  }
  const attributeColumns = data.columns.filter((c) => c !== value && !labelColumns.includes(c) && c !== 'list_name' && c !== 'name' && NAME_PATTERN.test(c));
  if (value !== 'name' && NAME_PATTERN.test(value)) attributeColumns.push(value);
  const header = ['list_name', 'name', ...labelColumns.map((c) => (label === 'label' ? c : 'label')), ...attributeColumns];
  const rows: string[][] = [header];
  for (const row of data.rows) rows.push([name, row[value] ?? '', ...labelColumns.map((c) => row[c] ?? ''), ...attributeColumns.map((c) => row[c] ?? '')]);
  const table = readTable(sheetFromRows(g.name, rows), input.problems);
  const lists = readChoices(table, input.problems, input.defaultLanguage, input.allowDuplicates);
  return lists.get(name) ?? { name, row: 2, choices: [] };
}

interface SearchCall {
  file: string;
  filter?: string;
}

/** Collect's search('file'[, mode, column, value[, column, value]]), as a choice filter. */
export function parseSearch(word: string): SearchCall | string {
  const m = /^search\s*\(([\s\S]*)\)$/i.exec(word.trim());
  if (!m) return 'expected search(\'file\', ...)';
  const args = splitArgs(m[1]!);
  if (!args.length || !/^'[^']*'$|^"[^"]*"$/.test(args[0]!)) return "the first argument is the file's name in quotes: search('fruits')";
  const file = args[0]!.slice(1, -1).replace(/\.csv$/i, '');
  if (args.length === 1) return { file };
  const mode = unquote(args[1]!).toLowerCase();
  const pairs: [string, string][] = [];
  for (let i = 2; i + 1 < args.length; i += 2) pairs.push([unquote(args[i]!), args[i + 1]!]);
  if (!pairs.length || (args.length - 2) % 2 !== 0) return 'a search names a column and a value after its mode';
  for (const [column] of pairs) if (!NAME_PATTERN.test(column)) return `'${column}' is not a column name`;
  const op: Record<string, (c: string, v: string) => string> = {
    matches: (c, v) => `${c} = ${v}`,
    contains: (c, v) => `contains(${c}, ${v})`,
    startswith: (c, v) => `starts-with(${c}, ${v})`,
    endswith: (c, v) => `ends-with(${c}, ${v})`,
  };
  const make = Object.hasOwn(op, mode) ? op[mode] : undefined;
  if (!make) return `'${mode}' is not a search mode (matches, contains, startswith, endswith)`;
  if (pairs.length > 1 && mode !== 'matches') return 'only matches takes two columns';
  return { file, filter: pairs.map(([c, v]) => make(c, v)).join(' and ') };
}

function unquote(s: string): string {
  return /^'[^']*'$|^"[^"]*"$/.test(s) ? s.slice(1, -1) : s;
}

/** Arguments split at commas outside quotes, parentheses and ${...}. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
