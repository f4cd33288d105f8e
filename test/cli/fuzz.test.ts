/**
 * Fuzz at the command line: every verb on mutated input files (bundles plain and encrypted, CSV
 * files, forms as JSON and XLSX) and on mutated arguments. A researcher's bad file is exit 2 with a
 * reason on stderr, or a result (exit 0): never exit 1, the code of an internal error. The runs are
 * in process (a verb that throws is what `dala` reports as exit 1); a few go through the real `dala`
 * command. The mutations and the fixed seed are test/core/fuzz/mutate.ts's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import csv from '../../src/cli/csv';
import form from '../../src/cli/form';
import link from '../../src/cli/link';
import merge from '../../src/cli/merge';
import score from '../../src/cli/score';
import type { Verb } from '../../src/cli/verb';
import { DalaError } from '../../src/core/errors';
import { applyByteEdits, applyJsonEdits, applyTextEdits, byteEdits, jsonEdits, NASTY_TEXT, runs, textEdits } from '../core/fuzz/mutate';
import { FIXTURES, ROOT, runVerb, spawnCli } from './run';

/** The test researcher's key file: `dala link` signs with it. */
const KEY_FILE = join(__dirname, '../fixtures/bundles/researcher.key');

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const SCORING = join(ROOT, 'test/fixtures/scoring');
const XLSFORM = join(ROOT, 'test/fixtures/xlsform');
const dir = mkdtempSync(join(tmpdir(), 'dala-cli-fuzz-'));
for (const f of ['field-form.json', 'researcher.key']) writeFileSync(join(dir, f), fixture(f));
writeFileSync(join(dir, 'seed-form.json'), readFileSync(join(SCORING, 'seed-form.json')));
writeFileSync(join(dir, 'pass.txt'), 'correct horse battery staple\n');

/** The input files to mutate, with what mutates them. */
const INPUTS: { name: string; bytes: Uint8Array; kind: 'json' | 'text' | 'bytes' }[] = [
  { name: 'device-a.dala.json', bytes: fixture('device-a.dala.json'), kind: 'json' },
  { name: 'device-b.dala.age', bytes: fixture('device-b.dala.age'), kind: 'bytes' },
  { name: 'device-b-armored.dala.age', bytes: fixture('device-b-armored.dala.age'), kind: 'text' },
  { name: 'device-a-passphrase.dala.age', bytes: fixture('device-a-passphrase.dala.age'), kind: 'bytes' },
  { name: 'kobo-export.csv', bytes: fixture('kobo-export.csv'), kind: 'text' },
];
const decoder = new TextDecoder();
const encoder = new TextEncoder();

const mutation = fc.record({ which: fc.nat(), json: jsonEdits, text: textEdits, bytes: byteEdits });
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutated(input: { bytes: Uint8Array; kind: 'json' | 'text' | 'bytes' }, m: Mutation): Uint8Array {
  if (input.kind === 'json') return encoder.encode(applyJsonEdits(JSON.parse(decoder.decode(input.bytes)), m.json));
  if (input.kind === 'text') return encoder.encode(applyTextEdits(decoder.decode(input.bytes), m.text));
  return applyByteEdits(input.bytes, m.bytes);
}

/** The exit status `dala` gives: the verb's, 2 for a DalaError it throws (src/cli/main.ts), else 1. */
async function exitCode(verb: Verb, args: string[]): Promise<number> {
  try {
    const { code, stderr } = await runVerb(verb, args, dir);
    if (code === 2) expect(stderr.length).toBeGreaterThan(0);
    return code;
  } catch (e) {
    if (e instanceof DalaError) return 2;
    throw e;
  }
}

