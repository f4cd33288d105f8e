/**
 * Turning the data lock on and off in IndexedDB (./store.ts): the lock record first, then every record
 * sealed (or opened) in place, in steps, each written only if the record did not change since it was
 * read; interrupted, it is resumed by `finishTransition` after the next unlock, and meanwhile both
 * forms are read. Loaded only when the lock changes or is opened.
 */
import { fingerprint, isSealed, LockError, SEALED_META, type SealedStore, type Stored, type StoredChunk } from './sealed';
import { withTransition, type LockOff, type LockOn } from './lock-record';
import { OUT_OF_LINE, SEALABLE, atomically, sealKey, type Store } from './store';

/** Media chunks sealed or opened per write when the lock changes (each up to 1 MiB). */
const CHUNKS_AT_ONCE = 8;

/** The device keeps its data in clear (the lock was never on, or it is off). */
export async function chooseLockOff(store: Store, since: string): Promise<void> {
  if (store.lockRecord()?.state === 'on') throw new LockError('lock-changed', 'the data lock is on: turn it off with its passphrase');
  const off: LockOff = { type: 'dala-lock', version: 1, state: 'off', since };
  await store.putLock(off);
}

/**
 * Turns the lock on with a new data key (./key-wrap.ts, createLock): the record first, marked
 * "sealing", then every clear record sealed in steps, then the mark removed. Interrupted, it is
 * resumed by `finishTransition` after the next unlock; meanwhile both forms are read.
 */
export async function turnLockOn(store: Store, record: LockOn, key: CryptoKey, onProgress?: (done: number) => void): Promise<void> {
  if (store.lockRecord()?.state === 'on') throw new LockError('lock-changed', 'the data lock is already on');
  await store.putLock(withTransition(record, 'seal'));
  await store.setKey(key, record.id);
  await finishTransition(store, onProgress);
}

/** Turns the lock off (this tab is unlocked): every record opened in steps, then the lock record says "off". */
export async function turnLockOff(store: Store, since: string, onProgress?: (done: number) => void): Promise<void> {
  const lock = store.lockRecord();
  if (lock?.state !== 'on') return;
  store.need();
  await store.putLock(withTransition(lock, 'unseal'));
  await finishTransition(store, onProgress, since);
}

/** The lock record with the data key wrapped anew (a new passphrase); the key and its id stay. */
export async function replaceLock(store: Store, record: LockOn): Promise<void> {
  const lock = store.lockRecord();
  if (lock?.state !== 'on' || lock.id !== record.id) throw new LockError('lock-changed', 'the data lock changed in another tab');
  await store.putLock(withTransition(record, lock.transition));
}

/** Ends a sealing or opening that was interrupted (or just begun). Needs the key. */
export async function finishTransition(store: Store, onProgress?: (done: number) => void, since = new Date().toISOString()): Promise<void> {
  const lock = store.lockRecord();
  if (lock?.state !== 'on' || !lock.transition) return;
  store.need();
  let done = 0;
  const progress = (n: number) => onProgress?.((done += n));
  // A second pass finds what a write of another tab may have added in the old form meanwhile (none,
  // since every write checks the lock; the pass proves it before the lock record changes).
  while ((await reseal(store, lock.transition, progress)) > 0);
  if (lock.transition === 'seal') await store.putLock(withTransition(lock, undefined));
  else {
    await store.putLock({ type: 'dala-lock', version: 1, state: 'off', since });
    store.dropKey();
  }
}

/**
 * One pass over every sealable record: seals the clear ones (or opens the sealed ones), in chunks,
 * each written only if the record did not change since it was read. Returns how many it rewrote.
 */
async function reseal(store: Store, direction: 'seal' | 'unseal', progress: (n: number) => void): Promise<number> {
  const cipher = store.need();
  const wants = (raw: unknown) => (direction === 'seal' ? !isSealed(raw) : isSealed(raw));
  let total = 0;
  const write = async (name: SealedStore, chunk: { key: IDBValidKey; raw: unknown; next: unknown }[]) => {
    const tx = store.db.transaction([name, 'meta'], 'readwrite', { durability: 'strict' });
    const n = await atomically(tx, async () => {
      await store.guard(tx);
      let n = 0;
      const os = tx.objectStore(name);
      for (const c of chunk) {
        if (fingerprint(await os.get(c.key as never)) !== fingerprint(c.raw)) continue;
        await (OUT_OF_LINE.includes(name) ? os.put(c.next as never, c.key as never) : os.put(c.next as never));
        n++;
      }
      return n;
    });
    total += n;
    progress(n);
  };
  for (const name of SEALABLE) {
    let after: IDBValidKey | undefined;
    for (let end = false; !end; ) {
      const found: { key: IDBValidKey; raw: Stored }[] = [];
      const tx = store.db.transaction(name, 'readonly');
      let cursor = await tx.store.openCursor(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true));
      for (let scanned = 0; cursor && found.length < 250 && scanned < 5000; scanned++) {
        if (wants(cursor.value)) found.push({ key: cursor.primaryKey, raw: cursor.value });
        after = cursor.primaryKey;
        cursor = await cursor.continue();
      }
      end = cursor === null;
      await tx.done;
      if (found.length === 0) continue;
      const next = await Promise.all(found.map((f) => (direction === 'seal' ? cipher.sealRecord(name, sealKey(name, f.raw), f.raw) : store.fromStored<object>(name, f.raw))));
      await write(name, found.map((f, i) => ({ ...f, next: next[i] })));
    }
  }
  // Media chunks (./blobs.ts): sealed or opened as bytes, a few at a time (a chunk may be 1 MiB).
  let after: IDBValidKey | undefined;
  for (let end = false; !end; ) {
    const found: { key: IDBValidKey; raw: StoredChunk }[] = [];
    const tx = store.db.transaction('blobChunks', 'readonly');
    let cursor = await tx.store.openCursor(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true));
    for (let scanned = 0; cursor && found.length < CHUNKS_AT_ONCE && scanned < 5000; scanned++) {
      if (wants(cursor.value)) found.push({ key: cursor.primaryKey, raw: cursor.value });
      after = cursor.primaryKey;
      cursor = await cursor.continue();
    }
    end = cursor === null;
    await tx.done;
    if (found.length === 0) continue;
    const next = await Promise.all(
      found.map(async (f) => (direction === 'seal' ? { id: f.raw.id, index: f.raw.index, enc: await cipher.sealBytes('blobChunks', [f.raw.id, f.raw.index], await store.fromStoredChunk(f.raw)) } : { id: f.raw.id, index: f.raw.index, data: (await store.fromStoredChunk(f.raw)).slice().buffer })),
    );
    await write('blobChunks', found.map((f, i) => ({ ...f, next: next[i] })));
  }
  const metas: { key: IDBValidKey; raw: unknown; next: unknown }[] = [];
  for (const key of SEALED_META) {
    const raw = await store.db.get('meta', key);
    if (raw === undefined || !wants(raw)) continue;
    metas.push({ key, raw, next: direction === 'seal' ? { enc: await cipher.seal('meta', key, raw) } : await cipher.open('meta', key, (raw as { enc: Uint8Array }).enc) });
  }
  if (metas.length) await write('meta', metas);
  return total;
}

