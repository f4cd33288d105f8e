/**
 * The page's side of the crypto worker: promise-returning calls. The worker (and age-encryption with
 * it) is loaded only when data is first exported or imported.
 */
import type { DecryptKeys, EncryptTo } from '../adapters/crypto-age/crypto';
import type { Bundle } from '../core/bundle/types';
import type { Instrument } from '../core/instrument/types';
import type { CryptoRequest, CryptoResponse } from '../workers/crypto.worker';

export class CryptoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };
type Req = CryptoRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class CryptoClient {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  private call(req: Req, transfer: Transferable[] = []): Promise<unknown> {
    if (!this.worker) {
      this.worker = new Worker(new URL('../workers/crypto.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<CryptoResponse>) => {
        const p = this.pending.get(e.data.id);
        if (!p) return;
        this.pending.delete(e.data.id);
        if (e.data.ok) p.resolve(e.data.value);
        else p.reject(new CryptoError(e.data.error.code, e.data.error.message));
      };
      this.worker.onerror = (e) => {
        for (const p of this.pending.values()) p.reject(new CryptoError('internal', e.message || 'the encryption worker failed'));
        this.pending.clear();
        this.worker?.terminate();
        this.worker = null;
      };
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ ...req, id }, transfer);
    });
  }

  open(name: string, bytes: Uint8Array, keys: DecryptKeys, instruments: Instrument[]): Promise<Bundle> {
    return this.call({ op: 'open', name, bytes, keys, instruments }) as Promise<Bundle>;
  }

  encrypt(json: string, to: EncryptTo, armored: boolean): Promise<Uint8Array | string> {
    return this.call({ op: 'encrypt', json, to, armored }) as Promise<Uint8Array | string>;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

/** Offers bytes or text as a file download (an anchor with a blob URL: nothing leaves the device). */
export function download(name: string, data: Uint8Array | string, type = 'application/octet-stream'): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
