/**
 * Reading an untrusted bundle: parse, then migrate, then restore record by record, then trust.
 *
 * 1. size: a JSON text above `limits.jsonChars` is refused before JSON.parse ('too-large');
 * 2. guards: a JSON object with `type` "dala-bundle" and a `version` this Dala reads, else
 *    'bundle-format' ("unknown bundle format version 7; this Dala reads versions 1 and 2");
 * 3. the migration of that version (./migrations.ts);
 * 4. the bundle's own fields and counts (./schema.ts, `shell`): 'bundle-format' when they are wrong;
 * 5. each study (its instrument through parseInstrument), each response and each paradata event on
 *    its own: its keys (never `__proto__`, `constructor`, `prototype`), its shape, its study listed,
 *    and its answers against the instrument (./answers.ts): the caller's own copy first, else the
 *    one the bundle carries.
 *
 * `restoreBundle` keeps every good record and sets a bad one aside with its reason and the record
 * as it was (the excalidraw habit): one invalid draft never blocks a device's other data. A study
 * set aside takes its responses with it. `parseBundle` is the strict form: the first record set aside
 * refuses the bundle with a `BundleRecordError` ('bundle-record'):
 * "bundle a.dala.age, responses[3] (id 5f0c1a2b…): answers.age: the study … has no item 'age'".
 */
import * as v from 'valibot';
import { DalaError } from '../errors';
import { at, type PathSegment } from '../instrument/problem-path';
import { parseInstrument } from '../instrument/parse';
import type { Instrument } from '../instrument/types';
import { answersChecker, withInvalidFlags, type AnswersChecker } from './answers';
import { BundleRecordError, bundleName, type RecordPlace } from './errors';
import { BUNDLE_LIMITS, type BundleLimits } from './limits';
import { BUNDLE_MIGRATIONS, readableBundleVersions } from './migrations';
import { bundleSchemas, DEFAULT_SCHEMAS, type BundleSchemas } from './schema';
import { isPlainObject, unsafeKey } from '../schema-kit';
import { checkBundleSignature } from '../trust/bundle';
import { DEMO_STUDY_ID } from '../demo/meta';
import type { CodingRecord } from '../coding/types';
import type { TranscriptRecord } from '../transcripts/types';
import { detailsToNotes, hasSeparateNotes, NOTES_TO_VERSION } from '../demo/notes-migration';
import { BUNDLE_TYPE, BUNDLE_VERSION, type Bundle, type BundleResponse, type BundleStudy, type ParadataEvent } from './types';

/** The instrument of a study version, if the caller has it. */
export type InstrumentLookup = (studyId: string, studyVersion: string) => Instrument | undefined;

/** A lookup over a list of instruments, by id and study version. */
export function instrumentLookup(instruments: readonly Instrument[]): InstrumentLookup {
  const byKey = new Map(instruments.map((i) => [studyKey(i.id, i.studyVersion), i]));
  return (id, version) => byKey.get(studyKey(id, version));
}

export const studyKey = (id: string, version: string) => `${id}\u0000${version}`;

export interface ParseBundleOptions {
  /** Names the input in every message ("bundle a.dala.age, ..."). */
  file?: string;
  /**
   * The reader's own instruments: answers are checked against these first (a bundle's copy of its
   * instrument is used only for a study the reader does not have).
   */
  instruments?: InstrumentLookup;
  /** Narrower caps than BUNDLE_LIMITS. */
  limits?: Partial<BundleLimits>;
}

/** A record that could not be read, kept aside as it was, with where it was and why. */
export interface SetAside extends RecordPlace {
  /** The record as the file had it (after the version's migration). */
  record: unknown;
}

/** A bundle read record by record: the good records, and those set aside. */
export interface RestoredBundle {
  bundle: Bundle;
  setAside: SetAside[];
  /**
   * Whether the file is signed, and by which key (src/core/trust/bundle.ts): who that is, the reader
   * decides (the researcher, a device it accepted, a new device). 'csv': responses read from a CSV
   * against its form (a file the researcher chose, such as a Kobo export), which has no signature.
   */
  signature: { status: 'signed'; key: string } | { status: 'unsigned' } | { status: 'csv' };
}

/** JSON text -> its JSON, refused before parsing when too long. Throws DalaError ('too-large', 'bundle-format'). */
function parseJsonText(text: string, options: ParseBundleOptions): unknown {
  const limits = { ...BUNDLE_LIMITS, ...options.limits };
  const name = bundleName(options.file);
  if (text.length > limits.jsonChars) {
    throw new DalaError(
      'too-large',
      `${name}: ${text.length.toLocaleString('en-US')} characters of JSON; Dala reads bundles of up to ${limits.jsonChars.toLocaleString('en-US')}`,
    );
  }
  let json: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // A file cut short (a copy or a download interrupted) fails at its very end.
    const at = /at position (\d+)/.exec(why);
    const cut = /end of (JSON input|data)/i.test(why) || (at !== null && Number(at[1]) >= body.trimEnd().length);
    throw new DalaError('bundle-format', `${name} is not a Dala bundle: not JSON${cut ? ': it ends too soon, so the file is cut short' : ''} (${why})`);
  }
  return json;
}

