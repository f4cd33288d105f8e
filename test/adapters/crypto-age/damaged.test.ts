/**
 * 1,000 damaged bundles, made deterministically from a few good ones (a seeded PRNG): flipped bits
 * in the header and the payload, truncations, edited header lines, huge scrypt work factors, bad
 * JSON or bad records inside good encryption, wrong versions, wrong keys and passphrases. Each one
 * must be refused with its own typed error code: never opened, never another exception.
 *
 * The expected code of a flipped bit follows from where it lands:
 * - the first line (age-encryption.org/v1): 'bundle-format', no longer an age file;
 * - a base64 field of a stanza (X25519 share and body, scrypt salt and body): if the field is still
 *   canonical base64 the stanza no longer opens ('decrypt-key' for a key, 'decrypt-passphrase' for
 *   a passphrase), else the header is malformed ('decrypt-damaged');
 * - the MAC line or the payload: 'decrypt-damaged'.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptBundle, generateIdentity, openBundleFile, type DecryptKeys } from '../../../src/adapters/crypto-age/index';
import { DalaError } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { deviceABundle, fieldForm } from '../../fixtures/bundles/make-fixtures';

type Code = 'bundle-format' | 'bundle-record' | 'decrypt-key' | 'decrypt-passphrase' | 'decrypt-damaged' | 'work-factor';

interface Case {
  kind: string;
  bytes: Uint8Array;
  keys: DecryptKeys;
  code: Code;
  /** Part of the message, when the case says more than the code. */
  message?: string;
}

/** mulberry32: a small seeded PRNG, so the 1,000 cases are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const PASS = 'seven wide rivers';
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
/** Canonical unpadded base64, checked with Node's codec (independent of the code under test). */
const canonicalBase64 = (s: string) => /^[A-Za-z0-9+/]*$/.test(s) && Buffer.from(s, 'base64').toString('base64').replace(/=+$/, '') === s;

function flip(bytes: Uint8Array, pos: number, bit: number): Uint8Array {
  const out = bytes.slice();
  out[pos]! ^= 1 << bit;
  return out;
}

/** Where the header's parts are: [start, end) of each base64 field, the MAC line and the header's end. */
function layout(file: Uint8Array) {
  const text = latin1(file.subarray(0, 600));
  const macLine = text.indexOf('\n--- ') + 1;
  const headerEnd = text.indexOf('\n', macLine) + 1;
  const lines = text.slice(0, headerEnd).split('\n');
  const fields: [number, number][] = [];
  let offset = lines[0]!.length + 1;
  const arg = lines[1]!.split(' ');
  // "-> X25519 SHARE" or "-> scrypt SALT N": the second argument is base64.
  const argStart = offset + arg[0]!.length + 1 + arg[1]!.length + 1;
  fields.push([argStart, argStart + arg[2]!.length]);
  offset += lines[1]!.length + 1;
  fields.push([offset, offset + lines[2]!.length]);
  return { fields, macLine, headerEnd, firstLine: lines[0]!.length + 1 };
}

let cases: Case[] = [];
const instruments: Instrument[] = [fieldForm];

