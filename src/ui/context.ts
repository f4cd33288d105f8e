import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Dala } from '../app/dala';
import type { AppLang, MessageKey } from '../app/i18n';
import type { StorageStatus } from '../app/storage-status';
import type { EarlyStart, Prefetched } from '../app/boot';
import type { Observable } from './observable';
import type { KioskState } from '../app/kiosk';
import type { LockStatus } from '../app/data-lock';

export interface AppContextValue {
  /** Before the database is open (a draft drawn from its resume hint) its methods wait for it. */
  app: Dala;
  lang: AppLang;
  setLang(lang: AppLang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /**
   * Whether `t` has every word: until then only the first page's (src/app/i18n/en-first.ts), which
   * is all the first page draws. Screens loaded later wait for it (components/Lazy.tsx).
   */
  messagesComplete: boolean;
  /** Persistent or not, and usage; read with useObservable so only its viewers re-render. */
  storage: Observable<StorageStatus | null>;
  refreshStorage(): void;
  /** The runner says when a draft is open, so an app update waits. */
  setDraftOpen(open: boolean): void;
  /** The runner registers how to flush its pending answers (used before a database upgrade). */
  registerFlush(flush: () => Promise<void>): () => void;
  /**
   * A respondent alone: the languages of the study they answer, for the header's one language control
   * (it sets the session's language and the app's); null on other screens.
   */
  respondentLang: RespondentLang | null;
  setRespondentLang(v: RespondentLang | null): void;
  /** Kiosk mode: when set, only that session's self-completed part is shown. */
  kiosk: KioskState | null;
  setKiosk(state: KioskState | null): void;
  /** The session read while the app started (once; null when none or another id). */
  takePrefetched(id: string): Prefetched | null;
  /** The draft the page opened on, to draw from its resume hint before the database is open (once). */
  takeEarly(id: string): EarlyStart | null;
  /** The data lock in this tab (../app/data-lock.ts). */
  lockStatus: LockStatus | null;
  /** Locks every tab of the app now (pending answers are saved first). */
  lockAll(): void;
  /** The lock was turned on or off, or its passphrase changed, in this tab: the app and the other tabs read it again. */
  lockChanged(): void;
}

export interface RespondentLang {
  value: string;
  langs: { code: string; name: string }[];
  set(lang: string): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
