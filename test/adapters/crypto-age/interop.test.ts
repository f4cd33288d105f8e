/**
 * Interop with Debian's age CLI (age 1.1.1, the reference implementation), both ways: binary and
 * armored, X25519 and passphrase, identities made by age-keygen and by Dala. The age CLI is a test
 * prerequisite (test/support/ensure-tools.mjs installs it): without it these tests fail, not skip.
 * age reads a passphrase only from a terminal, so `expect` types it (NOTES.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decryptBundle,
  encryptBundle,
  generateIdentity,
  identityFileText,
  parseIdentityFile,
  recipientOf,
  type GeneratedIdentity,
} from '../../../src/adapters/crypto-age/index';
import { DalaError } from '../../../src/core/errors';
import { toolPath } from '../../support/tool';

const json = JSON.stringify({ type: 'dala-bundle', note: 'Қазақ тілі, русский, English', n: [1, 2, 3] });
const PASS = 'ample river moon 7';

const tool = (name: string) => toolPath(name, 'age expect', "the interop tests need Debian's age and expect");

let dir: string;
let ours: GeneratedIdentity;
let ourKeyFile: string;
beforeAll(async () => {
  for (const t of ['age', 'age-keygen', 'expect']) tool(t);
  dir = mkdtempSync(join(tmpdir(), 'dala-age-'));
  ours = await generateIdentity();
  ourKeyFile = join(dir, 'ours.key');
  writeFileSync(ourKeyFile, identityFileText(ours, new Date('2024-05-01T10:00:00Z')), { mode: 0o600 });
});

const age = (...args: string[]) => execFileSync('age', args, { encoding: 'utf8', cwd: dir });
const write = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(dir, name), data);
  return join(dir, name);
};

/** Runs the age CLI with a passphrase typed at its prompt(s). */
function ageWithPassphrase(args: string[], prompts: number) {
  const script = [
    'set timeout 60',
    `spawn age ${args.map((a) => `{${a}}`).join(' ')}`,
    ...Array.from({ length: prompts }, () => ['expect -re "(Enter|Confirm) passphrase"', 'send -- "$env(DALA_PASS)\\r"']).flat(),
    'expect eof',
    'catch wait result',
    'exit [lindex $result 3]',
  ].join('\n');
  execFileSync('expect', ['-c', script], { cwd: dir, env: { ...process.env, DALA_PASS: PASS }, stdio: 'pipe' });
}

describe('the age CLI decrypts what Dala encrypts', () => {
  it('to an X25519 recipient, binary', async () => {
    const file = write('ours.age', await encryptBundle(json, { recipients: [ours.recipient] }));
    expect(age('-d', '-i', ourKeyFile, file)).toBe(json);
  });

  it('to an X25519 recipient, armored', async () => {
    const armored = await encryptBundle(json, { recipients: [ours.recipient] }, true);
    expect(armored.startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(age('-d', '-i', ourKeyFile, write('ours-armored.age', armored))).toBe(json);
  });

  it('with a passphrase', async () => {
    const file = write('ours-pass.age', await encryptBundle(json, { passphrase: PASS, workFactor: 10 }));
    ageWithPassphrase(['-d', '-o', join(dir, 'ours-pass.json'), file], 1);
    expect(readFileSync(join(dir, 'ours-pass.json'), 'utf8')).toBe(json);
  });

  it('Dala\'s identity file is one age-keygen reads', () => {
    expect(execFileSync('age-keygen', ['-y', ourKeyFile], { encoding: 'utf8' }).trim()).toBe(ours.recipient);
  });
});

describe('Dala decrypts what the age CLI encrypts', () => {
  it('to Dala\'s recipient, binary and armored', async () => {
    write('plain.json', json);
    age('-r', ours.recipient, '-o', join(dir, 'cli.age'), join(dir, 'plain.json'));
    age('-a', '-r', ours.recipient, '-o', join(dir, 'cli-armored.age'), join(dir, 'plain.json'));
    const keys = { identities: [ours.identity] };
    expect(await decryptBundle(new Uint8Array(readFileSync(join(dir, 'cli.age'))), keys)).toBe(json);
    expect(readFileSync(join(dir, 'cli-armored.age'), 'utf8').startsWith('-----BEGIN AGE ENCRYPTED FILE-----')).toBe(true);
    expect(await decryptBundle(new Uint8Array(readFileSync(join(dir, 'cli-armored.age'))), keys)).toBe(json);
  });

  it('with a passphrase (age picks work factor 18)', async () => {
    write('plain.json', json);
    ageWithPassphrase(['-p', '-o', join(dir, 'cli-pass.age'), join(dir, 'plain.json')], 2);
    const bytes = new Uint8Array(readFileSync(join(dir, 'cli-pass.age')));
    expect(await decryptBundle(bytes, { passphrases: [PASS] })).toBe(json);
    await expect(decryptBundle(bytes, { passphrases: [PASS] }, { maxWorkFactor: 16 })).rejects.toMatchObject({ code: 'work-factor' });
  }, 30_000);

  it('with an identity made by age-keygen, both ways', async () => {
    execFileSync('age-keygen', ['-o', join(dir, 'keygen.key')], { stdio: 'pipe' });
    const identities = await parseIdentityFile(readFileSync(join(dir, 'keygen.key'), 'utf8'), 'keygen.key');
    const recipient = execFileSync('age-keygen', ['-y', join(dir, 'keygen.key')], { encoding: 'utf8' }).trim();
    expect(await recipientOf(identities[0]!)).toBe(recipient);
    // The CLI encrypts to it, Dala decrypts.
    write('plain.json', json);
    age('-r', recipient, '-o', join(dir, 'to-keygen.age'), join(dir, 'plain.json'));
    expect(await decryptBundle(new Uint8Array(readFileSync(join(dir, 'to-keygen.age'))), { identities })).toBe(json);
    // Dala encrypts to it, the CLI decrypts.
    const file = write('from-dala.age', await encryptBundle(json, { recipients: [recipient] }));
    expect(age('-d', '-i', join(dir, 'keygen.key'), file)).toBe(json);
  });

  it('to two recipients: either identity opens it', async () => {
    execFileSync('age-keygen', ['-o', join(dir, 'second.key')], { stdio: 'pipe' });
    const second = execFileSync('age-keygen', ['-y', join(dir, 'second.key')], { encoding: 'utf8' }).trim();
    const file = write('two.age', await encryptBundle(json, { recipients: [ours.recipient, second] }));
    expect(age('-d', '-i', join(dir, 'second.key'), file)).toBe(json);
    expect(await decryptBundle(new Uint8Array(readFileSync(file)), { identities: [ours.identity] })).toBe(json);
  });
});

describe('what Dala does not write or read', () => {
  it('a post-quantum recipient is refused with a clear message', async () => {
    const pq = 'age1pq1' + 'q'.repeat(1950);
    const e = await encryptBundle(json, { recipients: [pq] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DalaError);
    expect(e).toMatchObject({ code: 'key', message: expect.stringContaining('age 1.1.1 cannot read files encrypted to them') });
  });
});
