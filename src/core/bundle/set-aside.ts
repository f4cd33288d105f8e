/**
 * Records set aside, as a file: what `dala merge` writes beside its output and what the app's
 * "Set aside" list exports (docs/bundle-format.md, "Records set aside"). Each record is kept exactly as
 * its file had it, with the file, its place and the reason, so a researcher can repair and re-import
 * it, or at least see what was not taken.
 */
import type { SetAside } from './parse';

export const SET_ASIDE_TYPE = 'dala-set-aside';
export const SET_ASIDE_VERSION = 1;

export interface SetAsideFile {
  type: typeof SET_ASIDE_TYPE;
  version: typeof SET_ASIDE_VERSION;
  createdAt: string;
  records: SetAside[];
}

export function setAsideJson(records: readonly SetAside[], createdAt: string): string {
  const file: SetAsideFile = { type: SET_ASIDE_TYPE, version: SET_ASIDE_VERSION, createdAt, records: [...records] };
  return JSON.stringify(file);
}
