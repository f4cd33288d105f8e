/**
 * age decrypted as a pulled stream (src/adapters/crypto-age/stream.ts): the same bytes as written,
 * whatever the sizes (empty, one chunk, exactly on chunk boundaries) and however the file arrives in
 * pieces; a file cut on a chunk boundary, changed, or for other keys is refused with its typed error;
 * and it reads only as far as the reader asks (no read-ahead through the file).
 */
import { describe, expect, it } from 'vitest';
import { decryptStream, encryptStream } from '../../../src/adapters/crypto-age/stream';
import { generateIdentity } from '../../../src/adapters/crypto-age/keys';

const id = await generateIdentity();
const other = await generateIdentity();
const CHUNK = 64 * 1024;
const SEALED = CHUNK + 16;

async function all(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return Buffer.concat(parts);
}
async function* pieces(b: Uint8Array, size: number) {
  for (let o = 0; o < b.length; o += size) yield b.subarray(o, Math.min(b.length, o + size));
}
const data = (n: number) => new Uint8Array(n).map((_, i) => (i * 7 + (i >> 9)) & 0xff);
const seal = async (b: Uint8Array) => new Uint8Array(await all(encryptStream(pieces(b, 50_000), { recipients: [id.recipient] })));

describe('age decrypted chunk by chunk', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 200_000])('%i bytes come back as written, read in pieces of 1 KiB, 64 KiB + 16 or all at once', async (n) => {
    const plain = data(n);
    const file = await seal(plain);
    for (const size of [1024, SEALED, file.length || 1]) {
      expect((await all(decryptStream(pieces(file, size), { identities: [id.identity] }))).equals(Buffer.from(plain))).toBe(true);
    }
  });

  it('a file cut on a chunk boundary, a changed byte, or other keys: refused with its typed error', async () => {
    const file = await seal(data(3 * CHUNK + 10));
    // The header's length: the file less the payload (nonce, three full chunks, the last chunk).
    const header = file.length - 16 - 3 * SEALED - (10 + 16);
    const cut = file.subarray(0, header + 16 + 2 * SEALED);
    await expect(all(decryptStream(pieces(cut, 4096), { identities: [id.identity] }))).rejects.toMatchObject({ code: 'decrypt-damaged' });
    const changed = file.slice();
    changed[header + 16 + SEALED + 5]! ^= 1;
    await expect(all(decryptStream(pieces(changed, 4096), { identities: [id.identity] }, { file: 'x.dala.age' }))).rejects.toMatchObject({ code: 'decrypt-damaged', message: expect.stringMatching(/^x\.dala\.age: the file is damaged/) });
    await expect(all(decryptStream(pieces(file, 4096), { identities: [other.identity] }))).rejects.toMatchObject({ code: 'decrypt-key' });
  });

  it('opens a passphrase-protected file', async () => {
    const plain = data(100_000);
    const file = new Uint8Array(await all(encryptStream(pieces(plain, 30_000), { passphrase: 'correct horse battery' })));
    expect((await all(decryptStream(pieces(file, 8192), { passphrases: ['correct horse battery'] }))).equals(Buffer.from(plain))).toBe(true);
    await expect(all(decryptStream(pieces(file, 8192), { passphrases: ['wrong'] }))).rejects.toMatchObject({ code: 'decrypt-passphrase' });
  });

  it('reads the file only as far as the reader asks: a chunk ahead at most', async () => {
    const file = await seal(data(40 * CHUNK));
    let pulled = 0;
    async function* counted() {
      for await (const p of pieces(file, 4096)) {
        pulled += p.length;
        yield p;
      }
    }
    const reader = decryptStream(counted(), { identities: [id.identity] });
    for (let i = 0; i < 3; i++) await reader.next();
    // Three chunks given: the header (64 KiB read before decryption starts), three chunks, one more to know the third was not the last.
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 4 * SEALED + 4096);
    await reader.return(undefined);
  });
});
