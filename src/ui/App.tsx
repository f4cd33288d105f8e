import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Dala } from '../app/dala';
import { deferredDala, type Boot, type EarlyStart, type Prefetched } from '../app/boot';
import { enFirst, isAppLang, loadMessages, preferredLang, translate, type AppLang, type FirstMessages, type Loaded, type LoadedMessages } from '../app/i18n';
import { readStorageStatus, requestPersistence, type StorageStatus } from '../app/storage-status';
import { registerServiceWorker, type UpdateHandle } from '../app/sw-register';
import { AppContext, type AppContextValue, type RespondentLang } from './context';
import { parseRoute, href, type Route } from './route';
import { Runner } from './interviewer/Runner';
import { Lazy } from './components/Lazy';
import { ResultsRoute } from './researcher/ResultsRoute';
import { StorageBadge } from './components/StorageBadge';
import { UpdateBanner } from './components/UpdateBanner';
import { Logo } from './components/Logo';
import { LangPicker } from './components/LangPicker';
import { observable } from './observable';
import { afterNextFrame } from '../app/after-frame';
import { readPref, writePref } from '../app/prefs';
import type { KioskState } from '../app/kiosk';
import type { LockStatus, UnlockResult } from '../app/data-lock';
import { UnlockForm } from './UnlockForm';
import type { LockReason, LockWatch } from '../app/lock-watch';
import { browserKeyValue } from '../app/resume-hint';

const LANG_KEY = 'dala.appLang';
/**
 * The study link a tab in respondent mode is on. A tab that opened a study link stays in respondent
 * mode (sessionStorage: this tab only, kept across reloads, gone when it closes): Back, a reload or
 * another address of the app in it shows only the way back to the questionnaire, so a respondent on
 * a shared device never sees the device's sessions or another respondent's interview.
 */
const RESPONDENT_TAB_KEY = 'dala.respondentLink';

