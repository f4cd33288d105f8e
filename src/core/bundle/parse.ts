/**
 * parseBundle: untrusted JSON -> a `Bundle`, or a typed error that names the file, the record and
 * what is wrong. Parse, then migrate, then validate record by record, then trust:
 *
 * 1. size: a JSON text above `limits.jsonChars` is refused before JSON.parse ('too-large');
 * 2. guards: a JSON object with `type` "dala-bundle" and a `version` this Dala reads, else
 *    'bundle-format' ("unknown bundle format version 7; this Dala reads version 1");
 * 3. the migration of that version (./migrations.ts);
 * 4. the bundle's own fields and counts (./schema.ts, `shell`): 'bundle-format' when they are wrong,
 *    'bundle-record' for a bad study or paradata event;
 * 5. each study's instrument (parseInstrument) and each response on its own: its keys (never
 *    `__proto__`, `constructor`, `prototype`), its shape, its study listed in `studies`, and its
 *    answers against the study's instrument when the bundle carries it or the caller has it.
 *
 * The first bad record refuses the whole bundle with a `BundleRecordError` ('bundle-record'):
 * "bundle a.dala.age, responses[3] (id 5f0c1a2b…): answers.age.value: not a whole number". A bundle
 * is the unit a device exported; taking part of it would hide the problem.
 */
import * as v from 'valibot';
import { DalaError } from '../errors';
import { at, type PathSegment } from '../instrument/problem-path';
import { parseInstrument } from '../instrument/parse';
import { allItems, type Instrument, type Item } from '../instrument/types';
import { allowedCodes, validateValue } from '../responses/validate-value';
import { BundleRecordError, bundleName, type RecordPlace } from './errors';
import { BUNDLE_LIMITS, type BundleLimits } from './limits';
import { BUNDLE_MIGRATIONS, readableBundleVersions } from './migrations';
import { bundleSchemas, DEFAULT_SCHEMAS, type BundleSchemas } from './schema';
import { BUNDLE_TYPE, type Bundle, type BundleResponse, type BundleStudy, type ParadataEvent } from './types';

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
  /** Instruments the answers are checked against when the bundle does not carry its own. */
  instruments?: InstrumentLookup;
  /** Narrower caps than BUNDLE_LIMITS. */
  limits?: Partial<BundleLimits>;
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON text -> Bundle. Throws DalaError ('too-large', 'bundle-format', 'bundle-record'). */
export function parseBundleText(text: string, options: ParseBundleOptions = {}): Bundle {
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
  return parseBundle(json, options);
}

/** Parsed JSON -> Bundle. Throws DalaError ('bundle-format', 'bundle-record'). */
export function parseBundle(input: unknown, options: ParseBundleOptions = {}): Bundle {
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

  // 2. Prototype keys in the bundle's own fields (responses and instruments are scanned on their own).
  const unsafe = unsafeKey(input, 6, (path) => (path.length === 1 && path[0] === 'responses') || (path.length === 3 && path[2] === 'instrument'));
  if (unsafe) throw format(at(input, unsafe.slice(0, -1), `the key '${unsafe[unsafe.length - 1]}' is not allowed`));

  // 3. Migration, 4. the shell.
  const doc = migrate(input);
  const shell = v.safeParse(schemas.shell, doc, { abortEarly: true });
  if (!shell.success) {
    const issue = shell.issues[0];
    const segments = issuePath(issue);
    const list = segments[0];
    if ((list === 'studies' || list === 'paradata') && typeof segments[1] === 'number') {
      const entry = (doc[list] as unknown[])[segments[1]];
      throw new BundleRecordError(place(file, list, segments[1], entry, at(entry, segments.slice(2), issue.message)));
    }
    throw format(at(doc, segments, issue.message));
  }
  const out = shell.output;

  // 5a. Studies and their instruments.
  const studies: BundleStudy[] = [];
  const carried = new Map<string, Instrument>();
  const listed = new Set<string>();
  out.studies.forEach((s, index) => {
    const key = studyKey(s.id, s.studyVersion);
    if (listed.has(key)) throw new BundleRecordError({ ...placeOf(file, 'studies', index, s.id), reason: `study ${s.id} version ${s.studyVersion} is listed twice` });
    listed.add(key);
    if (s.instrument === undefined) {
      studies.push({ id: s.id, studyVersion: s.studyVersion });
      return;
    }
    const parsed = parseInstrument(s.instrument);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      throw new BundleRecordError({ ...placeOf(file, 'studies', index, s.id), reason: `instrument: ${first.message}` });
    }
    const instrument = parsed.instrument;
    if (instrument.id !== s.id || instrument.studyVersion !== s.studyVersion) {
      throw new BundleRecordError({
        ...placeOf(file, 'studies', index, s.id),
        reason: `instrument: it is study ${instrument.id} version ${instrument.studyVersion}, not ${s.id} version ${s.studyVersion}`,
      });
    }
    carried.set(key, instrument);
    studies.push({ id: s.id, studyVersion: s.studyVersion, instrument });
  });

  // 5b. Responses, one by one.
  const checkers = new Map<string, AnswerChecker | null>();
  const checkerFor = (studyId: string, studyVersion: string): AnswerChecker | null => {
    const key = studyKey(studyId, studyVersion);
    let c = checkers.get(key);
    if (c === undefined) {
      const instrument = carried.get(key) ?? options.instruments?.(studyId, studyVersion);
      c = instrument ? answerChecker(instrument) : null;
      checkers.set(key, c);
    }
    return c;
  };
  const raw = out.responses;
  const responses: BundleResponse[] = new Array(raw.length);
  for (let index = 0; index < raw.length; index++) {
    responses[index] = parseResponse(raw[index], index, file, schemas, listed, checkerFor);
  }

  const bundle: Bundle = {
    type: BUNDLE_TYPE,
    version: 1,
    bundleId: out.bundleId,
    createdAt: out.createdAt,
    device: out.device.label === undefined ? { id: out.device.id } : { id: out.device.id, label: out.device.label },
    app: { name: 'dala', version: out.app.version },
    studies,
    responses,
  };
  if (out.since !== undefined) bundle.since = out.since;
  if (out.paradata !== undefined) bundle.paradata = out.paradata as ParadataEvent[];
  return bundle;
}