describe('fuzz: the command line never exits 1 on bad input', () => {
  it('merge, csv and score on mutated bundles and CSV files: exit 0 or 2', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.nat({ max: 2 }), async (m, v) => {
        const input = INPUTS[m.which % INPUTS.length]!;
        const file = `fuzz-${input.name}`;
        writeFileSync(join(dir, file), mutated(input, m));
        const keys = ['--identity', 'researcher.key', '--passphrase-file', 'pass.txt'];
        const args: [Verb, string[]][] = [
          [merge, ['--allow-unsigned', '--form', 'field-form.json', ...keys, '--plaintext', '--out', 'merged.json', file]],
          [csv, ['--form', 'field-form.json', ...keys, '--spss', 'out.sps', '--r', 'out.R', '--codebook', 'cb.csv', '--out', 'out.csv', file]],
          [score, ['--form', 'field-form.json', ...keys, file]],
        ];
        const [verb, argv] = args[v]!;
        expect([0, 2]).toContain(await exitCode(verb, argv));
      }),
      runs(240),
    );
  }, 60_000);

  it('score, link and merge on a mutated form (JSON), form and link on a mutated XLSForm: exit 0 or 2', async () => {
    const fieldForm = JSON.parse(readFileSync(join(dir, 'field-form.json'), 'utf8')) as unknown;
    const xlsx = new Uint8Array(readFileSync(join(XLSFORM, 'likert-demo.xlsx')));
    writeFileSync(join(dir, 'seed.csv'), readFileSync(join(SCORING, 'seed.csv')));
    writeFileSync(join(dir, 'device-a.dala.json'), fixture('device-a.dala.json'));
    await fc.assert(
      fc.asyncProperty(jsonEdits, byteEdits, fc.nat({ max: 4 }), async (edits, bytes, v) => {
        writeFileSync(join(dir, 'fuzz-form.json'), applyJsonEdits(fieldForm, edits));
        writeFileSync(join(dir, 'fuzz-form.xlsx'), applyByteEdits(xlsx, bytes));
        const args: [Verb, string[]][] = [
          [score, ['--form', 'fuzz-form.json', 'device-a.dala.json']],
          [link, ['--form', 'fuzz-form.json', '--base', 'https://example.org/dala/', '--identity', KEY_FILE]],
          [merge, ['--allow-unsigned', '--form', 'fuzz-form.json', '--plaintext', '--out', 'merged.json', 'device-a.dala.json']],
          [form, ['fuzz-form.xlsx']],
          [link, ['--form', 'fuzz-form.xlsx', '--base', 'https://example.org/dala/', '--identity', KEY_FILE]],
        ];
        const [verb, argv] = args[v]!;
        expect([0, 2]).toContain(await exitCode(verb, argv));
      }),
      runs(200),
    );
  }, 60_000);

  it('mutated arguments: exit 0 or 2', async () => {
    const token = fc.oneof(
      fc.constantFrom('--form', 'field-form.json', '--out', 'x.json', '--out=', '--recipient', 'age1xyz', '--armor', '--plaintext', '--layout', 'tall', '--labels', 'ru', '--separator', '--', '-', '--base', 'ftp://x', '--referral', 'K7M2QX.9.AB', '--qr', 'device-a.dala.json', 'missing.json', '--identity', 'pass.txt', '--passphrase-file', 'field-form.json', '--group-by', 'sector', '--format', 'xml'),
      fc.constantFrom(...NASTY_TEXT),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(merge, csv, score, link, form), fc.array(token, { maxLength: 8 }), async (verb, argv) => {
        expect([0, 2]).toContain(await exitCode(verb, argv));
      }),
      runs(200),
    );
  }, 60_000);

  it('through the real `dala` command, mutated files exit 0 or 2', async () => {
    // One run (starting the command takes seconds): every input mutated, merged at once.
    const files = fc.sample(mutation, { seed: 7, numRuns: INPUTS.length }).map((m, i) => {
      writeFileSync(join(dir, `real-${INPUTS[i]!.name}`), mutated(INPUTS[i]!, m));
      return `real-${INPUTS[i]!.name}`;
    });
    const r = await spawnCli(['merge', '--form', 'field-form.json', '--identity', 'researcher.key', '--passphrase-file', 'pass.txt', '--plaintext', '--out', 'real.json', ...files], dir);
    expect([0, 2], r.stderr).toContain(r.code);
  }, 60_000);
});
