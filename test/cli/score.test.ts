import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import score from '../../src/cli/score';
import { expectClose } from '../core/scoring/fixtures';
import { ROOT, runVerb } from './run';

const F = 'test/fixtures/scoring';

/** The verb in-process, with a fake io rooted at the repository. */
const run = (...args: string[]) => runVerb(score, args, ROOT);

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dala-score-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('dala score', () => {
  it('a researcher scores the seed study from the command line, public against private', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli/main.ts', 'score', '--form', `${F}/seed-form.json`, '--group-by', 'sector', `${F}/seed.csv`],
      { cwd: ROOT },
    );
    expect(stderr).toBe('');
    const { scores, oracle, ...expected } = (await import(`../fixtures/scoring/expected-seed-sector.json`)).default;
    expectClose(JSON.parse(stdout), expected);
  }, 60_000);

  it('--format csv prints the scale table', async () => {
    const { code, stdout } = await run('--form', `${F}/seed-form.json`, '--format=csv', `${F}/seed.csv`);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('scale,items,reversed,n,mean,sd,median,min,max,alpha,alphaN');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['scale', 'strategy', 'human_capital', 'organization', 'resources']);
    expect(lines[4]).toMatch(/^resources,res1 res2 res3 res4,,4,3\.4375,/);
  });

  it('--form takes an XLSForm like every other verb: its scales, reversed items and all', async () => {
    const dir = scratch({
      'data.csv': [
        'str_define,str_achieve,str_joint,hc_qualification,hc_competence,hc_turnover',
        '5,4,3,5,4,1',
        '4,4,4,2,2,5',
        '3,5,4,4,5,2',
      ].join('\n'),
    });
    const { code, stdout, stderr } = await runVerb(score, ['--form', join(ROOT, 'test/fixtures/xlsform/likert-demo.xlsx'), '--format', 'csv', 'data.csv'], dir);
    expect({ code, stderr: stderr.split('\n').filter((l) => !l.startsWith('warning:')).join('') }).toEqual({ code: 0, stderr: '' });
    const rows = Object.fromEntries(stdout.trimEnd().split('\n').map((l) => [l.split(',')[0], l.split(',')]));
    expect(rows.strategy!.slice(1, 5)).toEqual(['str_define str_achieve str_joint', '', '3', '4']);
    // hc_turnover is reverse coded (6 - x): (5 + 4 + 5) / 3, (2 + 2 + 1) / 3, (4 + 5 + 4) / 3.
    expect(rows.human_capital![2]).toBe('hc_turnover');
    expect(Number(rows.human_capital![4])).toBeCloseTo((14 / 3 + 5 / 3 + 13 / 3) / 3, 12);
  });

  it('several data files are one study; a response id in two files is refused', async () => {
    const dir = scratch({
      'a.csv': 'instanceID,sector,str1,str2,str3\nR1,public,5,4,3\n',
      'b.csv': 'meta/instanceID,profile/sector,str1,str2,str3\nR2,private,5,5,4\n',
      'c.csv': '_uuid,str1\nR1,4\n',
    });
    const ok = await run('--form', `${ROOT}/${F}/seed-form.json`, join(dir, 'a.csv'), join(dir, 'b.csv'));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).scales[0]).toMatchObject({ name: 'strategy', n: 2, mean: expect.closeTo(13 / 3, 14) });
    const dup = await run('--form', `${F}/seed-form.json`, join(dir, 'a.csv'), join(dir, 'c.csv'));
    expect(dup).toMatchObject({ code: 2, stdout: '' });
    expect(dup.stderr).toBe("dala score: the data has 1 problem\n  c.csv: response id 'R1' is also in a.csv\n");
  });

  it('bad input exits 2 with a one-line reason, then the problems', async () => {
    const dir = scratch({
      'data.csv': 'instanceID,sector,str1\nR1,public,5\nR2,public,4\nR3,private,7\n',
      'other.csv': 'name,age\nx,3\n',
      'form.json': '{"type": "something-else"}',
      'broken.json': '{"type": ',
    });
    const cases: [string[], string][] = [
      [['--form', `${F}/seed-form.json`, join(dir, 'data.csv')], "dala score: the data has 1 problem\n  data.csv, row 4, column str1: '7' is not a point of scale agree5\n"],
      [['--form', `${F}/seed-form.json`, join(dir, 'other.csv')], 'dala score: the data has 1 problem\n  other.csv: no column names an item of the form (is it the right form?)\n'],
      [['--form', `${F}/seed-form.json`, '--group-by', 'str1', `${F}/seed.csv`], "dala score: group by: item 'str1' is not a single-choice (select_one) item\n"],
      [['--form', `${F}/seed-form.json`, '--group-by', 'nope', `${F}/seed.csv`], "dala score: group by: the form has no item 'nope'\n"],
      [['--form', `${F}/seed-form.json`, '--format', 'xml', `${F}/seed.csv`], "dala score: --format must be json or csv, not 'xml' (see --help)\n"],
      [[`${F}/seed.csv`], 'dala score: --form FORM is required (see --help)\n'],
      [['--form', `${F}/seed-form.json`], 'dala score: no DATA file given (see --help)\n'],
      [['--form', `${F}/seed-form.json`, '--verbose', `${F}/seed.csv`], "dala score: unknown option '--verbose' (see --help)\n"],
      [['--form', `${F}/seed-form.json`, 'missing.csv'], 'dala score: missing.csv: no such file\n'],
    ];
    for (const [args, stderr] of cases) {
      expect(await run(...args), args.join(' ')).toEqual({ code: 2, stdout: '', stderr });
    }
    const notForm = await run('--form', join(dir, 'form.json'), `${F}/seed.csv`);
    expect(notForm.code).toBe(2);
    expect(notForm.stderr.split('\n')[0]).toBe(`dala score: ${join(dir, 'form.json')} is not a valid Dala instrument`);
    expect(notForm.stderr).toContain("expected 'dala-instrument'");
    const broken = await run('--form', join(dir, 'broken.json'), `${F}/seed.csv`);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^dala score: .*broken\.json: not JSON \(/);
    expect(broken.stderr.split('\n')).toHaveLength(2);
  });
});
