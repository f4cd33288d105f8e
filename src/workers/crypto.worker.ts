/**
 * Encryption off the main thread: age decryption (a passphrase's scrypt takes seconds and 256 MB) and
 * bundle validation run here, so the screen never freezes. Exposed through comlink
 * (src/app/worker-client.ts). Failures come back as values with their `code`, so the page can tell a
 * wrong passphrase from a damaged file.
 */
import { expose } from 'comlink';
import { outcome, type Outcome } from './outcome';

export type { Outcome };
import { encryptBundle, openBundleFile, type DecryptKeys, type EncryptTo } from '../adapters/crypto-age/index';
import type { RestoredBundle } from '../core/bundle/parse';
import type { Instrument } from '../core/instrument/types';

const api = {
  open: (name: string, bytes: Uint8Array, keys: DecryptKeys, instruments: Instrument[]): Promise<Outcome<RestoredBundle>> =>
    outcome(() => openBundleFile(name, bytes, keys, { instruments })),
  encrypt: (json: string, to: EncryptTo, armored: boolean): Promise<Outcome<Uint8Array | string>> => outcome(() => encryptBundle(json, to, armored)),
};

export type CryptoApi = typeof api;

expose(api);
