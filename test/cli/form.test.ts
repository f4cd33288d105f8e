import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import form from '../../src/cli/form';
import link from '../../src/cli/link';
import { makeXlsForm } from '../fixtures/xlsform/generate';
import { marketForm, PRICES_CSV, unionsCsv } from '../fixtures/xlsform/external-form';
import { zipSync, strToU8 } from 'fflate';
import { mkdirSync } from 'node:fs';
import { parseInstrument } from '../../src/core/instrument/parse';
import { ROOT, runVerb, spawnCli } from './run';

/** The test researcher's key file: `dala link` signs with it. */
const KEY_FILE = join(__dirname, '../fixtures/bundles/researcher.key');

const F = 'test/fixtures/xlsform';

/** `npx tsx src/cli/main.ts ARGS` from the repository. */
const dala = (...args: string[]) => spawnCli(args, ROOT);

/** The verb in-process, with a fake io rooted at the repository. */
const run = (...args: string[]) => runVerb(form, args, ROOT);

describe('dala form', () => {
  it('a researcher converts the Likert demo form and gets the instrument JSON (exit 0)', async () => {
    const { code, stdout, stderr } = await dala('form', `${F}/likert-demo.xlsx`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed = parseInstrument(JSON.parse(stdout));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.instrument.id).toBe('civil_service_model');
      expect(parsed.instrument.scales.map((s) => s.name)).toEqual(['strategy', 'human_capital', 'organization', 'leadership', 'resources']);
    }
  }, 60_000);

  it('a form Dala cannot use: a one-line reason, then every problem, exit 2', async () => {
    const { code, stdout, stderr } = await dala('form', `${F}/error-unsupported.xlsx`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      'dala form: error-unsupported.xlsx cannot be used as a Dala instrument: 2 errors',
      "error: error-unsupported.xlsx, sheet survey, row 6, column calculation: the form reads the file 'fruits.csv' (pulldata()), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
      "error: error-unsupported.xlsx, sheet survey, row 7, column appearance: the form reads the file 'fruits.csv' (search()), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
    ]);
  }, 60_000);

  it('prints warnings on stderr and the instrument on stdout', async () => {
    const { code, stdout, stderr } = await run(`${F}/groups.xlsx`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sections).toHaveLength(4);
    expect(stderr).toBe(
      "warning: groups.xlsx, sheet survey, row 5, column label: the label of nested group 'children' is not shown: Dala flattens a group inside a group into its section (its relevance is kept)\n",
    );
  });

  it('an Excel 97-2003 workbook (.xls) converts like an .xlsx', async () => {
    const { code, stdout, stderr } = await run(`${F}/slider-rank.xls`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const instrument = JSON.parse(stdout);
    expect(instrument.id).toBe('clinic_needs');
    expect(instrument.sections[0].items.map((i: { type: string }) => i.type)).toEqual(['range', 'rank', 'select_one']);
  });

  it('refuses a file that is not an xlsx with the reason, exit 2', async () => {
    const { code, stdout, stderr } = await run(`${F}/error-not-xlsx.xlsx`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'dala form: error-not-xlsx.xlsx cannot be used as a Dala instrument: 1 error\n' +
        'error: error-not-xlsx.xlsx: not an xlsx file (it is not a zip archive)\n',
    );
  });

  it('explains bad arguments (usage errors, exit 2 via the dispatcher)', async () => {
    await expect(run()).rejects.toThrow('expected FORM.xlsx or FORM.xls (and its files), a folder or a .zip (see --help)');
    await expect(run('--out', 'x.json')).rejects.toThrow("unknown option '--out' (see --help)");
    await expect(run('missing.xlsx')).rejects.toThrow(/^cannot read missing\.xlsx: ENOENT/);
    const { code, stderr } = await dala('form', 'missing.xlsx');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^dala form: cannot read missing\.xlsx: ENOENT/);
  }, 60_000);

  it('--help describes the verb', async () => {
    const { code, stdout } = await dala('form', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run dala -- form FORM\.xlsx \(or FORM\.xls\)\n/);
    expect(stdout).toContain('docs/xlsform.md');
  }, 60_000);

  it('hostile forms (issue 14) are bad input, exit 2 with the reason, never exit 1: form and link', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dala-form-'));
    try {
      const long = 'x'.repeat(9000);
      const survey = [['type', 'name', 'label', 'hint', 'label::ru', 'hint::ru'], ...Array.from({ length: 1000 }, (_, i) => ['text', `q${i}`, long, long, long, long])];
      writeFileSync(join(tmp, 'amplified.xlsx'), makeXlsForm({ survey }, { sharedStrings: true }));
      writeFileSync(
        join(tmp, 'proto.xlsx'),
        makeXlsForm({ survey: [['type', 'name', 'label', '__proto__', 'constructor'], ['text', 'a', 'A', 'x', 'y']], settings: [['form_id', 'version', 'constructor'], ['proto', '1', 'x']] }),
      );
      const amplified = await runVerb(form, ['amplified.xlsx'], tmp);
      expect(amplified.code).toBe(2);
      expect(amplified.stdout).toBe('');
      expect(amplified.stderr).toMatch(/^dala form: amplified\.xlsx cannot be used as a Dala instrument: 1 error\nerror: amplified\.xlsx, sheet survey, row \d+: the cells of the form's sheets hold more than 8,000,000 characters/);
      const linked = await runVerb(link, ['--form', 'amplified.xlsx', '--base', 'https://example.org/', '--identity', KEY_FILE], tmp);
      expect(linked.code).toBe(2);
      expect(linked.stderr).toMatch(/8,000,000 characters/);

      const proto = await runVerb(form, ['proto.xlsx'], tmp);
      expect(proto.code).toBe(0);
      expect(proto.stderr).toContain("warning: proto.xlsx, sheet survey, row 2, column constructor: column 'constructor' is ignored");
      expect(JSON.parse(proto.stdout).id).toBe('proto');
      expect((await runVerb(link, ['--form', 'proto.xlsx', '--base', 'https://example.org/', '--identity', KEY_FILE, '--recipient', 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj'], tmp)).code).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('a form with the files it reads: given together, as a folder, or as a .zip; the instrument carries them', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dala-form-'));
    try {
      mkdirSync(join(tmp, 'market'));
      writeFileSync(join(tmp, 'market', 'market.xlsx'), marketForm());
      writeFileSync(join(tmp, 'market', 'unions.csv'), unionsCsv(50));
      writeFileSync(join(tmp, 'market', 'prices.csv'), PRICES_CSV);
      writeFileSync(join(tmp, 'market.zip'), zipSync({ 'market/market.xlsx': marketForm(), 'market/unions.csv': strToU8(unionsCsv(50)), 'market/prices.csv': strToU8(PRICES_CSV) }));
      for (const args of [['market'], ['market.zip'], ['market/market.xlsx', 'market/unions.csv', 'market/prices.csv']]) {
        const { code, stdout, stderr } = await runVerb(form, args, tmp);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const instrument = JSON.parse(stdout);
        expect(instrument.attachments.map((a: { name: string }) => a.name).sort()).toEqual(['prices.csv', 'unions.csv']);
        expect(instrument.choiceLists.unions).toHaveLength(50);
        expect(parseInstrument(instrument).ok).toBe(true);
      }

      // Without its files: each is named with the row and column that reads it, exit 2, nothing printed.
      const alone = await runVerb(form, ['market/market.xlsx'], tmp);
      expect(alone.code).toBe(2);
      expect(alone.stdout).toBe('');
      expect(alone.stderr.trimEnd().split('\n')).toEqual([
        'dala form: market.xlsx cannot be used as a Dala instrument: 2 errors',
        "error: market.xlsx, sheet survey, row 4, column type: the form reads the file 'unions.csv' (select_one_from_file), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
        "error: market.xlsx, sheet survey, row 5, column default: the form reads the file 'prices.csv' (pulldata()), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
      ]);
      const two = await runVerb(form, ['market/market.xlsx', `${ROOT}/${F}/groups.xlsx`], tmp);
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('2 workbooks (market.xlsx, groups.xlsx): give one form with its files');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
