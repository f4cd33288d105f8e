/**
 * parseInstrument: untrusted JSON -> Instrument, or the list of what is wrong with it.
 *
 * Parse, then migrate, then validate, then trust (docs/instrument-format.md, "Validation"):
 * 1. cheap guards: a JSON object, `type` "dala-instrument", a `version` this Dala reads;
 * 2. keys that could reach Object.prototype (`__proto__`, `constructor`, `prototype`) are refused
 *    wherever they appear in the parts of the document that are read;
 * 3. the migration of that version (./migrations.ts) brings the document to the current format;
 * 4. the structural schema (./schema.ts): types, required fields, names, counts and lengths;
 * 5. the referential rules (./check.ts): unique names, lists and scales that exist, expressions
 *    that parse and read existing items.
 * Nothing is thrown for bad input: the result says `ok: false` with every problem found (up to
 * MAX_PROBLEMS), each naming its place: "sections[2].items[4] (q1_other): relevant: unknown
 * function 'foo' at position 8". Warnings do not stop an instrument from loading.
 *
 * The output carries only the fields of the current format: unknown keys are dropped, not kept.
 * The size of the JSON text is the caller's cap (read it with a limit before JSON.parse).
 */
import * as v from 'valibot';
import { counted } from '../count';
import type { Problem } from '../errors';
import { checkInstrument } from './check';
import { INSTRUMENT_MIGRATIONS, readableVersions } from './migrations';
import { at, type PathSegment } from './problem-path';
import { count } from '../schema-kit';
import { describe, INSTRUMENT_LIMITS, instrumentSchema } from './schema';
import { INSTRUMENT_TYPE, type Instrument } from './types';

export type ParseInstrumentResult =
  | { ok: true; instrument: Instrument; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/** At most this many problems are listed; one more says how many were left out. */
export const MAX_PROBLEMS = 100;

/** Keys valibot (and a careful reader) skips silently; in an instrument they are an error. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** The deepest the format nests (instrument.likertScales.x.points[0].label.en) plus a margin. */
const SCAN_DEPTH = 8;

/**
 * `source` names the input in every problem (`Problem.file`), e.g. the file name of an import.
 */
export function parseInstrument(input: unknown, source?: string): ParseInstrumentResult {
  const problem = (message: string, severity: Problem['severity'] = 'error'): Problem =>
    source === undefined ? { severity, message } : { severity, message, file: source };
  const fail = (messages: string[]): ParseInstrumentResult => ({ ok: false, problems: capped(messages.map((m) => problem(m))) });

  // 1. Guards.
  if (!isPlainObject(input)) return fail([`not a Dala instrument: expected a JSON object, got ${describe(input)}`]);
  if (input.type !== INSTRUMENT_TYPE) {
    return fail([
      input.type === undefined
        ? `not a Dala instrument: it has no type "${INSTRUMENT_TYPE}"`
        : `not a Dala instrument: type is ${describe(input.type)}, expected '${INSTRUMENT_TYPE}'`,
    ]);
  }
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail([`missing or invalid instrument format version: expected a whole number, got ${describe(version)}`]);
  }
  const migrate = Object.hasOwn(INSTRUMENT_MIGRATIONS, version) ? INSTRUMENT_MIGRATIONS[version] : undefined;
  if (!migrate) return fail([`unknown instrument format version ${version}; this Dala reads ${readableVersions()}`]);

  // 2. Keys that reach into prototypes, and the size of the whole.
  const unsafe = unsafeKeys(input);
  if (unsafe.found.length > 0) {
    const more = unsafe.more > 0 ? [`... and ${counted(unsafe.more, 'more problem', 'more problems')}`] : [];
    return { ok: false, problems: [...unsafe.found, ...more].map((m) => problem(m)) };
  }
  if (unsafe.characters > INSTRUMENT_LIMITS.totalText) return fail([totalTextMessage(unsafe.characters)]);

  // 3. Migration, 4. structure.
  const migrated = migrate(input);
  const parsed = v.safeParse(instrumentSchema, migrated, { abortPipeEarly: true });
  if (!parsed.success) return fail(parsed.issues.map((issue) => issueMessage(migrated, issue)));
  const instrument: Instrument = parsed.output;

  // 5. References.
  const { errors, warnings } = checkInstrument(instrument);
  const withFile = (p: Problem): Problem => (source === undefined ? p : { ...p, file: source });
  if (errors.length > 0) return { ok: false, problems: capped([...errors, ...warnings].map(withFile)) };
  return { ok: true, instrument, warnings: capped(warnings.map(withFile)) };

  function capped(problems: Problem[]): Problem[] {
    if (problems.length <= MAX_PROBLEMS) return problems;
    const rest = problems.length - MAX_PROBLEMS;
    return [
      ...problems.slice(0, MAX_PROBLEMS),
      problem(`... and ${counted(rest, 'more problem', 'more problems')}`, problems.some((p) => p.severity === 'error') ? 'error' : 'warning'),
    ];
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** The instrument's texts, names and expressions together are over INSTRUMENT_LIMITS.totalText. */
export function totalTextMessage(characters: number): string {
  return (
    `the instrument's texts, names and expressions have ${count(characters)} characters in all; ` +
    `Dala reads at most ${count(INSTRUMENT_LIMITS.totalText)} (labels times languages times items)`
  );
}

/**
 * "sections[0].items[2] (q1): label: the key '__proto__' is not allowed", for each one met; and the
 * characters of every key and string met, which bound the whole document (not only each part).
 */
function unsafeKeys(root: Record<string, unknown>): { found: string[]; more: number; characters: number } {
  const found: string[] = [];
  let more = 0;
  let characters = 0;
  const report = (message: () => string) => {
    if (found.length < MAX_PROBLEMS) found.push(message());
    else more++;
  };
  const path: PathSegment[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') characters += value.length;
    if (depth > SCAN_DEPTH || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const entry: unknown = value[i];
        if (typeof entry === 'string') characters += entry.length;
        if (typeof entry !== 'object' || entry === null) continue;
        path.push(i);
        visit(entry, depth + 1);
        path.pop();
      }
      return;
    }
    if (!isPlainObject(value)) {
      report(() => at(root, path, 'not plain JSON data (an object with a prototype)'));
      return;
    }
    for (const key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) {
        report(() => at(root, path, `the key '${key}' is not allowed`));
        continue;
      }
      characters += key.length;
      path.push(key);
      visit(value[key], depth + 1);
      path.pop();
    }
  };
  visit(root, 0);
  return { found, more, characters };
}

/** A valibot issue as "path: message", the path walked in the document the schema saw. */
function issueMessage(root: unknown, issue: v.BaseIssue<unknown>): string {
  const items = issue.path ?? [];
  const segments: PathSegment[] = items.map((p) => p.key as PathSegment);
  // A record key that is not valid: point at the record, the message names the key.
  const last = items[items.length - 1];
  if (last && 'origin' in last && last.origin === 'key' && issue.type !== 'object') segments.pop();
  return at(root, segments, issue.message);
}
