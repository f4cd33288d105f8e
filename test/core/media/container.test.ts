import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isContainer, readContainer, writeContainer, type ContainerBlob } from '../../../src/core/media/container';
import type { MediaRef } from '../../../src/core/media/ref';
import { decryptStream, encryptStream } from '../../../src/adapters/crypto-age/stream';
import { generateIdentity } from '../../../src/adapters/crypto-age/keys';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bundleJson = JSON.stringify({ type: 'dala-bundle', version: 2, responses: [] });

function blobOf(name: string, bytes: Uint8Array, piece = 1000): ContainerBlob {
  const ref: MediaRef = { id: `${name}-0000-4000`, type: 'audio/webm', size: bytes.length, sha256: hex(bytes), name: `${name}.webm` };
  return {
    ref,
    async *bytes() {
      for (let o = 0; o < bytes.length; o += piece) yield bytes.slice(o, o + piece);
    },
  };
}
async function all(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}
async function* once(b: Uint8Array, piece = 777) {
  for (let o = 0; o < b.length; o += piece) yield b.slice(o, o + piece);
}
async function read(file: Uint8Array) {
  const got: { bundle?: string; blobs: { ref: MediaRef; bytes: Uint8Array }[] } = { blobs: [] };
  await readContainer(once(file), {
    bundle: (json) => void (got.bundle = json),
    blob: async (ref, bytes) => void got.blobs.push({ ref, bytes: await all(bytes) }),
  });
  return got;
}

const a = new Uint8Array(5000).map((_, i) => i % 251);
const b = new Uint8Array(12345).map((_, i) => (i * 13) % 256);

describe('a bundle with media travels as one stream (the container)', () => {
  it('carries the bundle and each file byte for byte, and says it is a container', async () => {
    const file = await all(writeContainer(bundleJson, [blobOf('story', a), blobOf('photo', b)]));
    expect(isContainer(file)).toBe(true);
    expect(isContainer(new TextEncoder().encode(bundleJson))).toBe(false);
    const got = await read(file);
    expect(got.bundle).toBe(bundleJson);
    expect(got.blobs.map((x) => [x.ref.name, Buffer.from(x.bytes).equals(x.ref.name === 'story.webm' ? a : b)])).toEqual([
      ['story.webm', true],
      ['photo.webm', true],
    ]);
  });

  it('refuses a file whose bytes were changed, one cut short, and one that is not a container, saying what', async () => {
    const file = await all(writeContainer(bundleJson, [blobOf('story', a)]));
    const changed = file.slice();
    changed[file.length - 100] = changed[file.length - 100]! ^ 1;
    await expect(read(changed)).rejects.toThrow(/story\.webm in the container does not match its SHA-256: it is damaged/);
    await expect(read(file.slice(0, file.length - 30))).rejects.toMatchObject({ code: 'decrypt-damaged' });
    await expect(read(new TextEncoder().encode(bundleJson))).rejects.toMatchObject({ code: 'bundle-format' });
  });

  it('a file skipped by the reader is still checked and the next one read', async () => {
    const file = await all(writeContainer(bundleJson, [blobOf('story', a), blobOf('photo', b)]));
    const names: string[] = [];
    await readContainer(once(file), { bundle: () => {}, blob: (ref) => void names.push(ref.name) });
    expect(names).toEqual(['story.webm', 'photo.webm']);
  });

  it('encrypted with age as a stream, it opens with the age CLI and with Dala', async () => {
    const id = await generateIdentity();
    const sealed = await all(encryptStream(writeContainer(bundleJson, [blobOf('story', a), blobOf('photo', b)]), { recipients: [id.recipient] }));
    const got = { blobs: 0, bundle: '' };
    await readContainer(decryptStream(once(sealed, 4096), { identities: [id.identity] }), {
      bundle: (j) => void (got.bundle = j),
      blob: async (_ref, bytes) => void (await all(bytes), got.blobs++),
    });
    expect(got).toEqual({ blobs: 2, bundle: bundleJson });
    const dir = mkdtempSync(join(tmpdir(), 'dala-container-'));
    try {
      writeFileSync(join(dir, 'key.txt'), `${id.identity}\n`);
      writeFileSync(join(dir, 'b.dala.age'), sealed);
      execFileSync('age', ['-d', '-i', 'key.txt', '-o', 'plain.bin', 'b.dala.age'], { cwd: dir });
      const plain = readFileSync(join(dir, 'plain.bin'));
      expect(plain.subarray(0, 17).toString()).toBe('DALA-CONTAINER 1\n');
      expect((await read(new Uint8Array(plain))).blobs.length).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A cut encrypted file fails while it is read, never as a whole one.
    await expect(all(decryptStream(once(sealed.slice(0, sealed.length - 50)), { identities: [id.identity] }))).rejects.toMatchObject({ code: 'decrypt-damaged' });
  });
});