/** JSON text -> Bundle, strictly. Throws DalaError ('too-large', 'bundle-format', 'bundle-record'). */
export function parseBundleText(text: string, options: ParseBundleOptions = {}): Bundle {
  return parseBundle(parseJsonText(text, options), options);
}

/** JSON text -> the good records and those set aside. Throws DalaError ('too-large', 'bundle-format'). */
export function restoreBundleText(text: string, options: ParseBundleOptions = {}): RestoredBundle {
  return restoreBundle(parseJsonText(text, options), options);
}

/** Parsed JSON -> Bundle, strictly: a record set aside refuses it. Throws DalaError ('bundle-format', 'bundle-record'). */
export function parseBundle(input: unknown, options: ParseBundleOptions = {}): Bundle {
  const { bundle, setAside } = restoreBundle(input, options);
  const first = setAside[0];
  if (first) {
    const { record: _r, ...place } = first;
    throw new BundleRecordError(place);
  }
  return bundle;
}

/**
 * Parsed JSON -> the good records and those set aside. Throws DalaError ('bundle-format') only when
 * the file is not a bundle at all (not an object, another type or version, its own fields wrong).
 */
export function restoreBundle(input: unknown, options: ParseBundleOptions = {}): RestoredBundle {
  const limits = { ...BUNDLE_LIMITS, ...options.limits };
  const schemas = options.limits ? bundleSchemas(limits) : DEFAULT_SCHEMAS;
  const file = options.file;
  const name = bundleName(file);
  const format = (message: string) => new DalaError('bundle-format', `${name}: ${message}`);

  // 1. Guards.
  if (!isPlainObject(input)) throw format(`not a Dala bundle: expected a JSON object`);
  if (input.type !== BUNDLE_TYPE) {
    throw format(input.type === undefined ? `not a Dala bundle: it has no type "${BUNDLE_TYPE}"` : `not a Dala bundle: type is not "${BUNDLE_TYPE}"`);
  }
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw format('missing or invalid bundle format version: expected a whole number');
  }
  const migrate = Object.hasOwn(BUNDLE_MIGRATIONS, version) ? BUNDLE_MIGRATIONS[version] : undefined;
  if (!migrate) throw format(`unknown bundle format version ${version}; this Dala reads ${readableBundleVersions()}`);

  // 2. The signature, over the document exactly as it was written (before anything in it is changed).
  const signature = checkBundleSignature(input);
  if (signature.status === 'forged') {
    throw new DalaError(
      'bundle-signature',
      `${name}: ${signature.key === null ? 'a signature without the key that made it' : 'its signature does not match'}: the file was changed after it was signed (or forged); ask for it again from its device`,
    );
  }

  // 3. Prototype keys in the bundle's own fields (its records are scanned on their own).
  const unsafe = unsafeKey(input, 6, (path) => path.length === 1 && (path[0] === 'responses' || path[0] === 'studies' || path[0] === 'paradata' || path[0] === 'coding' || path[0] === 'transcripts'));
  if (unsafe) throw format(at(input, unsafe.slice(0, -1), `the key '${unsafe[unsafe.length - 1]}' is not allowed`));

  // 4. Migration, 5. the shell.
  const doc = migrateSeparateNotes(migrate(input));
  const shell = v.safeParse(schemas.shell, doc, { abortEarly: true });
  if (!shell.success) {
    const issue = shell.issues[0];
    throw format(at(doc, issuePath(issue), issue.message));
  }
  const out = shell.output;
  const setAside: SetAside[] = [];
  const putAside = (list: RecordPlace['list'], index: number, entry: unknown, reason: string) => {
    setAside.push({ ...place(file, list, index, entry, reason), record: entry });
  };

  // 5a. Studies and their instruments.
  const studies: BundleStudy[] = [];
  const carried = new Map<string, Instrument>();
  const listed = new Set<string>();
  const lost = new Map<string, string>();
  out.studies.forEach((entry, index) => {
    const why = studyProblem(entry, schemas);
    if (typeof why === 'string') {
      putAside('studies', index, entry, why);
      if (isPlainObject(entry) && typeof entry.id === 'string' && typeof entry.studyVersion === 'string') {
        lost.set(studyKey(entry.id, entry.studyVersion), `its study ${entry.id} version ${entry.studyVersion} was set aside (studies[${index}])`);
      }
      return;
    }
    const s = why;
    const key = studyKey(s.id, s.studyVersion);
    if (listed.has(key)) return putAside('studies', index, entry, `study ${s.id} version ${s.studyVersion} is listed twice`);
    listed.add(key);
    if (s.instrument === undefined) {
      studies.push({ id: s.id, studyVersion: s.studyVersion });
      return;
    }
    carried.set(key, s.instrument);
    studies.push({ id: s.id, studyVersion: s.studyVersion, instrument: s.instrument });
  });

  // 5b. Responses, one by one.
  const checkers = new Map<string, AnswersChecker | null>();
  const checkerFor = (studyId: string, studyVersion: string): AnswersChecker | null => {
    const key = studyKey(studyId, studyVersion);
    let c = checkers.get(key);
    if (c === undefined) {
      const instrument = options.instruments?.(studyId, studyVersion) ?? carried.get(key);
      c = instrument ? answersChecker(instrument) : null;
      checkers.set(key, c);
    }
    return c;
  };
  const responses: BundleResponse[] = [];
  out.responses.forEach((entry, index) => {
    const r = readResponse(entry, schemas, listed, lost, checkerFor);
    if (typeof r === 'string') putAside('responses', index, entry, r);
    else responses.push(r);
  });

  // 5c. Paradata events, one by one.
  const paradata: ParadataEvent[] = [];
  out.paradata?.forEach((entry, index) => {
    const unsafeIn = unsafeKey(entry, 3);
    if (unsafeIn) return putAside('paradata', index, entry, at(entry, unsafeIn.slice(0, -1), `the key '${unsafeIn[unsafeIn.length - 1]}' is not allowed`));
    const parsed = v.safeParse(schemas.paradataEvent, entry, { abortEarly: true });
    if (!parsed.success) return putAside('paradata', index, entry, at(entry, issuePath(parsed.issues[0]), parsed.issues[0].message));
    paradata.push(parsed.output as ParadataEvent);
  });

  // 5d. Codes and coded passages, one by one (src/core/coding/).
  const coding: CodingRecord[] = [];
  out.coding?.forEach((entry, index) => {
    const unsafeIn = unsafeKey(entry, 4);
    if (unsafeIn) return putAside('coding', index, entry, at(entry, unsafeIn.slice(0, -1), `the key '${unsafeIn[unsafeIn.length - 1]}' is not allowed`));
    const parsed = v.safeParse(schemas.codingRecord, entry, { abortEarly: true });
    if (!parsed.success) return putAside('coding', index, entry, at(entry, issuePath(parsed.issues[0]), parsed.issues[0].message));
    coding.push(parsed.output as CodingRecord);
  });

  // 5e. Transcripts, one by one (src/core/transcripts/).
  const transcripts: TranscriptRecord[] = [];
  out.transcripts?.forEach((entry, index) => {
    const unsafeIn = unsafeKey(entry, 4);
    if (unsafeIn) return putAside('transcripts', index, entry, at(entry, unsafeIn.slice(0, -1), `the key '${unsafeIn[unsafeIn.length - 1]}' is not allowed`));
    const parsed = v.safeParse(schemas.transcriptRecord, entry, { abortEarly: true });
    if (!parsed.success) return putAside('transcripts', index, entry, at(entry, issuePath(parsed.issues[0]), parsed.issues[0].message));
    transcripts.push(parsed.output as TranscriptRecord);
  });

  const device: Bundle['device'] = { id: out.device.id };
  if (out.device.label !== undefined) device.label = out.device.label;
  if (out.device.key !== undefined) device.key = out.device.key;
  const bundle: Bundle = {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    bundleId: out.bundleId,
    createdAt: out.createdAt,
    device,
    app: { name: 'dala', version: out.app.version },
    studies,
    responses,
  };
  if (out.since !== undefined) bundle.since = out.since;
  if (out.paradata !== undefined) bundle.paradata = paradata;
  if (out.coding !== undefined) bundle.coding = coding;
  if (out.transcripts !== undefined) bundle.transcripts = transcripts;
  if (out.signature !== undefined) bundle.signature = out.signature;
  return { bundle, setAside, signature };
}

