import { describe, expect, it } from 'vitest';
import score from '../../src/cli/score';
import { runVerb, scratch, spawnCli } from './run';

const FILES = ['device-a.dala.json', 'device-b.dala.age', 'device-a-passphrase.dala.age', 'kobo-export.csv', 'field-form.json', 'researcher.key'];

describe('dala score with bundles', () => {
  it('a researcher scores the encrypted bundles of two tablets, the conflict as its latest revision', async () => {
    const dir = scratch(...FILES);
    const { code, stdout, stderr } = await spawnCli(['score', '--form', 'field-form.json', '--identity', 'researcher.key', '--group-by', 'sector', 'device-a.dala.json', 'device-b.dala.age'], dir);
    expect(code).toBe(0);
    expect(stderr).toBe('warning: 1 response in conflict; the latest revision of each is scored\n');
    const report = JSON.parse(stdout);
    // trust = mean of s1, s2 and reversed s3: r1 13/3, r2 1.5 (s2 is "don't know"), r3 1 (B's revision), r4 14/3.
    expect(report.scales[0]).toMatchObject({ name: 'trust', n: 4, mean: 2.875 });
    expect(report.groups.levels.map((l: { level: string; n: number }) => [l.level, l.n])).toEqual([['public', 1], ['private', 3]]);
  }, 60_000);

  it('bundles and CSV files together; a passphrase bundle; a response in a CSV and a bundle is refused', async () => {
    const dir = scratch(...FILES);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/pass.txt`, 'correct horse battery staple\n');
    const ok = await runVerb(score, ['--form', 'field-form.json', '--passphrase-file', 'pass.txt', '--format', 'csv', 'device-a-passphrase.dala.age', 'kobo-export.csv'], dir);
    expect(ok.code).toBe(0);
    // r1, r2 and both Kobo rows have a score; r3 (a draft with one answer) has none.
    expect(ok.stdout.split('\n')[1]).toMatch(/^trust,s1 s2 s3,s3,4,/);
    writeFileSync(`${dir}/dup.csv`, 'instanceID,sector,s1\n5f0c1a2b-9d3e-4c1a-8f00-3b1e2d4c5a01,public,3\n');
    const dup = await runVerb(score, ['--form', 'field-form.json', 'device-a.dala.json', 'dup.csv'], dir);
    expect(dup).toMatchObject({ code: 2, stderr: "dala score: the data has 1 problem\n  dup.csv: response id '5f0c1a2b-9d3e-4c1a-8f00-3b1e2d4c5a01' is also in device-a.dala.json\n" });
    const locked = await runVerb(score, ['--form', 'field-form.json', 'device-b.dala.age'], dir);
    expect(locked).toMatchObject({ code: 2, stderr: 'dala score: the data has 1 problem\n  device-b.dala.age: the file is encrypted to a key, and no identity was given\n' });
  });
});
