/**
 * Small preferences kept in localStorage (the app's language, the last interviewer code): reading or
 * writing one never throws. A full quota, a privacy mode or a disabled storage only means the
 * preference is not remembered; it must never stop what the person was doing (starting a session).
 */
export function readPref(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores a preference; false when it could not be kept. */
export function writePref(key: string, value: string): boolean {
  try {
    if (!globalThis.localStorage) return false;
    globalThis.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removePref(key: string): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // Nothing to remove where localStorage is refused.
  }
}