/**
 * Notes, once (src/core/demo/notes-migration.ts): responses of the demo study's version with separate
 * note items move to the version with one note per question, their notes kept. A record with a key
 * that is not allowed is left as it is (step 5 sets it aside).
 */
function migrateSeparateNotes(doc: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(doc.responses) || !Array.isArray(doc.studies)) return doc;
  let moved = false;
  const responses = doc.responses.map((r: unknown) => {
    if (!isPlainObject(r) || typeof r.studyId !== 'string' || typeof r.studyVersion !== 'string' || !hasSeparateNotes(r.studyId, r.studyVersion)) return r;
    if (!isPlainObject(r.answers) || unsafeKey(r, 5)) return r;
    const answers = r.answers as Record<string, { value: unknown; note?: string; at: string }>;
    if (!Object.values(answers).every((a) => isPlainObject(a) && typeof a.at === 'string' && (a.note === undefined || typeof a.note === 'string'))) return r;
    moved = true;
    return { ...r, studyVersion: NOTES_TO_VERSION, answers: detailsToNotes<{ value: unknown; note?: string; at: string }>(answers, (_item, at) => ({ value: null, at })) };
  });
  if (!moved) return doc;
  const studies = doc.studies.slice();
  if (!studies.some((s: unknown) => isPlainObject(s) && s.id === DEMO_STUDY_ID && s.studyVersion === NOTES_TO_VERSION)) {
    studies.push({ id: DEMO_STUDY_ID, studyVersion: NOTES_TO_VERSION });
  }
  return { ...doc, responses, studies };
}

