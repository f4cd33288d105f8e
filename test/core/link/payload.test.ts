import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../src/core/link/base64url';
import { crc32 } from '../../../src/core/link/crc32';
import { DICTIONARY_V1 } from '../../../src/core/link/dictionary';
import { LINK_FORMAT, packPayload, unpackPayload } from '../../../src/core/link/payload';

describe('the payload of link format 1', () => {
  it('its preset dictionary never changes: every link of format 1 depends on it byte for byte', () => {
    const bytes = strToU8(DICTIONARY_V1);
    expect(bytes.length).toBe(2260);
    expect(crc32(bytes).toString(16)).toBe('1182efc4');
  });

  it('starts with the format character and packs any text back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        const payload = packPayload(text);
        expect(payload[0]).toBe(LINK_FORMAT);
        expect(unpackPayload(payload)).toEqual({ ok: true, json: text });
      }),
      { numRuns: 200 },
    );
  });

  it('CRC-32 is the IEEE one zip uses', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(crc32(b)).toBe(zlibCrc32(b));
    }));
  });
});

describe('base64url', () => {
  it('round-trips any bytes, as Node writes them, without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual({ ok: true, bytes, canonical: true });
      }),
    );
  });

  it('refuses other characters and lengths no encoder writes, and notices changed unused bits', () => {
    expect(fromBase64Url('AB+C')).toEqual({ ok: false, problem: 'character', position: 2, character: '+' });
    expect(fromBase64Url('ABC=')).toEqual({ ok: false, problem: 'character', position: 3, character: '=' });
    expect(fromBase64Url('AB😀')).toEqual({ ok: false, problem: 'character', position: 2, character: '😀' });
    expect(fromBase64Url('ABCDE')).toEqual({ ok: false, problem: 'cut' });
    expect(fromBase64Url('AA')).toEqual({ ok: true, bytes: new Uint8Array([0]), canonical: true });
    expect(fromBase64Url('AB')).toEqual({ ok: true, bytes: new Uint8Array([0]), canonical: false });
  });
});
