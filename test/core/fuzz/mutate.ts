/**
 * Structured mutations of real fixtures for the fuzz tests (test/core/fuzz/): what a damaged
 * download, a careless edit or a hostile author does to a file. Bytes are cut short, have bits
 * flipped, ranges dropped, repeated or spliced in; JSON gets values of the wrong type, huge texts,
 * numbers and lists, deep nesting, keys such as `__proto__` and `constructor`; text gets the
 * characters parsers trip over (quotes, separators, line breaks, NUL, a BOM, lone surrogates).
 *
 * Every run uses the fixed seed FUZZ_SEED, so a failure is the same on every machine; fast-check
 * prints the counterexample, which then becomes a regular test beside the parser.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { DalaError } from '../../../src/core/errors';

/**
 * The seed of every fuzz run. `npm test` always uses the fixed one; to look further, run
 * `DALA_FUZZ_SEED=7 DALA_FUZZ_RUNS=10 npx vitest run --project unit test/core/fuzz test/cli/fuzz.test.ts`
 * (another seed, ten times the cases), and keep what it finds as a regular test.
 */
export const FUZZ_SEED = Number(process.env.DALA_FUZZ_SEED ?? 20_240_501);
const RUNS_FACTOR = Number(process.env.DALA_FUZZ_RUNS ?? 1);

/** fast-check's options for a run of `numRuns` cases with the fixed seed. */
export const runs = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * RUNS_FACTOR)), endOnFailure: true });

/**
 * The memory bound of a fuzz case: the process's resident memory after it. A parser that reads a
 * hostile file whole into memory several times over (as 2.1 GB for a 1 GB file did) fails here.
 */
export const MAX_RSS_BYTES = 1.5 * 1024 ** 3;

/** Runs a parser on untrusted input: it returns, or throws a DalaError (a typed error with a code). */
export function parsesOrRefuses<T>(parse: () => T): T | DalaError {
  let out: T | DalaError;
  try {
    out = parse();
  } catch (e) {
    if (!(e instanceof DalaError)) throw e;
    expect(typeof e.code).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
    out = e;
  }
  expect(process.memoryUsage.rss()).toBeLessThan(MAX_RSS_BYTES);
  return out;
}

export async function parsesOrRefusesAsync<T>(parse: () => Promise<T>): Promise<T | DalaError> {
  let out: T | DalaError;
  try {
    out = await parse();
  } catch (e) {
    if (!(e instanceof DalaError)) throw e;
    expect(typeof e.code).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
    out = e;
  }
  expect(process.memoryUsage.rss()).toBeLessThan(MAX_RSS_BYTES);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bytes

export type ByteEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

/** Positions are taken modulo the length when applied, so one edit list fits any input. */
export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0, 0x0a, 0x0d, 0x22, 0x3c, 0x7f, 0x80, 0xff) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 2, max: 50 }) }),
);

export const byteEdits = fc.array(byteEdit, { minLength: 1, maxLength: 4 });

export function applyByteEdits(input: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let bytes = input;
  for (const e of edits) {
    const at = bytes.length === 0 ? 0 : e.at % (bytes.length + 1);
    switch (e.kind) {
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'flip':
      case 'set': {
        if (bytes.length === 0) break;
        const i = at % bytes.length;
        bytes = bytes.slice();
        bytes[i] = e.kind === 'flip' ? bytes[i]! ^ (1 << e.bit) : e.value;
        break;
      }
      case 'insert':
        bytes = concat(bytes.subarray(0, at), e.bytes, bytes.subarray(at));
        break;
      case 'delete':
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + e.length));
        break;
      case 'repeat': {
        const piece = bytes.subarray(at, at + e.length);
        bytes = concat(bytes.subarray(0, at), ...Array.from({ length: e.times }, () => piece), bytes.subarray(at));
        break;
      }
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text

/** What parsers of text trip over. */
export const NASTY_TEXT = [
  '"',
  '""',
  "'",
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\u001b',
  '\uFEFF',
  '\u00A0',
  '\u200B',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '😀',
  'Ж',
  '=',
  '=1+1',
  '@SUM(A1)',
  '\uFF1D',
  '-',
  '+',
  '${',
  '}',
  '${x}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '\\',
  '%',
  '#',
  '?',
  '/',
  '.',
  '..',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
] as const;

export type TextEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'replace'; at: number; text: string };

const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.constantFrom(10, 1000, 100_001)).map(([s, n]) => s.repeat(Math.ceil(n / s.length))) },
);

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: nastyText }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: nastyText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 200 }) }) },
);

export const textEdits = fc.array(textEdit, { minLength: 1, maxLength: 5 });

