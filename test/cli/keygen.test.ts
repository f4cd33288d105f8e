import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import keygen from '../../src/cli/keygen';
import { runVerb, scratch, spawnCli } from './run';
import { fingerprint, signingKeyFromAgeIdentity } from '../../src/core/trust/keys';

describe('dala keygen', () => {
  it('a researcher makes a key: the identity file is private and age reads it; the recipient is printed', async () => {
    const dir = scratch();
    const { code, stdout, stderr } = await spawnCli(['keygen', '--out', 'researcher.key'], dir);
    expect(code).toBe(0);
    const recipient = stdout.trim();
    expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
    const file = join(dir, 'researcher.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n# public key: ${recipient}\\nAGE-SECRET-KEY-1[0-9A-Z]{58}\\n$`));
    expect(execFileSync('age-keygen', ['-y', file], { encoding: 'utf8' }).trim()).toBe(recipient);
    // The signing key's fingerprint, as devices show it, derived from the identity just written.
    const identity = readFileSync(file, 'utf8').split('\n')[2]!;
    expect(stderr).toBe(`signing key fingerprint: ${fingerprint(signingKeyFromAgeIdentity(identity).publicKey)}\n`);
  }, 60_000);

  it('never overwrites a key, and says what is wrong', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'old.key'), 'precious');
    expect(await runVerb(keygen, ['--out', 'old.key'], dir)).toEqual({ code: 2, stdout: '', stderr: 'dala keygen: old.key already exists; keygen never overwrites a key\n' });
    expect(readFileSync(join(dir, 'old.key'), 'utf8')).toBe('precious');
    expect(await runVerb(keygen, [], dir)).toMatchObject({ code: 2, stderr: 'dala keygen: --out FILE is required (see --help)\n' });
    expect(await runVerb(keygen, ['--out', 'a.key', 'extra'], dir)).toMatchObject({ code: 2, stderr: "dala keygen: unexpected argument 'extra' (see --help)\n" });
    expect(keygen.help).toMatch(/^Usage: npm run dala -- keygen --out FILE/);
  });
});
