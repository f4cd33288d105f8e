/**
 * Whether the browser keeps Dala's data (persistent storage) and how much it uses. The app asks for
 * persistence once at start and shows the answer; in a fresh headless profile the answer is "no".
 */
export interface StorageStatus {
  /** null when the browser has no StorageManager.persisted(). */
  persistent: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function requestPersistence(): Promise<boolean | null> {
  const sm = globalThis.navigator?.storage;
  if (!sm?.persist) return null;
  try {
    if (await sm.persisted()) return true;
    return await sm.persist();
  } catch {
    return null;
  }
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const sm = globalThis.navigator?.storage;
  let persistent: boolean | null = null;
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    if (sm?.persisted) persistent = await sm.persisted();
  } catch {
    persistent = null;
  }
  try {
    if (sm?.estimate) {
      const e = await sm.estimate();
      usage = e.usage ?? null;
      quota = e.quota ?? null;
    }
  } catch {
    /* estimate unsupported: show nothing */
  }
  return { persistent, usage, quota };
}

export function formatBytes(n: number | null): string {
  if (n === null) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