function tabRespondentLink(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(RESPONDENT_TAB_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Whether localStorage says kiosk mode is on (the lock screen then says to hand the device back). */
function hasKioskFlag(): boolean {
  try {
    return (globalThis.localStorage?.getItem('dala:kiosk') ?? null) !== null;
  } catch {
    return false;
  }
}

/** Chromium's install prompt (not in the DOM typings). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
}

export function initialLang(): AppLang {
  const stored = readPref(LANG_KEY);
  return isAppLang(stored) ? stored : preferredLang(navigator.languages ?? [navigator.language]);
}

/**
 * `first`: the first page's words in `initialLang()`, loaded before the first render so it needs no
 * second one. Every other word comes after the first frame (`messagesComplete` then).
 */
export function App({ boot, first, complete }: { boot: Boot; first?: Loaded<FirstMessages>; complete?: boolean }) {
  const [app, setApp] = useState<Dala | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [lang, setLangState] = useState<AppLang>(initialLang);
  const [messages, setMessages] = useState<LoadedMessages | null>(first?.messages ?? null);
  // `complete`: `first` holds every word already (a draft that opens on a repeat: ../main.tsx).
  const [messagesComplete, setMessagesComplete] = useState(!!complete);
  const completeAtStart = useRef(complete ? first?.lang : undefined);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const routeRef = useRef(route);
  routeRef.current = route;
  const [respondentLink, setRespondentLink] = useState<string | null>(() => (route.name === 'link' ? route.fragment : tabRespondentLink()));
  const storage = useMemo(() => observable<StorageStatus | null>(null), []);
  const update = useMemo(() => observable<UpdateHandle | null>(null), []);
  const draftOpen = useMemo(() => observable(false), []);
  const [dbNotice, setDbNotice] = useState<'elsewhere' | 'blocked' | null>(null);
  const flushers = useRef(new Set<() => Promise<void>>());
  const prefetched = useRef<Prefetched | null>(null);
  // A draft drawn from its resume hint before the database opens (../app/boot.ts): the runner takes it once.
  const early = useRef<EarlyStart | null>(boot.early);
  const deferred = useMemo(() => (boot.early || boot.locked ? deferredDala(boot.started) : null), []);
  const [kiosk, setKioskState] = useState<KioskState | null>(null);
  /** Kiosk mode started in another tab while the data lock is off: this tab hides its screens, and runs nothing. */
  const [kioskElsewhere, setKioskElsewhere] = useState(false);
  const kioskRef = useRef<KioskState | null>(null);
  kioskRef.current = kiosk;
  // The data lock in this tab (../app/data-lock.ts), and what locked it last.
  const [lock, setLock] = useState<LockStatus | null>(null);
  const lockRef = useRef<LockStatus | null>(null);
  lockRef.current = lock;
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const watch = useRef<LockWatch | null>(null);
  const appRef = useRef<Dala | null>(null);
  const [respondentLang, setRespondentLang] = useState<RespondentLang | null>(null);
  const [installPrompt, setInstallPrompt] = useState<InstallPromptEvent | null>(null);

  useEffect(() => {
    // Chromium offers installation through this event; other browsers have their own menu item.
    const onPrompt = (e: Event) => {
      e.preventDefault();
      setInstallPrompt(e as InstallPromptEvent);
    };
    addEventListener('beforeinstallprompt', onPrompt);
    return () => removeEventListener('beforeinstallprompt', onPrompt);
  }, []);

  const t = useCallback(
    (key: Parameters<AppContextValue['t']>[0], params?: Record<string, string | number>) => translate(messages ?? enFirst, key, params),
    [messages],
  );


  useEffect(() => {
    const onHash = () => {
      const next = parseRoute(location.hash);
      setRoute((now) => (href(now) === href(next) ? now : next));
    };
    addEventListener('hashchange', onHash);
    // The first render read the hash; a change between then and now (this effect runs after paint)
    // fired no event we heard.
    onHash();
    return () => removeEventListener('hashchange', onHash);
  }, []);

  /** Locks this tab: what is typed is saved first, then the key is forgotten and every screen closes. */
  const lockTab = useCallback(async (reason: LockReason) => {
    const a = appRef.current;
    if (!a) return;
    if (a.lock.status().state !== 'unlocked') {
      // With the lock off, kiosk mode started elsewhere closes the interviewer's screens all the same.
      if ((reason === 'kiosk' || reason === 'missed') && !a.lock.on) {
        const k = (await a.kioskState()) ?? null;
        setKioskElsewhere(k !== null);
        setKioskState(k);
      }
      return;
    }
    await Promise.all([...flushers.current].map((f) => f()));
    a.lock.lock();
    setLockReason(reason);
    setLock(a.lock.status());
  }, []);

  /** The lock as stored now (another tab may have changed it), and the kiosk state with it. */
  const rereadLock = useCallback(async () => {
    const a = appRef.current;
    if (!a) return;
    const status = await a.lock.refresh();
    const before = lockRef.current;
    if (before?.state !== status.state) setLock(status);
    if (status.state === 'locked' || status.state === 'damaged') return;
    const k = (await a.kioskState().catch(() => undefined)) ?? null;
    if (k === null) setKioskElsewhere(false);
    if ((k?.sessionId ?? null) !== (kioskRef.current?.sessionId ?? null)) setKioskState(k);
  }, []);

  const startLockWatch = async (a: Dala) => {
    const { LockWatch } = await import('../app/lock-watch');
    let idle = await a.lock.idleMinutes();
    const w = new LockWatch({
      kv: browserKeyValue(),
      onLock: (reason) => void lockTab(reason),
      onChanged: () => {
        void rereadLock();
        void a.lock.idleMinutes().then((m) => (idle = m));
      },
      idleMs: () => (a.lock.status().state === 'unlocked' ? idle * 60_000 : null),
    });
    w.start();
    watch.current = w;
  };
  useEffect(() => () => watch.current?.stop(), []);

  /** The lock changed in this tab (`kiosk`: the kiosk state, when it was read already). */
  const unlocked = useCallback(async (kiosk?: KioskState | null) => {
    const a = appRef.current;
    if (!a) return;
    const status = a.lock.status();
    const k = status.state === 'locked' || status.state === 'damaged' ? undefined : kiosk !== undefined ? kiosk : await a.kioskState();
    watch.current?.markUnlocked();
    // A first-start choice, a new passphrase or a lock turned off: the other tabs read the lock again.
    watch.current?.changed();
    setKioskState(k ?? null);
    setLockReason(null);
    setLock(status);
  }, []);

  /**
   * The passphrase typed in the unlock form: the draft the tab is on is read while the key is derived,
   * opened once it is there, and drawn in the same render as the unlocked app (../app/unlock.ts).
   */
  const unlockTab = useCallback(async (passphrase: string): Promise<UnlockResult> => {
    const a = await boot.started;
    const r = routeRef.current;
    const { unlockWithDraft } = unlockCode.current ?? (await import('../app/unlock'));
    const u = await unlockWithDraft(a, passphrase, r.name === 'session' ? r.id : null);
    if (!u.result.ok) return u.result;
    appRef.current ??= a;
    prefetched.current = u.draft;
    await unlocked(u.kiosk);
    return u.result;
  }, []);
  // The unlock's code is not in the first page: loaded (and kept) while the passphrase is typed.
  const unlockCode = useRef<typeof import('../app/unlock') | null>(null);
  const prepareUnlock = useCallback(() => {
    void import('../app/unlock').then((m) => (unlockCode.current = m), () => {});
    void boot.started.then((a) => a.lock.prepare(), () => {});
  }, []);

  /** Kiosk mode entered in this tab locks every other tab; set from the stored state, it does not. */
  const setKiosk = useCallback((state: KioskState | null) => {
    if (state && !kioskRef.current) watch.current?.kioskEntered();
    setKioskState(state);
  }, []);

  const refreshStorage = useCallback(() => {
    void readStorageStatus().then((v) => storage.set(v));
  }, []);

  useEffect(() => {
    let cancelled = false;
    Object.assign(boot.handlers, {
      onVersionChange: async () => {
        // A newer Dala in another tab upgrades the database: save what is typed, then let go.
        await Promise.all([...flushers.current].map((f) => f()));
        setDbNotice('elsewhere');
      },
      onBlocked: () => setDbNotice('blocked'),
      onTerminated: () => setFatal('The browser closed Dala’s database (storage cleared or a disk error). Reload.'),
    });
    Promise.all([boot.started, boot.prefetch]).then(
      async ([a, pre]) => {
        const status = a.lock.status();
        // The kiosk state is sealed with the data: read once this tab is unlocked.
        const k = status.state === 'locked' || status.state === 'damaged' ? undefined : await a.kioskState();
        if (cancelled) return;
        // The runner drawn early has read the database itself; otherwise the read is there for it.
        prefetched.current = boot.early && !early.current ? null : pre;
        early.current = null;
        appRef.current = a;
        setLock(status);
        setKioskState(k ?? null);
        setApp(a);
        void startLockWatch(a);
        // After the first screen: the service worker and the storage questions are not on the critical path.
        setTimeout(() => {
          registerServiceWorker({ onUpdateReady: (h) => update.set(h), onUpdatedElsewhere: (h) => update.set(h), onOfflineReady: () => {} });
          void requestPersistence().then(refreshStorage);
        }, 300);
      },
      (e: unknown) => setFatal(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [refreshStorage]);

  useEffect(() => {
    if (route.name !== 'link') return;
    try {
      sessionStorage.setItem(RESPONDENT_TAB_KEY, route.fragment);
    } catch {
      // No session storage (a privacy mode): respondent mode holds until the page is reloaded.
    }
    setRespondentLink(route.fragment);
  }, [route]);

  // In kiosk mode every other address leads back to the respondent's part.
  const kioskRoute = kiosk && !kioskElsewhere && (route.name !== 'kiosk' || route.id !== kiosk.sessionId) ? href({ name: 'kiosk', id: kiosk.sessionId, section: 0 }) : null;
  useEffect(() => {
    if (kioskRoute) location.replace(kioskRoute);
  }, [kioskRoute]);

  // The header's language picker comes one frame after the first screen (./components/LangPicker.tsx).
  const [firstFrameShown, setFirstFrameShown] = useState(false);
  useEffect(() => afterNextFrame(() => setFirstFrameShown(true)), []);

  // Every word of the app's language, after the first frame (the first page's words are there
  // already), and again when the language changes. Screens loaded later wait for them (Lazy).
  useEffect(() => {
    if (!firstFrameShown) return;
    // Loaded before the first render already, in this language.
    if (completeAtStart.current === lang) {
      document.documentElement.lang = lang;
      return;
    }
    completeAtStart.current = undefined;
    let current = true;
    void loadMessages(lang).then((m) => {
      if (!current) return;
      setMessages(m.messages);
      setMessagesComplete(true);
      // The page's language is that of the words it shows: set when they arrive (English when the
      // chosen language's words could not be loaded), so a screen reader never reads one in the other.
      document.documentElement.lang = m.lang;
    });
    return () => {
      current = false;
    };
  }, [lang, firstFrameShown]);

  const setLang = useCallback((l: AppLang) => {
    writePref(LANG_KEY, l);
    setLangState(l);
  }, []);

  // Before the database is open, only the draft the page opened on is drawn (from its hint), or the
  // unlock form of a device whose lock is on (../app/boot.ts, `locked`).
  const drawEarly = !app && deferred !== null && route.name === 'session' && route.id === boot.early?.id;
  const lockEarly = !app && deferred !== null && boot.locked && !drawEarly;
  const ctx = useMemo<AppContextValue | null>(() => {
    const a = app ?? (drawEarly || lockEarly ? deferred : null);
    if (!a || !messages) return null;
    return {
      app: a,
      lang,
      setLang,
      t,
      messagesComplete,
      storage,
      refreshStorage,
      setDraftOpen: (open: boolean) => draftOpen.set(open),
      takeEarly: (id: string) => {
        const e = early.current;
        if (!e || e.id !== id) return null;
        early.current = null;
        return e;
      },
      takePrefetched: (id: string) => {
        const p = prefetched.current;
        if (!p || p.id !== id) return null;
        prefetched.current = null;
        return p;
      },
      kiosk,
      setKiosk,
      respondentLang,
      setRespondentLang,
      registerFlush: (f: () => Promise<void>) => {
        flushers.current.add(f);
        return () => flushers.current.delete(f);
      },
      lockStatus: lock,
      lockAll: () => watch.current?.lockAll('manual'),
      lockChanged: () => void unlocked(),
    };
  }, [app, drawEarly, lockEarly, messages, messagesComplete, lang, setLang, t, refreshStorage, kiosk, respondentLang, lock]);

  if (fatal) {
    return (
      <main class="page">
        <h1>{t('errorTitle')}</h1>
        <p role="alert">{fatal}</p>
        <button class="btn" onClick={() => location.reload()}>{t('reload')}</button>
      </main>
    );
  }
  if (!ctx) return <main class="page loading" aria-busy="true">Dala…</main>;

  // Kiosk and respondent modes: no navigation, no settings, no other sessions. One language control:
  // while a respondent answers, the study's languages (setting the app's words too); else the app's.
  const modeHeader = (
    <header class="topbar kiosk">
      <span class="brand">
        <Logo />
        <span>{t('appName')}</span>
      </span>
      <span class="spacer" />
      {respondentLang ? (
        <label class="langpick">
          <span class="sr-only">{t('studyLanguage')}</span>
          <select value={respondentLang.value} onChange={(e) => respondentLang.set((e.currentTarget as HTMLSelectElement).value)} data-testid="respondent-lang">
            {respondentLang.langs.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>
            ))}
          </select>
        </label>
      ) : (
        <LangPicker lang={lang} label={t('appLanguage')} onChange={setLang} ready={firstFrameShown} />
      )}
    </header>
  );

  // The data lock: a locked tab shows only the way in; a device that has not chosen is asked first
  // (except a respondent's own device opened on a study link, whose answers are theirs).
  const inRespondentMode = route.name === 'link' || respondentLink !== null;
  const lockNow: LockStatus | null = lock ?? (lockEarly ? { state: 'locked' } : null);
  if (lockNow && (lockNow.state === 'locked' || lockNow.state === 'damaged' || (lockNow.state === 'undecided' && !inRespondentMode))) {
    return (
      <AppContext.Provider value={ctx}>
        {modeHeader}
        <main id="main" class="page" data-testid="lock-screen">
          {lockNow.state === 'locked' ? (
            <UnlockForm reason={lockReason} kiosk={hasKioskFlag()} prepare={prepareUnlock} unlock={unlockTab} />
          ) : (
            <Lazy key={lockNow.state} load={() => import('./LockScreen').then((m) => m.LockScreen)} props={{ status: lockNow, onDone: () => void unlocked() }} />
          )}
        </main>
      </AppContext.Provider>
    );
  }

  if (kiosk) {
    return (
      <AppContext.Provider value={ctx}>
        {modeHeader}
        <main id="main" class="page" data-testid="kiosk">
          {kioskElsewhere ? (
            <p class="notice" data-testid="kiosk-elsewhere">
              {t('kioskElsewhere')}
            </p>
          ) : route.name === 'kiosk' && route.id === kiosk.sessionId ? <Lazy key={`kiosk:${route.id}:${route.section}`} load={() => import('./respondent/KioskRunner').then((m) => m.KioskRunner)} props={{ sessionId: route.id, section: route.section }} /> : null}
        </main>
      </AppContext.Provider>
    );
  }

  if (respondentLink !== null && route.name !== 'link') {
    // A tab in respondent mode shows nothing of the device's own screens (see RESPONDENT_TAB_KEY).
    return (
      <AppContext.Provider value={ctx}>
        {modeHeader}
        <main id="main" class="page respondent" data-testid="respondent-tab">
          <div class="stack narrow">
            <h1>{t('respondentTabTitle')}</h1>
            <p>{t('respondentTabHint')}</p>
            <div class="row">
              <a class="btn primary" href={respondentLink} data-testid="respondent-tab-return">{t('respondentTabReturn')}</a>
            </div>
          </div>
        </main>
      </AppContext.Provider>
    );
  }

  if (route.name === 'link') {
    // Respondent mode: a study link opened on the respondent's own device (docs/links.md).
    return (
      <AppContext.Provider value={ctx}>
        {modeHeader}
        <main id="main" class="page respondent" data-testid="respondent">
          <Lazy key={route.fragment} load={() => import('./respondent/LinkScreen').then((m) => m.LinkScreen)} props={{ fragment: route.fragment }} />
        </main>
      </AppContext.Provider>
    );
  }

  return (
    <AppContext.Provider value={ctx}>
      <a class="skip" href="#main">{t('skipToContent')}</a>
      <header class="topbar">
        <a class="brand" href={href({ name: 'sessions' })} aria-label={`${t('appName')}: ${t('sessions')}`}>
          <Logo />
          <span>{t('appName')}</span>
        </a>
        <nav class="topnav" aria-label={t('appName')}>
          <a href={href({ name: 'sessions' })} aria-current={route.name === 'sessions' ? 'page' : undefined}>{t('sessions')}</a>
          <a href={href({ name: 'import' })} aria-current={route.name === 'import' ? 'page' : undefined} data-testid="nav-import">{t('importNav')}</a>
          <a href={href({ name: 'settings' })} aria-current={route.name === 'settings' ? 'page' : undefined}>{t('settings')}</a>
        </nav>
        {installPrompt && (
          <button class="btn small install" onClick={() => void installPrompt.prompt().finally(() => setInstallPrompt(null))}>
            {t('install')}
          </button>
        )}
        <StorageBadge />
        {lock?.state === 'unlocked' && (
          <button class="btn small" type="button" onClick={() => watch.current?.lockAll('manual')} data-testid="lock-now">
            {t('lockNow')}
          </button>
        )}
        <LangPicker lang={lang} label={t('appLanguage')} onChange={setLang} ready={firstFrameShown} testid="app-lang" />
      </header>
      {dbNotice && (
        <div class="banner warn" role="alert">
          {dbNotice === 'elsewhere' ? t('dbUpgradeElsewhere') : t('dbBlocked')}{' '}
          {dbNotice === 'elsewhere' && <button class="btn small" onClick={() => location.reload()}>{t('reload')}</button>}
        </div>
      )}
      <UpdateBanner update={update} draftOpen={draftOpen} />
      <main id="main" class="page">
        {(route.name === 'sessions' || route.name === 'kiosk') && <Lazy key="sessions" load={() => import('./interviewer/SessionsList').then((m) => m.SessionsList)} props={{}} />}
        {route.name === 'new' && <Lazy key={`new:${route.studyId}@${route.studyVersion}`} load={() => import('./interviewer/NewSession').then((m) => m.NewSession)} props={{ studyId: route.studyId, studyVersion: route.studyVersion }} />}
        {route.name === 'session' && <Runner key={route.id} sessionId={route.id} section={route.section} {...(route.item ? { item: route.item } : {})} />}
        {route.name === 'settings' && <Lazy key="settings" load={() => import('./Settings').then((m) => m.Settings)} props={{}} />}
        {route.name === 'open-form' && <Lazy key="open-form" load={() => import('./researcher/OpenForm').then((m) => m.OpenForm)} props={{}} />}
        {route.name === 'data' && (
          <Lazy key={`data:${route.studyId}@${route.studyVersion}`} load={() => import('./transfer/StudyData').then((m) => m.StudyData)} props={{ studyId: route.studyId, studyVersion: route.studyVersion }} />
        )}
        {route.name === 'import' && <Lazy key="import" load={() => import('./transfer/ImportData').then((m) => m.ImportData)} props={{}} />}
        {route.name === 'conflicts' && <Lazy key="conflicts" load={() => import('./transfer/Conflicts').then((m) => m.Conflicts)} props={{}} />}
        {route.name === 'scan' && <Lazy key="scan" load={() => import('./scan/ScanStudy').then((m) => m.ScanStudy)} props={{}} />}
        {route.name === 'share' && (
          <Lazy key={`share:${route.studyId}@${route.studyVersion}`} load={() => import('./share/ShareStudy').then((m) => m.ShareStudy)} props={{ studyId: route.studyId, studyVersion: route.studyVersion }} />
        )}
        {route.name === 'transcribe' && <Lazy key={`transcribe:${route.responseId}`} load={() => import('./researcher/Transcribe').then((m) => m.Transcribe)} props={{ studyId: route.studyId, studyVersion: route.studyVersion, responseId: route.responseId }} />}
        {route.name === 'coding' && <Lazy key={`coding:${route.studyId}@${route.studyVersion}`} load={() => import('./researcher/Coding').then((m) => m.Coding)} props={{ studyId: route.studyId, studyVersion: route.studyVersion }} />}
        {route.name === 'results' && <ResultsRoute key={`${route.studyId}@${route.studyVersion}`} studyId={route.studyId} studyVersion={route.studyVersion} />}
      </main>
    </AppContext.Provider>
  );
}
