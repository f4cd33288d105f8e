/**
 * The `type` cell of a survey row, read with the spellings pyxform accepts (its question type
 * dictionary and aliases): `begin group` or `begin_group`, `select_one list` or `select one list` or
 * `select one from list`, `or_other` or `or specify other`, `dateTime` or `date time` or
 * `add date time prompt`, `get start time` for `start`. Keywords are case-insensitive; list names are not.
 */
import type { MetaKind } from '../instrument/types';
import { lookup } from './lookup';

export type ParsedType =
  | { kind: 'begin_group' }
  | { kind: 'end_group' }
  /** `loop`: the list of `begin loop over LIST` (one instance per choice). */
  | { kind: 'begin_repeat'; loop?: string }
  | { kind: 'end_repeat' }
  | { kind: 'question'; type: QuestionType }
  | {
      kind: 'select';
      type: 'select_one' | 'select_multiple' | 'rank';
      list: string;
      other: boolean;
      /** select_one_external: the list is in the external_choices sheet. */
      external: boolean;
      /** select_one_from_file FILE: the choices are the rows of an attached file (../xlsform/external.ts). */
      file?: string;
    }
  | { kind: 'metadata'; meta: MetaKind }
  /** csv-external / xml-external NAME: the form reads NAME.csv (NAME.xml) as instance('NAME'). */
  | { kind: 'external_file'; extension: 'csv' | 'xml' }
  | { kind: 'unsupported'; feature: string; advice?: string }
  | { kind: 'malformed'; message: string }
  | { kind: 'unknown'; type: string };

export type QuestionType =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'time'
  | 'datetime'
  | 'note'
  | 'calculate'
  | 'acknowledge'
  | 'range'
  | 'barcode'
  | 'hidden'
  /** pyxform's "phone number": text of digits only. */
  | 'phone number'
  // Version 3, location:
  | 'geopoint'
  | 'geotrace'
  | 'geoshape'
  // Version 3, media (src/core/media/)
  | 'image'
  | 'audio'
  | 'video'
  | 'file'
  | 'background-audio';

/** pyxform's question type dictionary (question_type_dictionary.py), lower-cased. */
const SIMPLE: ReadonlyMap<string, QuestionType> = lookup({
  text: 'text',
  string: 'text',
  'q string': 'text',
  'add text prompt': 'text',
  integer: 'integer',
  int: 'integer',
  'q int': 'integer',
  'add integer prompt': 'integer',
  percentage: 'integer',
  'number of days in last month': 'integer',
  'number of days in last six months': 'integer',
  'number of days in last year': 'integer',
  decimal: 'decimal',
  'q decimal': 'decimal',
  'add decimal prompt': 'decimal',
  date: 'date',
  'q date': 'date',
  'add date prompt': 'date',
  time: 'time',
  datetime: 'datetime',
  'date time': 'datetime',
  date_time: 'datetime',
  'q date time': 'datetime',
  'q datetime': 'datetime',
  'add date time prompt': 'datetime',
  'add datetime prompt': 'datetime',
  note: 'note',
  'q note': 'note',
  'add note prompt': 'note',
  calculate: 'calculate',
  'q calculate': 'calculate',
  'add calculate prompt': 'calculate',
  acknowledge: 'acknowledge',
  'q acknowledge': 'acknowledge',
  'add acknowledge prompt': 'acknowledge',
  // pyxform's old `trigger` type: an OK button, as acknowledge.
  trigger: 'acknowledge',
  range: 'range',
  // Version 3, media: pyxform's names and aliases (photo is image).
  image: 'image',
  photo: 'image',
  'q picture': 'image',
  'q image': 'image',
  'add image prompt': 'image',
  'add photo prompt': 'image',
  audio: 'audio',
  'q audio': 'audio',
  'add audio prompt': 'audio',
  'background-audio': 'background-audio',
  video: 'video',
  'q video': 'video',
  'add video prompt': 'video',
  file: 'file',
  'add file prompt': 'file',
  barcode: 'barcode',
  'q barcode': 'barcode',
  'add barcode prompt': 'barcode',
  hidden: 'hidden',
  'phone number': 'phone number',
  phone_number: 'phone number',
  // Location (instrument format version 3).
  geopoint: 'geopoint',
  location: 'geopoint',
  gps: 'geopoint',
  'q geopoint': 'geopoint',
  'q location': 'geopoint',
  'add location prompt': 'geopoint',
  geotrace: 'geotrace',
  'q geotrace': 'geotrace',
  geoshape: 'geoshape',
  'q geoshape': 'geoshape',
});

/** Automatically recorded values (times, device, user), by pyxform's spellings. */
const METADATA: ReadonlyMap<string, MetaKind> = lookup({
  start: 'start',
  'start time': 'start',
  'get start time': 'start',
  end: 'end',
  'end time': 'end',
  'get end time': 'end',
  today: 'today',
  'get today': 'today',
  deviceid: 'deviceid',
  imei: 'deviceid',
  'device id': 'deviceid',
  'get device id': 'deviceid',
  'uri:deviceid': 'deviceid',
  subscriberid: 'subscriberid',
  'subscriber id': 'subscriberid',
  'get subscriber id': 'subscriberid',
  'uri:subscriberid': 'subscriberid',
  simserial: 'simserial',
  'sim id': 'simserial',
  'get sim id': 'simserial',
  'uri:simserial': 'simserial',
  phonenumber: 'phonenumber',
  'get phone number': 'phonenumber',
  'uri:phonenumber': 'phonenumber',
  username: 'username',
  'uri:username': 'username',
  email: 'email',
  'uri:email': 'email',
  audit: 'audit',
  'start-geopoint': 'start-geopoint',
});

