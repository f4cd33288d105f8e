/**
 * The researcher's key as it reaches a tablet, pasted or scanned: a bare age recipient or Dala's
 * form `DALA-KEY-1 age1... [name=value...]`. A mistyped key, a key of another kind or any other text
 * is refused with a reason, never thrown, never taken for a key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { formatResearcherKey, KEY_PREFIX, parseRecipientList, parseResearcherKey, type KeyFailure } from '../../../src/core/link/index';
import { runs } from '../fuzz/mutate';

/** The committed test key's recipient (test/fixtures/bundles/researcher.key). */
const R = /public key: (age1\w+)/.exec(readFileSync(join(__dirname, '../../fixtures/bundles/researcher.key'), 'utf8'))![1]!;

function refused(text: string, reason: KeyFailure): string {
  const parsed = parseResearcherKey(text);
  expect(parsed.ok, text).toBe(false);
  if (parsed.ok) throw new Error('read');
  expect(parsed.reason).toBe(reason);
  return parsed.message;
}

describe("a tablet reads the researcher's key", () => {
  it('a bare recipient, as age-keygen prints it, pasted with spaces or a line break around it', () => {
    for (const text of [R, ` ${R}\n`, R.toUpperCase()]) expect(parseResearcherKey(text)).toEqual({ ok: true, key: { recipient: R, fields: {} } });
  });

  it("Dala's form, which the key's QR code carries, reads back to the same key", () => {
    const text = formatResearcherKey({ recipient: R, fields: {} });
    expect(text).toBe(`${KEY_PREFIX} ${R}`);
    expect(parseResearcherKey(text)).toEqual({ ok: true, key: { recipient: R, fields: {} } });
  });

  it('fields a later Dala adds (a signing key) are kept and do not stop the key from being read', () => {
    const text = `DALA-KEY-1 ${R} sig=ed25519:AAAAC3NzaC1lZDI1NTE5 note=x`;
    expect(parseResearcherKey(text)).toEqual({ ok: true, key: { recipient: R, fields: { sig: 'ed25519:AAAAC3NzaC1lZDI1NTE5', note: 'x' } } });
    expect(parseResearcherKey(formatResearcherKey({ recipient: R, fields: { sig: 'abc' } }))).toEqual({ ok: true, key: { recipient: R, fields: { sig: 'abc' } } });
  });

  it('keys made by age in Node are read too (every recipient is checked to its checksum)', async () => {
    for (let i = 0; i < 20; i++) {
      const recipient = await identityToRecipient(await generateIdentity());
      expect(parseResearcherKey(recipient)).toEqual({ ok: true, key: { recipient, fields: {} } });
    }
  });

  it('a recipient with one character mistyped is refused by its checksum, wherever the typo is', () => {
    const alphabet = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
    for (let at = 4; at < R.length; at++) {
      const other = alphabet[(alphabet.indexOf(R[at]!) + 1) % 32]!;
      expect(refused(R.slice(0, at) + other + R.slice(at + 1), 'checksum')).toMatch(/checksum does not match|not an age recipient/);
    }
    // A character bech32 never has (b, i, o, 1 after the separator), one dropped, one added.
    refused(R.slice(0, 10) + 'b' + R.slice(11), 'checksum');
    refused(R.slice(0, -1), 'checksum');
    refused(R + 'q', 'checksum');
    // Mixed case is not bech32.
    refused(R.slice(0, 10) + R.slice(10).toUpperCase(), 'checksum');
  });

  it('other keys and other texts are refused, each with its reason', () => {
    refused('', 'empty');
    refused('   \n', 'empty');
    refused('AGE-SECRET-KEY-1YY08UFHS87W6DCPM3GJHT88Q4KRFERFUEUCA6MUQ0V80S0M7K28SXDZDLJ', 'not-a-key');
    refused('age1pq1' + 'q'.repeat(1900), 'post-quantum');
    refused('https://example.org/dala/#/s/1abc', 'not-a-key');
    refused('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI', 'not-a-key');
    refused(`${R} ${R}`, 'not-a-key');
    refused(`DALA-KEY-2 ${R}`, 'version');
    refused('DALA-KEY-1', 'recipients');
    refused(`DALA-KEY-1 ${R} ${R}`, 'recipients');
    refused(`DALA-KEY-1 ${R} sig=a sig=b`, 'field');
    refused(`DALA-KEY-1 ${R} <script>`, 'field');
    refused(`DALA-KEY-1 ${R} SIG=a`, 'field');
    refused('x'.repeat(5000), 'too-long');
  });

  it('a list typed or pasted for a study: one key per line, either form, duplicates once; a bad line is named', async () => {
    const other = await identityToRecipient(await generateIdentity());
    expect(parseRecipientList(`${R}\n\nDALA-KEY-1 ${other} sig=x\n${R}`)).toEqual({ ok: true, recipients: [R, other] });
    expect(parseRecipientList(`${R} ${other}`)).toEqual({ ok: true, recipients: [R, other] });
    expect(parseRecipientList('')).toEqual({ ok: true, recipients: [] });
    const bad = parseRecipientList(`${R}\n${other.slice(0, -1)}x`);
    expect(bad).toMatchObject({ ok: false, line: 2, reason: 'checksum' });
  });

  it('any text at all: a key or a reason, never a throw, and only a checked recipient comes out', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.tuple(fc.nat({ max: R.length }), fc.string({ maxLength: 3 })).map(([at, s]) => `DALA-KEY-1 ${R.slice(0, at)}${s}${R.slice(at)}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseResearcherKey(t);
        if (parsed.ok) expect(parsed.key.recipient).toBe(R);
        else expect(parsed.message.length).toBeGreaterThan(0);
      }),
      runs(2000),
    );
  });
});
