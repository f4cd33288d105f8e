/**
 * The data lock's key work off the main thread: scrypt takes about a second by design (32 MiB), so
 * the screen never freezes while a passphrase or PIN is checked. Exposed through comlink
 * (src/app/lock-client.ts). Failures come back as values with their `code`, so the page tells a wrong
 * passphrase from a damaged lock. The data key comes back as a CryptoKey (non-extractable): its bytes
 * never reach the page.
 */
import { expose } from 'comlink';
import { outcome, type Outcome } from './outcome';

export type { Outcome };
import { createLock, openLock, pinHash, rewrapLock, type KdfParams, type LockOn } from '../adapters/storage-idb/key-wrap';

const api = {
  create: (passphrase: string, since: string, kdf?: KdfParams): Promise<Outcome<{ record: LockOn; key: CryptoKey }>> => outcome(() => createLock(passphrase, since, kdf)),
  open: (passphrase: string, record: unknown): Promise<Outcome<CryptoKey>> => outcome(() => openLock(passphrase, record)),
  rewrap: (oldPassphrase: string, newPassphrase: string, record: unknown, kdf?: KdfParams): Promise<Outcome<LockOn>> => outcome(() => rewrapLock(oldPassphrase, newPassphrase, record, kdf)),
  pin: (pin: string, salt: Uint8Array, kdf: KdfParams): Promise<Outcome<Uint8Array>> => outcome(async () => pinHash(pin, salt, kdf)),
};

export type LockApi = typeof api;

expose(api);