const EXTERNAL = 'external data files';

/** Features other work brings (repeats, media, external data) or none yet (a location in the background): refused by row, named. */
const UNSUPPORTED: ReadonlyMap<string, { feature: string; advice?: string }> = lookup({
  'background-geopoint': { feature: 'GPS location in the background (background-geopoint)' },
  signature: { feature: 'signatures (signature)' },
  osm: { feature: 'OpenStreetMap questions (osm)' },
  include: { feature: 'including other forms (include)', advice: 'copy the rows into the form' },
  entity: { feature: 'entities' },
});

/** Select keywords, longest first so "select one from" is tried before "select one". */
const SELECTS: [string, 'select_one' | 'select_multiple' | 'rank', boolean][] = (
  [
    ['add select one prompt using', 'select_one', false],
    ['add select multiple prompt using', 'select_multiple', false],
    ['select all that apply from', 'select_multiple', false],
    ['select all that apply', 'select_multiple', false],
    ['select multiple from', 'select_multiple', false],
    ['select multiple using', 'select_multiple', false],
    ['select one using', 'select_one', false],
    ['select one from', 'select_one', false],
    ['select_one_external', 'select_one', true],
    ['select one external', 'select_one', true],
    ['select_one', 'select_one', false],
    ['select one', 'select_one', false],
    ['select1', 'select_one', false],
    ['q select1', 'select_one', false],
    ['q select', 'select_multiple', false],
    ['select_multiple', 'select_multiple', false],
    ['select multiple', 'select_multiple', false],
    ['rank', 'rank', false],
  ] as [string, 'select_one' | 'select_multiple' | 'rank', boolean][]
).sort((a, b) => b[0].length - a[0].length);

export function parseType(cell: string): ParsedType {
  const raw = cell.trim().replace(/\s+/g, ' ');
  const lower = raw.toLowerCase();
  const simple = SIMPLE.get(lower);
  if (simple) return { kind: 'question', type: simple };

  if (/^begin[ _-]?group$/.test(lower)) return { kind: 'begin_group' };
  if (/^end[ _-]?group$/.test(lower)) return { kind: 'end_group' };
  if (/^begin[ _-]?(repeat|lgroup|looped[ _-]group)$/.test(lower)) return { kind: 'begin_repeat' };
  if (/^begin[ _-]?loop\b/.test(lower)) {
    // pyxform: `begin loop over LIST` (the list name keeps its case).
    const m = /^begin[ _-]?loop\s+over\s+(\S+)$/i.exec(raw);
    if (!m) return { kind: 'malformed', message: `'${raw}' names no list: write begin loop over LIST` };
    return { kind: 'begin_repeat', loop: m[1]! };
  }
  if (/^end[ _-]?(repeat|loop|lgroup|looped[ _-]group)$/.test(lower)) return { kind: 'end_repeat' };

  const meta = METADATA.get(lower);
  if (meta) return { kind: 'metadata', meta };

  const firstWord = lower.split(' ')[0]!;
  if (lower === 'csv-external' || lower === 'xml-external') return { kind: 'external_file', extension: lower === 'csv-external' ? 'csv' : 'xml' };
  const file = fromFile(raw);
  if (file) return file;
  const unsupported = UNSUPPORTED.get(lower) ?? UNSUPPORTED.get(firstWord);
  if (unsupported) return { kind: 'unsupported', ...unsupported };

  for (const [keyword, type, external] of SELECTS) {
    if (lower === keyword) return { kind: 'malformed', message: `'${raw}' names no choice list: write '${type} LIST'` };
    if (!lower.startsWith(keyword + ' ')) continue;
    let rest = raw.slice(keyword.length).trim();
    let other = false;
    const orOther = / (or_other|or specify other|or other)$/i.exec(' ' + rest);
    if (orOther) {
      other = true;
      rest = (' ' + rest).slice(0, orOther.index).trim();
    }
    if (!rest) return { kind: 'malformed', message: `'${raw}' names no choice list: write '${type} LIST'` };
    if (rest.includes(' ')) {
      return { kind: 'malformed', message: `'${raw}': a choice list name has no spaces ('${rest}'); only 'or_other' may follow it` };
    }
    return { kind: 'select', type, list: rest, other, external };
  }
  return { kind: 'unknown', type: raw };
}

/**
 * select_one_from_file FILE and its spellings: choices from an attached CSV or XML file (a GeoJSON
 * file is a map's, refused).
 */
function fromFile(raw: string): ParsedType | undefined {
  const m = /^select[ _](one|multiple)[ _]from[ _]file\b\s*(.*)$/i.exec(raw);
  if (!m) return undefined;
  const type = m[1]!.toLowerCase() === 'one' ? 'select_one' : 'select_multiple';
  const rest = m[2]!.trim();
  if (!rest) return { kind: 'malformed', message: `'${raw}' names no file: write '${type}_from_file districts.csv'` };
  if (/\.geojson$/i.test(rest)) return { kind: 'unsupported', feature: `${EXTERNAL} (choices from a GeoJSON map file)`, advice: 'attach the list as a CSV file' };
  if (!/\.(csv|xml)$/i.test(rest) || /[\\/]/.test(rest) || rest.includes(' ')) {
    return { kind: 'malformed', message: `'${raw}': the file of a ${type}_from_file is a .csv or .xml file name, without folders or spaces` };
  }
  return { kind: 'select', type, list: rest, other: false, external: false, file: rest };
}
