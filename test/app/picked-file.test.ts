import { describe, expect, it } from 'vitest';
import { readPickedFile } from '../../src/app/picked-file';

/** A file as the browser hands it over: name, size, and bytes read on demand. */
function picked(name: string, size: number, read: () => Promise<ArrayBuffer>) {
  let reads = 0;
  return {
    file: {
      name,
      size,
      arrayBuffer: () => {
        reads++;
        return read();
      },
    },
    reads: () => reads,
  };
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected the file to be refused');
}

describe('reading a file the researcher picked', () => {
  it('a file above the cap is refused from its size, named, and never read', async () => {
    const f = picked('huge.dala.age', 1_000_000_000, () => Promise.reject(new Error('must not be read')));
    expect(await refusal(readPickedFile(f.file, 300_000_000))).toEqual({
      code: 'too-large',
      message: 'huge.dala.age: 1,000,000,000 bytes; Dala reads files of up to 300,000,000',
    });
    expect(f.reads()).toBe(0);
  });

  it('a file the browser cannot read (changed, cut short or moved since it was chosen) says so and names it, not "Failed to fetch"', async () => {
    const gone = picked('tablet-a.dala.age', 5000, () => Promise.reject(Object.assign(new TypeError('Failed to fetch'), { name: 'TypeError' })));
    const r = await refusal(readPickedFile(gone.file, 300_000_000));
    expect(r.code).toBe('unreadable');
    expect(r.message).toBe(
      'tablet-a.dala.age: the file could not be read: it is cut short or damaged, or it was changed or moved after it was chosen. Choose it again; if that fails too, copy it again from where it came from.',
    );
    const notReadable = picked('b.csv', 10, () => Promise.reject(new DOMException('The requested file could not be read', 'NotReadableError')));
    expect((await refusal(readPickedFile(notReadable.file, 100))).message).toMatch(/^b\.csv: the file could not be read: it is cut short or damaged/);
  });

  it('fewer bytes than the file said it had: cut short', async () => {
    const short = picked('c.json', 100, () => Promise.resolve(new ArrayBuffer(40)));
    expect(await refusal(readPickedFile(short.file, 1000))).toEqual({ code: 'unreadable', message: 'c.json: the file is cut short: only 40 of its 100 bytes could be read. Choose it again, or copy it again from where it came from.' });
  });

  it('a whole file is its bytes', async () => {
    const ok = picked('d.json', 3, () => Promise.resolve(new Uint8Array([1, 2, 3]).buffer));
    expect([...(await readPickedFile(ok.file, 10))]).toEqual([1, 2, 3]);
  });
});
