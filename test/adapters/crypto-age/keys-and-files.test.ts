import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkRecipient,
  decryptBundle,
  encryptBundle,
  generateIdentity,
  identityFileText,
  openBundleFile,
  parseIdentityFile,
  readAgeHeader,
} from '../../../src/adapters/crypto-age/index';
import { DalaError } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { IDS, PASSPHRASE } from '../../fixtures/bundles/make-fixtures';

const DIR = join(__dirname, '../../fixtures/bundles');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const form = JSON.parse(readFileSync(join(DIR, 'field-form.json'), 'utf8')) as Instrument;

async function code(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DalaError);
    return [(e as DalaError).code, (e as DalaError).message];
  }
  throw new Error('expected a refusal');
}

describe('researcher keys', () => {
  it('a new identity is X25519, written as age-keygen writes it, and read back', async () => {
    const id = await generateIdentity();
    expect(id.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(id.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    const text = identityFileText(id, new Date('2024-05-01T10:11:12.345Z'));
    expect(text).toBe(`# created: 2024-05-01T10:11:12Z\n# public key: ${id.recipient}\n${id.identity}\n`);
    expect(await parseIdentityFile(`\uFEFF${text}\r\n\n# another comment\n`)).toEqual([id.identity]);
  });

  it('identity files: every identity in it; anything else refused by line, never echoing a key', async () => {
    const [a, b] = [await generateIdentity(), await generateIdentity()];
    expect(await parseIdentityFile(`${a.identity}\n${b.identity}\n`)).toEqual([a.identity, b.identity]);
    const broken = a.identity.slice(0, -1) + (a.identity.endsWith('Q') ? 'P' : 'Q');
    const cases: [string, string][] = [
      [`# c\n${broken}\n`, 'my.key, line 2: not a valid age identity: its checksum does not match (was it copied in full?)'],
      ['AGE-SECRET-KEY-PQ-1ABC\n', 'my.key, line 1: post-quantum identities (AGE-SECRET-KEY-PQ-1...) are not supported; use an X25519 identity (age-keygen or dala keygen)'],
      ['AGE-PLUGIN-YUBIKEY-1XYZ\n', 'my.key, line 1: age plugin identities are not supported'],
      ['ssh-ed25519 AAAA me@host\n', 'my.key, line 1: not an age X25519 identity (AGE-SECRET-KEY-1...)'],
      ['# only comments\n\n', 'my.key: no age identity in it (expected a line AGE-SECRET-KEY-1...)'],
    ];
    for (const [text, message] of cases) {
      const [c, m] = await code(parseIdentityFile(text, 'my.key'));
      expect([c, m]).toEqual(['key', message]);
      expect(m).not.toContain(broken);
    }
  });

  it('recipients: X25519 only', () => {
    expect(() => checkRecipient('age1pq1abcdef')).toThrow(/post-quantum recipients \(age1pq1\.\.\.\) are not supported/);
    expect(() => checkRecipient('ssh-ed25519 AAAA')).toThrow(/is not an age X25519 recipient/);
    expect(checkRecipient(' age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj ')).toBe('age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj');
  });

  it('a recipient with a bad checksum, an empty list, a work factor out of range', async () => {
    expect(await code(encryptBundle('{}', { recipients: ['age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtq'] }))).toEqual(['key', "'age1e5qrhpczpqs5z9jq...' is not a valid age recipient: its checksum does not match"]);
    expect((await code(encryptBundle('{}', { recipients: [] })))[0]).toBe('key');
    expect((await code(encryptBundle('{}', { passphrase: 'x', workFactor: 25 })))[0]).toBe('work-factor');
    // Dala never writes a file it would refuse to open.
    expect(await code(encryptBundle('{}', { passphrase: 'x', workFactor: 19 }))).toEqual(['work-factor', 'scrypt work factor must be a whole number from 10 to 18, got 19']);
  });
});

describe('opening bundle files', () => {
  const identities = readFileSync(join(DIR, 'researcher.key'), 'utf8');

  it('binary, armored, passphrase, plain JSON and CSV fixtures all open to validated bundles', async () => {
    const keys = { identities: await parseIdentityFile(identities), passphrases: [PASSPHRASE] };
    const ids = async (name: string) => (await openBundleFile(name, bytes(name), keys, { instruments: [form] })).bundle.responses.map((r) => r.id);
    expect(await ids('device-a.dala.json')).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(await ids('device-a-passphrase.dala.age')).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(await ids('device-b.dala.age')).toEqual([IDS.r1, IDS.r3, IDS.r4]);
    expect(await ids('device-b-armored.dala.age')).toEqual([IDS.r1, IDS.r3, IDS.r4]);
    expect(await ids('kobo-export.csv')).toEqual(['7d3a0c52-1111-4222-8333-444455556666', '8e4b1d63-2222-4333-8444-555566667777']);
    // An age file is an age file whatever its name.
    expect((await openBundleFile('renamed.json', bytes('device-b.dala.age'), keys)).bundle).toMatchObject({ device: { label: 'Tablet B' } });
  });

  it('a bad record is set aside with its reason, and the file\'s other records open', async () => {
    const keys = { identities: await parseIdentityFile(identities) };
    const { bundle, setAside } = await openBundleFile('broken-proto.json', bytes('broken-proto.json'), keys, { instruments: [form] });
    expect(bundle.responses.map((r) => r.id)).toEqual([IDS.r2, IDS.r3]);
    expect(setAside.map(({ record: _r, ...p }) => p)).toEqual([{ file: 'broken-proto.json', list: 'responses', index: 0, id: IDS.r1, reason: "the key '__proto__' is not allowed" }]);
  });

  it('the broken fixtures: each its own code, each message naming the file', async () => {
    const keys = { identities: await parseIdentityFile(identities) };
    const cases: [string, string][] = [
      ['broken-truncated.dala.age', 'decrypt-damaged'],
      ['broken-wrong-key.dala.age', 'decrypt-key'],
      ['broken-version.json', 'bundle-format'],
      ['broken-not-bundle.json', 'bundle-format'],
    ];
    for (const [name, expected] of cases) {
      const [c, m] = await code(openBundleFile(name, bytes(name), keys, { instruments: [form] }));
      expect([name, c]).toEqual([name, expected]);
      expect(m).toContain(name);
    }
    expect(await code(openBundleFile('device-a-passphrase.dala.age', bytes('device-a-passphrase.dala.age'), { passphrases: ['nope'] }))).toEqual([
      'decrypt-passphrase',
      'device-a-passphrase.dala.age: wrong passphrase: none of the passphrases given opens this file',
    ]);
    expect(await code(openBundleFile('x.csv', new Uint8Array([0xff, 0xfe, 0x41]), {}, { instruments: [form] }))).toEqual(['csv', 'x.csv: not UTF-8 text (save it as "CSV UTF-8")']);
    expect(await code(openBundleFile('x.csv', new TextEncoder().encode('a,b\n1,2\n'), {}))).toEqual(['csv', 'x.csv: a CSV is read against its form; give the form (an instrument JSON or XLSForm)']);
    expect(await code(openBundleFile('x.bin', new Uint8Array([0xff, 0, 1]), {}))).toEqual(['bundle-format', 'x.bin: not a Dala bundle (neither an age file nor UTF-8 JSON)']);
  });

  it('a file larger than the cap is refused before it is read', async () => {
    expect(await code(decryptBundle(bytes('device-b.dala.age'), {}, { maxBytes: 100, file: 'b.age' }))).toEqual(['too-large', `b.age: ${bytes('device-b.dala.age').length.toLocaleString('en-US')} bytes; Dala reads files of up to 100`]);
  });

  it('the header reader sees the stanzas of a real file', () => {
    const h = readAgeHeader(bytes('device-a-passphrase.dala.age'));
    expect(h.stanzas.map((s) => [s.args[0], s.args[2], s.body.length])).toEqual([['scrypt', '10', 32]]);
  });
});