beforeAll(async () => {
  const rnd = prng(20240501);
  const me = await generateIdentity();
  const other = await generateIdentity();
  const json = JSON.stringify(deviceABundle());
  const key: DecryptKeys = { identities: [me.identity] };
  const pass: DecryptKeys = { passphrases: [PASS] };
  const X = await encryptBundle(json, { recipients: [me.recipient] });
  const XA = await encryptBundle(json, { recipients: [me.recipient] }, true);
  const P = await encryptBundle(json, { passphrase: PASS, workFactor: 10 });
  const out: Case[] = [];
  const add = (c: Case) => out.push(c);

  // 1. Flipped bits in the first line.
  for (let i = 0; i < 60; i++) {
    const base = i % 2 ? X : P;
    const pos = rnd.int(layout(base).firstLine);
    add({ kind: 'flip: first line', bytes: flip(base, pos, rnd.int(8)), keys: i % 2 ? key : pass, code: 'bundle-format' });
  }
  // 2. Flipped bits in the stanzas' base64 fields.
  for (let i = 0; i < 300; i++) {
    const isKey = i % 3 !== 0;
    const base = isKey ? X : P;
    const { fields } = layout(base);
    const [start, end] = rnd.pick(fields);
    const pos = start + rnd.int(end - start);
    const bytes = flip(base, pos, rnd.int(8));
    const field = latin1(bytes.subarray(start, end));
    add({ kind: 'flip: stanza', bytes, keys: isKey ? key : pass, code: canonicalBase64(field) ? (isKey ? 'decrypt-key' : 'decrypt-passphrase') : 'decrypt-damaged' });
  }
  // 3. Flipped bits in the MAC line.
  for (let i = 0; i < 100; i++) {
    const base = i % 4 ? X : P;
    const { macLine, headerEnd } = layout(base);
    add({ kind: 'flip: MAC line', bytes: flip(base, macLine + rnd.int(headerEnd - macLine), rnd.int(8)), keys: i % 4 ? key : pass, code: 'decrypt-damaged' });
  }
  // 4. Flipped bits in the payload (nonce and ciphertext).
  for (let i = 0; i < 200; i++) {
    const base = i % 4 ? X : P;
    const { headerEnd } = layout(base);
    add({ kind: 'flip: payload', bytes: flip(base, headerEnd + rnd.int(base.length - headerEnd), rnd.int(8)), keys: i % 4 ? key : pass, code: 'decrypt-damaged' });
  }
  // 5. Truncation at random points (binary and armored).
  for (let i = 0; i < 150; i++) {
    const which = i % 3;
    const base = which === 2 ? bytesOf(XA) : which === 1 ? P : X;
    add({ kind: 'truncated', bytes: base.slice(0, 1 + rnd.int(base.length - 1)), keys: which === 1 ? pass : key, code: 'decrypt-damaged' });
  }
  // 6. Edited header lines, huge work factors, not age at all.
  const xText = latin1(X);
  const pText = latin1(P);
  const scryptLine = pText.slice(pText.indexOf('-> scrypt'), pText.indexOf('\n', pText.indexOf('-> scrypt')));
  const withWorkFactor = (n: string) => bytesOf(pText.replace(scryptLine, scryptLine.replace(/ 10$/, ` ${n}`)));
  /** The same bytes written in non-canonical base64: the last character's unused bits set. */
  const nonCanonical = (text: string, lineStart: number) => {
    const end = text.indexOf('\n', lineStart);
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = B64.indexOf(text[end - 1]!);
    return bytesOf(text.slice(0, end - 1) + B64[last | 1] + text.slice(end));
  };
  const x25519Stanza = xText.slice(xText.indexOf('-> X25519'), xText.indexOf('\n--- ') + 1);
  const edits: [string, () => Uint8Array, DecryptKeys, Code, string?][] = [
    ['work factor 40', () => withWorkFactor('40'), pass, 'work-factor', 'scrypt work factor 40; Dala accepts at most 18'],
    // 20 is what age itself still opens, but it takes 1.1 GB and 8 s here: more than a phone has.
    ['work factor 20', () => withWorkFactor('20'), pass, 'work-factor', 'work factor 20; Dala accepts at most 18, the one it writes itself: 20 needs 1 GiB of memory'],
    ['work factor 19', () => withWorkFactor('19'), pass, 'work-factor'],
    ['work factor 21', () => withWorkFactor('21'), pass, 'work-factor'],
    ['work factor 64', () => withWorkFactor('64'), pass, 'work-factor'],
    ['work factor 99999999', () => withWorkFactor('99999999'), pass, 'work-factor'],
    ['work factor 40 and no passphrase', () => withWorkFactor('40'), {}, 'work-factor'],
    ['work factor 010', () => withWorkFactor('010'), pass, 'decrypt-damaged'],
    ['work factor x', () => withWorkFactor('x'), pass, 'decrypt-damaged'],
    ['work factor 11 (not the one used)', () => withWorkFactor('11'), pass, 'decrypt-passphrase'],
    ['stanza body in non-canonical base64', () => nonCanonical(xText, xText.indexOf('\n', xText.indexOf('-> X25519')) + 1), key, 'decrypt-damaged'],
    ['MAC in non-canonical base64', () => nonCanonical(xText, xText.indexOf('\n--- ') + 1), key, 'decrypt-damaged'],
    ['no MAC line', () => bytesOf(xText.replace(/\n--- [^\n]*\n/, '\n')), key, 'decrypt-damaged'],
    ['MAC line without its MAC', () => bytesOf(xText.replace(/\n--- [^\n]*\n/, '\n---\n')), key, 'decrypt-damaged'],
    ['the stanza twice', () => bytesOf(xText.replace(x25519Stanza, x25519Stanza + x25519Stanza)), key, 'decrypt-damaged'],
    ['no stanza', () => bytesOf(xText.replace(x25519Stanza, '')), key, 'decrypt-damaged'],
    ['a scrypt stanza beside the X25519 one', () => bytesOf(xText.replace(x25519Stanza, x25519Stanza + scryptLine + '\n' + 'A'.repeat(43) + '\n')), key, 'decrypt-damaged'],
    ['an unknown recipient type', () => bytesOf(xText.replace('-> X25519 ', '-> X25518 ')), key, 'decrypt-key', 'recipients Dala cannot use (X25518)'],
    ['a post-quantum stanza only', () => bytesOf(xText.replace('-> X25519 ', '-> mlkem768x25519 ')), key, 'decrypt-key', 'post-quantum'],
    ['an extra unknown stanza (MAC no longer matches)', () => bytesOf(xText.replace(x25519Stanza, x25519Stanza + '-> example.com/x arg\nAAAA\n')), key, 'decrypt-damaged'],
    ['an empty argument', () => bytesOf(xText.replace('-> X25519 ', '-> X25519  ')), key, 'decrypt-damaged'],
    ['a line that is not a stanza', () => bytesOf(xText.replace('\n--- ', '\nhello\n--- ')), key, 'decrypt-damaged'],
    ['version v2', () => bytesOf(xText.replace('age-encryption.org/v1', 'age-encryption.org/v2')), key, 'bundle-format', 'not an age-encrypted file of the version Dala reads'],
    ['a non-ASCII byte in the header', () => bytesOf(xText.replace('-> X25519 ', '-> X25519\u00e9')), key, 'decrypt-damaged'],
    ['empty file', () => new Uint8Array(0), key, 'bundle-format'],
    ['random bytes', () => new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), key, 'bundle-format'],
    ['armor: no END line', () => bytesOf(XA.replace('-----END AGE ENCRYPTED FILE-----', '')), key, 'decrypt-damaged'],
    ['armor: a character that is not base64', () => bytesOf(XA.replace(/\n(.)/, '\n*')), key, 'decrypt-damaged'],
    ['armor: a line too short', () => bytesOf(XA.replace(/\n([A-Za-z0-9+/]{64})\n/, (_m, l: string) => `\n${l.slice(0, 60)}\n`)), key, 'decrypt-damaged'],
    ['armor: BEGIN line changed', () => bytesOf(XA.replace('BEGIN AGE', 'BEGIN AGF')), key, 'bundle-format'],
    ['armor: text after the END line', () => bytesOf(XA + 'trailing words\n'), key, 'decrypt-damaged'],
  ];
  for (let i = 0; i < 100; i++) {
    const [name, make, keys, code, message] = edits[i % edits.length]!;
    add({ kind: `edit: ${name}`, bytes: make(), keys, code, ...(message ? { message } : {}) });
  }
  // 7. Good encryption around bad content.
  for (let i = 0; i < 20; i++) {
    const cut = json.slice(0, 1 + rnd.int(json.length - 2));
    add({ kind: 'inside: invalid JSON', bytes: await encryptBundle(cut, { recipients: [me.recipient] }), keys: key, code: 'bundle-format', message: 'not JSON' });
  }
  const breaks: [string, (r: Record<string, any>) => void][] = [
    ['id', (r) => (r.id = 'R-1')],
    ['status', (r) => (r.status = 'done')],
    ['unknown item', (r) => (r.answers.hologram = { value: '9', at: '2024-05-01T09:30:00Z' })],
    ['vv', (r) => (r.revision.vv = {})],
    ['consent', (r) => (r.consent = { agreed: false })],
    ['createdAt', (r) => (r.createdAt = 'now')],
    ['prototype key', (r) => Object.defineProperty(r.answers, '__proto__', { value: { x: 1 }, enumerable: true })],
  ];
  for (let i = 0; i < 30; i++) {
    const doc = JSON.parse(json);
    const index = rnd.int(doc.responses.length);
    const [, breakIt] = rnd.pick(breaks);
    breakIt(doc.responses[index]);
    add({ kind: 'inside: invalid record', bytes: await encryptBundle(JSON.stringify(doc), { recipients: [me.recipient] }), keys: key, code: 'bundle-record', message: `responses[${index}]` });
  }
  for (let i = 0; i < 10; i++) {
    const version = [0, 4, 7, -1, 1.5, '1', null, 99, 3, 1e9][i];
    add({ kind: 'inside: wrong version', bytes: await encryptBundle(JSON.stringify({ ...JSON.parse(json), version }), { recipients: [me.recipient] }), keys: key, code: 'bundle-format' });
  }
  // 8. Wrong keys, wrong passphrases, none given.
  for (let i = 0; i < 15; i++) add({ kind: 'wrong key', bytes: X, keys: { identities: [other.identity] }, code: 'decrypt-key', message: 'none of the identities given opens this file' });
  for (let i = 0; i < 5; i++) add({ kind: 'no key', bytes: i % 2 ? X : bytesOf(XA), keys: { passphrases: [PASS] }, code: 'decrypt-key', message: 'no identity was given' });
  for (let i = 0; i < 5; i++) add({ kind: 'wrong passphrase', bytes: P, keys: { passphrases: [`${PASS} ${i}`], identities: [me.identity] }, code: 'decrypt-passphrase', message: 'wrong passphrase' });
  for (let i = 0; i < 5; i++) add({ kind: 'no passphrase', bytes: P, keys: key, code: 'decrypt-passphrase', message: 'none was given' });
  cases = out;
}, 60_000);

