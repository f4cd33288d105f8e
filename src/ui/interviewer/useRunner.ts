/**
 * The runner's state: the session, its answers, the save status of each, the lock that keeps a
 * second tab from editing, and the form state (relevance, issues, progress) computed by the core.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AnswerSaver, type SaveStatus } from '../../app/answer-saver';
import { localToday } from '../../app/ids';
import type { SessionRecord, StudyRecord } from '../../app/model';
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
  locked: boolean;
  setAnswer(item: string, patch: Partial<Omit<Answer, 'item' | 'at'>>, opts: { debounce: boolean }): void;
  flush(): Promise<void>;
  setSession(s: SessionRecord): void;
}

export function useRunner(sessionId: string): RunnerState {
  const { app, setDraftOpen, registerFlush, takePrefetched } = useApp();
  // When the page opened on this session, its data was read during start-up: render it at once.
  const [pre] = useState(() => takePrefetched(sessionId));
  const [loading, setLoading] = useState(!pre);
  const [session, setSession] = useState<SessionRecord | null>(pre?.opened?.session ?? null);
  const [study, setStudy] = useState<StudyRecord | null>(pre?.opened?.study ?? null);
  const [answers, setAnswers] = useState<Map<string, Answer>>(pre?.opened?.answers ?? new Map());
  const [statuses, setStatuses] = useState<RunnerState['statuses']>(new Map());
  const [locked, setLocked] = useState(pre ? pre.lock === null : false);
  const answersRef = useRef(answers);
  answersRef.current = answers;

  const saver = useMemo(
    () =>
      new AnswerSaver({
        write: (a) => app.saveAnswer(sessionId, a),
        onStatus: (item, status, error) =>
          setStatuses((prev) => {
            const next = new Map(prev);
            next.set(item, error ? { status, error } : { status });
            return next;
          }),
      }),
    [app, sessionId],
  );

  useEffect(() => {
    let lock: HeldLock | null = null;
    const abort = new AbortController();
    let alive = true;
    void (async () => {
      const [opened, held] = pre ? [pre.opened, pre.lock] : await Promise.all([app.openSession(sessionId), tryLockSession(sessionId)]);
      lock = held;
      if (!alive || !opened) {
        lock?.release();
        lock = null;
        if (alive) setLoading(false);
        return;
      }
      if (!alive) {
        lock?.release();
        return;
      }
      setLocked(lock === null);
      setSession(opened.session);
      setStudy(opened.study);
      setAnswers(opened.answers);
      setLoading(false);
      if (!lock) {
        // Another tab edits this session: wait until it lets go, then load its answers afresh.
        lock = await waitForSessionLock(sessionId, abort.signal);
        if (!alive || !lock) return;
        const again = await app.openSession(sessionId);
        if (!alive || !again) return;
        setSession(again.session);
        setAnswers(again.answers);
        setLocked(false);
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
  }, [app, sessionId, saver]);

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
