/**
 * The page's side of the crypto worker: promise-returning calls. The worker (and age-encryption with
 * it) is loaded only when data is first exported or imported.
 */
import type { DecryptKeys, EncryptTo } from '../adapters/crypto-age/crypto';
import type { RestoredBundle } from '../core/bundle/parse';
import type { Instrument } from '../core/instrument/types';
import type { CryptoApi, Outcome } from '../workers/crypto.worker';
import { WorkerClient } from './worker-client';

export class CryptoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The page's side of src/workers/crypto.worker.ts. */
export class CryptoClient {
  private readonly client = new WorkerClient<CryptoApi>(() => new Worker(new URL('../workers/crypto.worker.ts', import.meta.url), { type: 'module' }));

  private async unwrap<T>(run: Promise<Outcome<T>>): Promise<T> {
    const out = await run;
    if (!out.ok) throw new CryptoError(out.error.code, out.error.message);
    return out.value;
  }

  /** A file -> its bundle and the records set aside; throws CryptoError with the code of why it cannot be read at all. */
  open(name: string, bytes: Uint8Array, keys: DecryptKeys, instruments: Instrument[], signal?: AbortSignal): Promise<RestoredBundle> {
    return this.client.call((api) => this.unwrap(api.open(name, bytes, keys, instruments)), signal);
  }

  encrypt(json: string, to: EncryptTo, armored: boolean, signal?: AbortSignal): Promise<Uint8Array | string> {
    return this.client.call((api) => this.unwrap(api.encrypt(json, to, armored)), signal);
  }

  dispose(): void {
    this.client.stop();
  }
}

/** Offers bytes or text as a file download (an anchor with a blob URL: nothing leaves the device). */
export function download(name: string, data: Uint8Array | string | Blob, type = 'application/octet-stream'): void {
  const blob = data instanceof Blob ? data : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