async function outcome(c: Case): Promise<string> {
  try {
    const { setAside } = await openBundleFile('damaged.dala.age', c.bytes, c.keys, { instruments });
    // A bad record is set aside on its own: the file opens, the record is named with its reason.
    const first = setAside[0];
    if (!first) return 'opened';
    if (c.code !== 'bundle-record') return `set aside: ${first.reason}`;
    if (c.message && !`${first.list}[${first.index}]`.includes(c.message)) return `set aside another record: ${first.list}[${first.index}]`;
    if (first.file !== 'damaged.dala.age') return `the record does not name the file: ${first.file}`;
    return 'ok';
  } catch (e) {
    if (!(e instanceof DalaError)) return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    if (e.code !== c.code) return `${e.code}: ${e.message}`;
    if (c.message && !e.message.includes(c.message)) return `${e.code} with message: ${e.message}`;
    if (!e.message.startsWith('damaged.dala.age') && !e.message.startsWith('bundle damaged.dala.age')) return `message does not name the file: ${e.message}`;
    return 'ok';
  }
}

describe('1,000 damaged bundles', () => {
  it('there are 1,000 cases of every kind, generated the same way on every run', () => {
    expect(cases).toHaveLength(1000);
    const kinds = new Set(cases.map((c) => c.kind.split(':')[0]));
    expect([...kinds].sort()).toEqual(['edit', 'flip', 'inside', 'no key', 'no passphrase', 'truncated', 'wrong key', 'wrong passphrase']);
    // Every expected code is exercised.
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(['bundle-format', 'bundle-record', 'decrypt-key', 'decrypt-passphrase', 'decrypt-damaged', 'work-factor']));
  });

  it('each is refused with its expected typed error, naming the file', async () => {
    const wrong: string[] = [];
    for (const [i, c] of cases.entries()) {
      const got = await outcome(c);
      if (got !== 'ok') wrong.push(`#${i} ${c.kind}: expected ${c.code}, got ${got}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 60_000);
});
