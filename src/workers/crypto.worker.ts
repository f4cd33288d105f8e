/**
 * Encryption off the main thread: age decryption (a passphrase's scrypt takes seconds and 256 MB) and
 * bundle validation run here, so the screen never freezes. One request at a time per message id.
 */
import { encryptBundle, openBundleFile, type DecryptKeys, type EncryptTo } from '../adapters/crypto-age/index';
import type { Instrument } from '../core/instrument/types';

export type CryptoRequest =
  | { id: number; op: 'open'; name: string; bytes: Uint8Array; keys: DecryptKeys; instruments: Instrument[] }
  | { id: number; op: 'encrypt'; json: string; to: EncryptTo; armored: boolean };

export type CryptoResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } };

const scope = self as unknown as { onmessage: ((e: MessageEvent<CryptoRequest>) => void) | null; postMessage(m: CryptoResponse, transfer?: Transferable[]): void };

scope.onmessage = async (e) => {
  const req = e.data;
  try {
    if (req.op === 'open') {
      const bundle = await openBundleFile(req.name, req.bytes, req.keys, { instruments: req.instruments });
      scope.postMessage({ id: req.id, ok: true, value: bundle });
    } else {
      const out = await encryptBundle(req.json, req.to, req.armored);
      scope.postMessage({ id: req.id, ok: true, value: out });
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    scope.postMessage({
      id: req.id,
      ok: false,
      error: { code: typeof code === 'string' ? code : 'internal', message: err instanceof Error ? err.message : String(err) },
    });
  }
};