export function applyTextEdits(input: string, edits: readonly TextEdit[]): string {
  let s = input;
  for (const e of edits) {
    const at = e.at % (s.length + 1);
    switch (e.kind) {
      case 'insert':
        s = s.slice(0, at) + e.text + s.slice(at);
        break;
      case 'replace':
        s = s.slice(0, at) + e.text + s.slice(at + e.text.length);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + e.length);
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'repeat': {
        const piece = s.slice(at, at + e.length);
        s = s.slice(0, at) + piece.repeat(e.times) + s.slice(at);
        break;
      }
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// JSON

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values of the wrong type, or at the edges of their type. */
export const ODD_VALUES: readonly Json[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  1e21,
  2 ** 53 + 2,
  -1e308,
  '',
  ' ',
  'x',
  '\u0000',
  '\uD800',
  '=HYPERLINK("http://x")',
  '__proto__',
  'constructor',
  '2024-02-30T25:61:00Z',
  'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj',
  [],
  [null],
  [[[]]],
  {},
  { a: 1 },
  { value: 'x', at: '2024-05-01T09:30:00Z' },
];

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'] as const;

export type JsonEdit =
  | { kind: 'odd'; path: number; value: number }
  | { kind: 'huge-text'; path: number; length: number }
  | { kind: 'huge-list'; path: number; times: number }
  | { kind: 'deep'; path: number; depth: number; object: boolean }
  | { kind: 'proto-key'; path: number; key: number; rename: boolean }
  | { kind: 'delete'; path: number };

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('odd' as const), path: fc.nat(), value: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge-text' as const), path: fc.nat(), length: fc.constantFrom(129, 1001, 100_001, 2_000_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge-list' as const), path: fc.nat(), times: fc.constantFrom(2, 101, 5001, 50_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), path: fc.nat(), depth: fc.constantFrom(64, 1000, 20_000), object: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('proto-key' as const), path: fc.nat(), key: fc.nat(), rename: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }) },
);

export const jsonEdits = fc.array(jsonEdit, { minLength: 1, maxLength: 4 });

type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

/** Every place in `root` a value sits (breadth-first, so the top levels come first). */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const queue: Json[] = [root];
  for (let i = 0; i < queue.length && out.length < 20_000; i++) {
    const node = queue[i]!;
    if (Array.isArray(node)) {
      node.forEach((child, k) => {
        out.push({ parent: node, key: k });
        queue.push(child);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const k of Object.keys(node)) {
        out.push({ parent: node, key: k });
        queue.push(node[k]!);
      }
    }
  }
  return out;
}

/** JSON text of `value` nested `depth` times, written as text: JSON.stringify recurses and stops near 5,000. */
function nestedText(value: Json, depth: number, object: boolean): string {
  const inner = JSON.stringify(value) ?? 'null';
  return object ? '{"a":'.repeat(depth) + inner + '}'.repeat(depth) : '['.repeat(depth) + inner + ']'.repeat(depth);
}

/** The most characters a 'huge-list' edit makes, so one case stays a few megabytes. */
const MAX_LIST_CHARS = 4_000_000;

/** Sets an own property, `__proto__` included (as JSON.parse makes it), never the prototype. */
function setOwn(o: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `input` (parsed JSON) with the edits applied, as JSON text. */
export function applyJsonEdits(input: unknown, edits: readonly JsonEdit[]): string {
  const root: { [key: string]: Json } = { root: structuredClone(input) as Json };
  // Deep values and huge lists are put in as text at the end, each in place of a marker string.
  const raw = new Map<string, string>();
  for (const e of edits) {
    const all = slots(root); // slot 0 is the whole document
    const slot = all[e.path % all.length]!;
    if (slot.parent === root && (e.kind === 'delete' || (e.kind === 'proto-key' && (root.root === null || typeof root.root !== 'object' || Array.isArray(root.root))))) {
      root.root = null; // the whole document deleted, or renamed away: JSON null
      continue;
    }
    const get = () => (slot.parent as Record<string | number, Json>)[slot.key] as Json;
    const set = (v: Json) => {
      if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = v;
      else setOwn(slot.parent, slot.key as string, v);
    };
    switch (e.kind) {
      case 'odd':
        set(structuredClone(ODD_VALUES[e.value % ODD_VALUES.length]!));
        break;
      case 'huge-text':
        set('Ж'.repeat(e.length));
        break;
      case 'huge-list': {
        // Written as text too (cheap), so later edits see one short marker, not 50,000 values.
        const json = JSON.stringify(get()) ?? 'null';
        // A marker inside is long text later: repeat it only twice.
        const size = json.includes('\\u0001raw') ? MAX_LIST_CHARS : json.length + 1;
        const times = Math.max(2, Math.min(e.times, Math.floor(MAX_LIST_CHARS / size)));
        const marker = `\u0001raw${raw.size}`;
        raw.set(JSON.stringify(marker), `[${Array.from({ length: times }, () => json).join(',')}]`);
        set(marker);
        break;
      }
      case 'deep': {
        const marker = `\u0001raw${raw.size}`;
        raw.set(JSON.stringify(marker), nestedText(get(), e.depth, e.object));
        set(marker);
        break;
      }
      case 'proto-key': {
        const key = PROTO_KEYS[e.key % PROTO_KEYS.length]!;
        const v = get();
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
          const names = Object.keys(v);
          if (e.rename && names.length > 0) {
            const old = names[e.key % names.length]!;
            const moved = v[old]!;
            delete v[old];
            setOwn(v, key, moved);
          } else setOwn(v, key, { polluted: true, value: 'x', at: '2024-05-01T09:30:00Z' });
        } else if (!Array.isArray(slot.parent)) {
          const moved = get();
          delete slot.parent[slot.key as string];
          setOwn(slot.parent, key, moved);
        }
        break;
      }
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key as string];
        break;
    }
  }
  let text = JSON.stringify(Object.hasOwn(root, 'root') ? root.root : null) ?? 'null';
  // Later markers first: a later one's text may hold an earlier marker.
  for (const [marker, value] of [...raw].reverse()) text = text.split(marker).join(value);
  return text;
}

/** `{}` must not have changed: no mutation reached Object.prototype. */
export function expectPrototypeClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}
