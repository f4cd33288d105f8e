/**
 * A worker's answer across comlink: the value, or the failure with its `code` (a DalaError's, a
 * LockError's), so the page tells a wrong passphrase from a damaged file or lock.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { ok: false, error: { code: typeof code === 'string' ? code : 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}
