/**
 * The runner's state: the session, its answers, the save status of each, the lock that keeps a
 * second tab from editing, and the form state (relevance, issues, progress) computed by the core.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AnswerSaver, type SaveStatus } from '../../app/answer-saver';
import { localToday } from '../../app/ids';
import type { SessionRecord, StudyRecord } from '../../app/model';
import { browserKeyValue, clearResumeHint, writeResumeHint } from '../../app/resume-hint';
import { tryLockSession, waitForSessionLock, type HeldLock } from '../../app/session-lock';
import { compileInstrument, computeFormState } from '../../core/responses/form-state';
import type { Answer, AnswerValue } from '../../core/responses/types';
import { useApp } from '../context';

export interface RunnerState {
  loading: boolean;
  missing: boolean;
  session: SessionRecord | null;
  study: StudyRecord | null;
  answers: Map<string, Answer>;
  statuses: Map<string, { status: SaveStatus; error?: string }>;
  /** Another tab edits this session. */
  locked: boolean;
  setAnswer(item: string, patch: Partial<Omit<Answer, 'item' | 'at'>>, opts: { debounce: boolean }): void;
  flush(): Promise<void>;
  setSession(s: SessionRecord): void;
}

/**
 * `resumeHint`: this runner keeps the draft's resume hint (../../app/resume-hint.ts) and may be drawn
 * from it before the database is open (the interviewer's runner; not kiosk or respondent modes).
 */
export function useRunner(sessionId: string, opts: { resumeHint?: boolean } = {}): RunnerState {
  const { app, setDraftOpen, registerFlush, takePrefetched, takeEarly } = useApp();
  // The app changes once, from the stand-in drawn early to the real one: calls go to the newest.
  const appRef = useRef(app);
  appRef.current = app;
  // Drawn from the resume hint (the database read follows), or from the data read during start-up.
  const [early] = useState(() => (opts.resumeHint ? takeEarly(sessionId) : null));
  const [pre] = useState(() => (early ? null : takePrefetched(sessionId)));
  const first = early ? early.hint : pre?.opened;
  const [loading, setLoading] = useState(!first);
  const [session, setSession] = useState<SessionRecord | null>(first?.session ?? null);
  const [study, setStudy] = useState<StudyRecord | null>(first?.study ?? null);
  const [answers, setAnswers] = useState<Map<string, Answer>>(first?.answers ?? new Map());
  const [statuses, setStatuses] = useState<RunnerState['statuses']>(new Map());
  const [locked, setLocked] = useState(pre ? pre.lock === null : false);
  const answersRef = useRef(answers);
  answersRef.current = answers;
  // Items answered on this screen: when the database's answers arrive, these keep what was given.
  const touched = useRef(new Set<string>());
  // What the database holds for this session, as far as this runner knows: the resume hint's content.
  const durable = useRef<{ session: SessionRecord; study: StudyRecord; answers: Map<string, Answer> } | null>(null);
  const remember = () => {
    if (opts.resumeHint && durable.current) writeResumeHint(browserKeyValue(), durable.current);
  };

  const saver = useMemo(
    () =>
      new AnswerSaver({
        write: async (a) => {
          const stored = await appRef.current.saveAnswer(sessionId, a);
          if (durable.current) {
            durable.current.answers.set(a.item, a);
            remember();
          }
          return stored;
        },
        onStatus: (item, status, error) =>
          setStatuses((prev) => {
            const next = new Map(prev);
            next.set(item, error ? { status, error } : { status });
            return next;
          }),
      }),
    [sessionId],
  );

  useEffect(() => {
    let lock: HeldLock | null = null;
    const abort = new AbortController();
    let alive = true;
    void (async () => {
      if (early) {
        // Drawn from the hint and editable at once; if another tab turns out to hold the session,
        // what was answered meanwhile is still written, and the screen turns read-only.
        lock = await early.lock;
        if (!alive) {
          lock?.release();
          return;
        }
        if (!lock) setLocked(true);
      }
      const [opened, held] = early
        ? [(await early.prefetch)?.opened ?? null, lock]
        : pre
          ? [pre.opened, pre.lock]
          : await Promise.all([appRef.current.openSession(sessionId), tryLockSession(sessionId)]);
      lock = held;
      if (!alive || !opened) {
        lock?.release();
        lock = null;
        if (alive) {
          if (early) clearResumeHint(browserKeyValue(), sessionId);
          setSession(null);
          setLoading(false);
        }
        return;
      }
      // The database is the truth; what was answered here meanwhile is newer and is being written.
      const fromDb = new Map(opened.answers);
      for (const item of touched.current) {
        const a = answersRef.current.get(item);
        if (a) fromDb.set(item, a);
      }
      answersRef.current = fromDb;
      setLocked(lock === null);
      setSession(opened.session);
      setStudy(opened.study);
      setAnswers(fromDb);
      setLoading(false);
      durable.current = { session: opened.session, study: opened.study, answers: new Map(opened.answers) };
      if (lock) remember();
      if (!lock) {
        // Another tab edits this session: wait until it lets go, then load its answers afresh.
        lock = await waitForSessionLock(sessionId, abort.signal);
        if (!alive || !lock) return;
        const again = await appRef.current.openSession(sessionId);
        if (!alive || !again) return;
        setSession(again.session);
        setAnswers(again.answers);
        setLocked(false);
        durable.current = { session: again.session, study: again.study, answers: new Map(again.answers) };
        remember();
      }
    })();
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saver.flush();
    };
    const onPageHide = () => void saver.flush();
    document.addEventListener('visibilitychange', onHide);
    addEventListener('pagehide', onPageHide);
    const unregister = registerFlush(() => saver.flush());
    return () => {
      alive = false;
      abort.abort();
      document.removeEventListener('visibilitychange', onHide);
      removeEventListener('pagehide', onPageHide);
      unregister();
      void saver.flush().finally(() => lock?.release());
    };
  }, [sessionId, saver]);

  // A session that is no longer a draft (completed) has no hint; one reopened has it again.
  useEffect(() => {
    if (!session || !durable.current || session === durable.current.session) return;
    durable.current = { ...durable.current, session };
    remember();
  }, [session]);

  useEffect(() => {
    setDraftOpen(session?.status === 'draft');
    return () => setDraftOpen(false);
  }, [session?.status]);

  const setAnswer: RunnerState['setAnswer'] = (item, patch, opts) => {
    const prev = answersRef.current.get(item);
    const next: Answer = { item, value: prev?.value ?? null, ...prev, ...patch, at: new Date().toISOString() };
    const map = new Map(answersRef.current);
    map.set(item, next);
    answersRef.current = map;
    touched.current.add(item);
    setAnswers(map);
    saver.set(next, opts);
  };

  return {
    loading,
    missing: !loading && !session,
    session,
    study,
    answers,
    statuses,
    locked,
    setAnswer,
    flush: () => saver.flush(),
    setSession,
  };
}

export function useFormState(study: StudyRecord | null, answers: Map<string, Answer>) {
  const compiled = useMemo(() => (study ? compileInstrument(study.instrument) : null), [study]);
  return useMemo(() => {
    if (!compiled) return null;
    const values: Record<string, AnswerValue> = {};
    for (const [k, a] of answers) values[k] = a.value;
    return computeFormState(compiled, values, localToday());
  }, [compiled, answers]);
}