function parseResponse(
  entry: unknown,
  index: number,
  file: string | undefined,
  schemas: BundleSchemas,
  listed: ReadonlySet<string>,
  checkerFor: (studyId: string, studyVersion: string) => AnswerChecker | null,
): BundleResponse {
  const fail = (reason: string): never => {
    throw new BundleRecordError(place(file, 'responses', index, entry, reason));
  };
  if (!isPlainObject(entry)) fail(`expected a response (an object), got ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}`);
  const unsafe = unsafeKey(entry, 5);
  if (unsafe) fail(at(entry, unsafe.slice(0, -1), `the key '${unsafe[unsafe.length - 1]}' is not allowed`));
  const parsed = v.safeParse(schemas.response, entry, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    fail(at(entry, issuePath(issue), issue.message));
  }
  const r = parsed.output as BundleResponse;
  if (!listed.has(studyKey(r.studyId, r.studyVersion))) {
    fail(`study ${r.studyId} version ${r.studyVersion} is not listed in the bundle's studies`);
  }
  const check = checkerFor(r.studyId, r.studyVersion);
  if (check) {
    const problem = check(r);
    if (problem) fail(problem);
  }
  return r;
}

/** Checks a response's answers against its instrument: the first problem, or null. */
type AnswerChecker = (r: BundleResponse) => string | null;

function answerChecker(instrument: Instrument): AnswerChecker {
  const items = new Map<string, { item: Item; codes: ReadonlySet<string> | null }>();
  for (const { item } of allItems(instrument)) {
    const codes = allowedCodes(instrument, item);
    items.set(item.name, { item, codes: codes ? new Set(codes) : null });
  }
  const where = `study ${instrument.id} version ${instrument.studyVersion}`;
  return (r) => {
    for (const name in r.answers) {
      const known = items.get(name);
      if (!known) return at(r, ['answers', name], `the ${where} has no item '${name}'`);
      const value = r.answers[name]!.value;
      // The common case without building lists: a single code the item accepts.
      if (known.codes && typeof value === 'string' && known.item.type !== 'select_multiple' && known.codes.has(value)) continue;
      const reason = validateValue(instrument, known.item, value);
      if (reason) return at(r, ['answers', name, 'value'], reason);
    }
    return null;
  };
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

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** The path to the first key that reaches into prototypes (the key last), or null. */
function unsafeKey(root: unknown, maxDepth: number, skip?: (path: readonly PathSegment[]) => boolean): PathSegment[] | null {
  const path: PathSegment[] = [];
  return visitKeys(root, 0, maxDepth, path, skip) ? path : null;
}

/** Depth-first over objects and arrays (no closure per call: this runs once per response). */
function visitKeys(value: unknown, depth: number, maxDepth: number, path: PathSegment[], skip?: (path: readonly PathSegment[]) => boolean): boolean {
  if (depth > maxDepth || typeof value !== 'object' || value === null) return false;
  if (skip?.(path)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const e: unknown = value[i];
      if (typeof e !== 'object' || e === null) continue;
      path.push(i);
      if (visitKeys(e, depth + 1, maxDepth, path, skip)) return true;
      path.pop();
    }
    return false;
  }
  for (const key of Object.keys(value)) {
    path.push(key);
    if (UNSAFE_KEYS.has(key)) return true;
    if (visitKeys((value as Record<string, unknown>)[key], depth + 1, maxDepth, path, skip)) return true;
    path.pop();
  }
  return false;
}