/** A study entry checked: the study (its instrument parsed), or why it is set aside. */
function studyProblem(entry: unknown, schemas: BundleSchemas): string | { id: string; studyVersion: string; instrument?: Instrument } {
  if (!isPlainObject(entry)) return `expected a study (an object), got ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}`;
  const unsafe = unsafeKey(entry, 1);
  if (unsafe) return at(entry, unsafe.slice(0, -1), `the key '${unsafe[unsafe.length - 1]}' is not allowed`);
  const parsed = v.safeParse(schemas.study, entry, { abortEarly: true });
  if (!parsed.success) return at(entry, issuePath(parsed.issues[0]), parsed.issues[0].message);
  const s = parsed.output;
  if (s.instrument === undefined) return { id: s.id, studyVersion: s.studyVersion };
  const ins = parseInstrument(s.instrument);
  if (!ins.ok) return `instrument: ${ins.problems[0]!.message}`;
  const instrument = ins.instrument;
  if (instrument.id !== s.id || instrument.studyVersion !== s.studyVersion) {
    return `instrument: it is study ${instrument.id} version ${instrument.studyVersion}, not ${s.id} version ${s.studyVersion}`;
  }
  return { id: s.id, studyVersion: s.studyVersion, instrument };
}

/** A response entry checked: the response (its invalid answers flagged), or why it is set aside. */
function readResponse(
  entry: unknown,
  schemas: BundleSchemas,
  listed: ReadonlySet<string>,
  lost: ReadonlyMap<string, string>,
  checkerFor: (studyId: string, studyVersion: string) => AnswersChecker | null,
): BundleResponse | string {
  if (!isPlainObject(entry)) return `expected a response (an object), got ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}`;
  const unsafe = unsafeKey(entry, 5);
  if (unsafe) return at(entry, unsafe.slice(0, -1), `the key '${unsafe[unsafe.length - 1]}' is not allowed`);
  const parsed = v.safeParse(schemas.response, entry, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return at(entry, issuePath(issue), issue.message);
  }
  const r = parsed.output as BundleResponse;
  const key = studyKey(r.studyId, r.studyVersion);
  if (!listed.has(key)) return lost.get(key) ?? `study ${r.studyId} version ${r.studyVersion} is not listed in the bundle's studies`;
  const check = checkerFor(r.studyId, r.studyVersion);
  if (!check) return r;
  const verdict = check(r);
  if ('refuse' in verdict) return verdict.refuse;
  return withInvalidFlags(r, verdict.invalid);
}

function place(file: string | undefined, list: RecordPlace['list'], index: number, entry: unknown, reason: string): RecordPlace {
  const id = isPlainObject(entry) && typeof entry.id === 'string' ? entry.id : isPlainObject(entry) && typeof entry.responseId === 'string' ? entry.responseId : undefined;
  return { ...placeOf(file, list, index, id), reason };
}

function placeOf(file: string | undefined, list: RecordPlace['list'], index: number, id: string | undefined): Omit<RecordPlace, 'reason'> {
  const p: Omit<RecordPlace, 'reason'> = { list, index };
  if (file !== undefined) p.file = file;
  if (id !== undefined) p.id = id.length > 64 ? id.slice(0, 64) : id;
  return p;
}

function issuePath(issue: v.BaseIssue<unknown>): PathSegment[] {
  const items = issue.path ?? [];
  const segments = items.map((p) => p.key as PathSegment);
  const last = items[items.length - 1];
  // A record key that is not valid: the message names the key, the path stops at the record.
  // (A missing key of an object also has origin 'key': its path ends at the key, which is kept.)
  if (last && 'origin' in last && last.origin === 'key' && issue.type !== 'object') segments.pop();
  return segments;
}
