/**
 * The page's side of the data lock's key work (src/workers/lock.worker.ts): scrypt in a Web Worker,
 * started on first use. `LockKdf` is what the app needs; Node tests pass the adapter's functions.
 */
import { LockError, type LockErrorCode } from '../adapters/storage-idb/sealed';
import type { KdfParams, LockOn } from '../adapters/storage-idb/lock-record';
import type { LockApi, Outcome } from '../workers/lock.worker';
import { WorkerClient } from './worker-client';

export interface LockKdf {
  create(passphrase: string, since: string, kdf?: KdfParams): Promise<{ record: LockOn; key: CryptoKey }>;
  /** The data key; LockError 'lock-passphrase' or 'lock-damaged'. */
  open(passphrase: string, record: unknown): Promise<CryptoKey>;
  rewrap(oldPassphrase: string, newPassphrase: string, record: unknown, kdf?: KdfParams): Promise<LockOn>;
  pin(pin: string, salt: Uint8Array, kdf: KdfParams): Promise<Uint8Array>;
  /** Starts what the key work needs (the worker and its script) before it is asked for. */
  warm?(): void;
}

export class LockWorkerClient implements LockKdf {
  private readonly client = new WorkerClient<LockApi>(() => new Worker(new URL('../workers/lock.worker.ts', import.meta.url), { type: 'module' }));

  private async unwrap<T>(run: Promise<Outcome<T>>): Promise<T> {
    const out = await run;
    if (!out.ok) throw new LockError(out.error.code as LockErrorCode, out.error.message);
    return out.value;
  }

  create(passphrase: string, since: string, kdf?: KdfParams) {
    return this.client.call((api) => this.unwrap(api.create(passphrase, since, kdf)));
  }

  open(passphrase: string, record: unknown) {
    return this.client.call((api) => this.unwrap(api.open(passphrase, record)));
  }

  rewrap(oldPassphrase: string, newPassphrase: string, record: unknown, kdf?: KdfParams) {
    return this.client.call((api) => this.unwrap(api.rewrap(oldPassphrase, newPassphrase, record, kdf)));
  }

  pin(pin: string, salt: Uint8Array, kdf: KdfParams) {
    return this.client.call((api) => this.unwrap(api.pin(pin, salt, kdf)));
  }

  warm() {
    void this.client.call(async () => undefined).catch(() => {});
  }
}

/** The same work on this thread, where there are no workers (Node: tests, tools). */
export function directKdf(): LockKdf {
  const kw = () => import('../adapters/storage-idb/key-wrap');
  return {
    create: async (passphrase, since, kdf) => (await kw()).createLock(passphrase, since, kdf),
    open: async (passphrase, record) => (await kw()).openLock(passphrase, record),
    rewrap: async (a, b, record, kdf) => (await kw()).rewrapLock(a, b, record, kdf),
    pin: async (pin, salt, kdf) => (await kw()).pinHash(pin, salt, kdf),
  };
}
