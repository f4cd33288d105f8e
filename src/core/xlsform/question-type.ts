/**
 * The `type` cell of a survey row, read with the spellings XLSForm tools accept: `begin group` or
 * `begin_group`, `select_one list` or `select one list` or `select one from list`, `or_other` or
 * `or specify other`. Keywords are case-insensitive; list names are not.
 */
import { lookup } from './lookup';

export type ParsedType =
  | { kind: 'begin_group' }
  | { kind: 'end_group' }
  | { kind: 'begin_repeat'; feature: string }
  | { kind: 'end_repeat' }
  | { kind: 'question'; type: QuestionType }
  | { kind: 'select'; type: 'select_one' | 'select_multiple'; list: string; other: boolean }
  | { kind: 'metadata'; name: string }
  | { kind: 'unsupported'; feature: string; advice?: string }
  | { kind: 'malformed'; message: string }
  | { kind: 'unknown'; type: string };

export type QuestionType =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'time'
  | 'note'
  | 'calculate'
  | 'acknowledge'
  /** pyxform's "phone number": text of digits only. */
  | 'phone number';

const SIMPLE: ReadonlyMap<string, QuestionType> = lookup({
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  note: 'note',
  calculate: 'calculate',
  acknowledge: 'acknowledge',
  'phone number': 'phone number',
  phone_number: 'phone number',
});

/** Automatically recorded values (device, user, times): Dala keeps its own paradata instead. */
const METADATA = new Set([
  'start',
  'end',
  'deviceid',
  'imei',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'uri:deviceid',
  'uri:subscriberid',
  'uri:simserial',
  'uri:phonenumber',
  'uri:username',
  'uri:email',
  'instanceid',
]);

const UNSUPPORTED: ReadonlyMap<string, { feature: string; advice?: string }> = lookup({
  geopoint: { feature: 'GPS location (geopoint)' },
  geotrace: { feature: 'GPS line (geotrace)' },
  geoshape: { feature: 'GPS area (geoshape)' },
  'start-geopoint': { feature: 'GPS location at start (start-geopoint)' },
  image: { feature: 'photo or image answers (image)' },
  photo: { feature: 'photo or image answers (photo)' },
  audio: { feature: 'audio recordings (audio)' },
  'background-audio': { feature: 'background audio recording (background-audio)' },
  video: { feature: 'video recordings (video)' },
  file: { feature: 'file uploads (file)' },
  barcode: { feature: 'barcode scanning (barcode)' },
  range: { feature: 'range questions (range)', advice: 'use integer with a constraint, or a Likert list' },
  rank: { feature: 'ranking questions (rank)' },
  trigger: { feature: "the old 'trigger' type", advice: "use 'acknowledge'" },
  datetime: { feature: 'date-and-time answers (dateTime)', advice: 'use a date and a time question' },
  hidden: { feature: 'hidden fields (hidden)', advice: 'use calculate' },
  'xml-external': { feature: 'external XML data (xml-external)' },
  'csv-external': { feature: 'external CSV data (csv-external)' },
  osm: { feature: 'OpenStreetMap questions (osm)' },
  include: { feature: 'including other forms (include)' },
  signature: { feature: 'signatures (signature)' },
  'select_one_from_file': { feature: 'choices from a file (select_one_from_file)', advice: 'put the choices in the choices sheet' },
  'select_multiple_from_file': {
    feature: 'choices from a file (select_multiple_from_file)',
    advice: 'put the choices in the choices sheet',
  },
  select_one_external: { feature: 'external selects (select_one_external)', advice: 'put the choices in the choices sheet' },
  select_multiple_external: { feature: 'external selects (select_multiple_external)' },
  entity: { feature: 'entities' },
});

/** Select keywords, longest first so "select one from" is tried before "select one". */
const SELECTS: [string, 'select_one' | 'select_multiple'][] = (
  [
    ['add select one prompt using', 'select_one'],
    ['add select multiple prompt using', 'select_multiple'],
    ['select all that apply from', 'select_multiple'],
    ['select all that apply', 'select_multiple'],
    ['select multiple from', 'select_multiple'],
    ['select one from', 'select_one'],
    ['select_one', 'select_one'],
    ['select one', 'select_one'],
    ['select1', 'select_one'],
    ['select_multiple', 'select_multiple'],
    ['select multiple', 'select_multiple'],
  ] as [string, 'select_one' | 'select_multiple'][]
).sort((a, b) => b[0].length - a[0].length);

export function parseType(cell: string): ParsedType {
  const raw = cell.trim().replace(/\s+/g, ' ');
  const lower = raw.toLowerCase();
  const simple = SIMPLE.get(lower);
  if (simple) return { kind: 'question', type: simple };

  if (/^begin[ _-]?group$/.test(lower)) return { kind: 'begin_group' };
  if (/^end[ _-]?group$/.test(lower)) return { kind: 'end_group' };
  if (/^begin[ _-]?(repeat|lgroup|looped[ _-]group)$/.test(lower)) return { kind: 'begin_repeat', feature: 'repeats (begin repeat)' };
  if (/^begin[ _-]?loop\b/.test(lower)) return { kind: 'begin_repeat', feature: 'loops (begin loop)' };
  if (/^end[ _-]?(repeat|loop|lgroup|looped[ _-]group)$/.test(lower)) return { kind: 'end_repeat' };

  if (lower === 'today') return { kind: 'metadata', name: 'today' };
  if (METADATA.has(lower)) return { kind: 'metadata', name: lower };

  const firstWord = lower.split(' ')[0]!;
  const unsupported = UNSUPPORTED.get(lower) ?? UNSUPPORTED.get(firstWord) ?? unsupportedPrefix(lower);
  if (unsupported) return { kind: 'unsupported', ...unsupported };

  for (const [keyword, type] of SELECTS) {
    if (lower === keyword) return { kind: 'malformed', message: `'${raw}' names no choice list: write '${type} LIST'` };
    if (!lower.startsWith(keyword + ' ')) continue;
    let rest = raw.slice(keyword.length).trim();
    let other = false;
    const orOther = / (or_other|or specify other|or other)$/i.exec(rest);
    if (orOther) {
      other = true;
      rest = rest.slice(0, orOther.index).trim();
    }
    if (!rest) return { kind: 'malformed', message: `'${raw}' names no choice list: write '${type} LIST'` };
    if (rest.includes(' ')) {
      return { kind: 'malformed', message: `'${raw}': a choice list name has no spaces ('${rest}'); only 'or_other' may follow it` };
    }
    return { kind: 'select', type, list: rest, other };
  }
  return { kind: 'unknown', type: raw };
}

/** Types whose first word already says what they are ("rank colours", "osm building"). */
function unsupportedPrefix(lower: string): { feature: string; advice?: string } | undefined {
  const advice = 'put the choices in the choices sheet';
  if (/^select[ _](one|multiple)[ _]from[ _]file\b/.test(lower)) return { feature: 'choices from a file', advice };
  if (/^select[ _](one|multiple)[ _]external\b/.test(lower)) return { feature: 'external selects', advice };
  return undefined;
}
