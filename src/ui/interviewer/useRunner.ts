/**
 * The runner's state: the session, its answers, the save status of each, the lock that keeps a
 * second tab from editing, and the form state (relevance, issues, progress) computed by the core.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AnswerSaver, type SaveStatus } from '../../app/answer-saver';
import { useStartGeopoint } from './useStartGeopoint';
import { localNow, localToday } from '../../app/ids';
import type { SessionRecord, StudyRecord } from '../../app/model';
import { browserKeyValue, clearResumeHint, writeResumeHint } from '../../app/resume-hint';
import { tryLockSession, waitForSessionLock } from '../../app/session-lock';
import { loadRunnerSession, type RunnerLoad } from '../../app/runner-load';
import { computeFormState, type CompiledInstrument } from '../../core/responses/form-state';
import { triggeredValues } from '../../core/responses/session-values';
import type { Answer, AnswerValue } from '../../core/responses/types';
import { useApp } from '../context';
import { useCompiled } from '../components/useCompiled';
import { preloadRepeats } from '../components/repeat-load';

export interface RunnerState {
  /** The session is being read, or the expression functions its study calls are being loaded. */
  loading: boolean;
  missing: boolean;
  session: SessionRecord | null;
  study: StudyRecord | null;
  /** The study's instrument compiled with every expression function it calls (null until then). */
  compiled: CompiledInstrument | null;
  answers: Map<string, Answer>;
  /**
   * The answers the form state is computed for. After an answer is given it lags `answers` until
   * the answer is durable and said saved (the write goes first, the recompute follows); `stale` then.
   */
  formAnswers: Map<string, Answer>;
  /** The form state does not include the newest answer yet: nothing drawn from it is final. */
  stale: boolean;
  statuses: Map<string, { status: SaveStatus; error?: string }>;
  /** Another tab edits this session. */
  locked: boolean;
  /** The session could not be read (a database error), in words for the screen. */
  error: string | null;
  /**
   * False while the screen shows the resume hint and IndexedDB has not been read yet: answers can be
   * given, but nothing is said to be saved and nothing else (hand-over, completion) is offered.
   */
  verified: boolean;
  /** Per item, how often its answer was replaced from outside (IndexedDB, another tab): a field's key. */
  versions: Map<string, number>;
  setAnswer(item: string, patch: Partial<Omit<Answer, 'item' | 'at'>>, opts: { debounce: boolean }): void;
  flush(): Promise<void>;
  setSession(s: SessionRecord): void;
}

/** Refused without retrying: this tab does not hold the session. */
class NotThisTabsDraft extends Error {
  readonly final = true;
}

const sameStudyRecord = (a: StudyRecord, b: StudyRecord) =>
  a.id === b.id && a.studyVersion === b.studyVersion && a.addedAt === b.addedAt && JSON.stringify(a.recipients) === JSON.stringify(b.recipients);

const sameAnswer = (a: Answer | undefined, b: Answer | undefined) =>
  JSON.stringify([a?.value ?? null, a?.other ?? null, a?.note ?? null]) === JSON.stringify([b?.value ?? null, b?.other ?? null, b?.note ?? null]);

/**
 * `resumeHint`: this runner keeps the draft's resume hint (../../app/resume-hint.ts) and may be drawn
 * from it before the database is open (the interviewer's runner; not kiosk or respondent modes).
 */
export function useRunner(sessionId: string, opts: { resumeHint?: boolean } = {}): RunnerState {
  const { app, setDraftOpen, registerFlush, takePrefetched, takeEarly, t } = useApp();
  const tRef = useRef(t);
  tRef.current = t;
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
  const [formAnswers, setFormAnswers] = useState<Map<string, Answer>>(answers);
  const [statuses, setStatuses] = useState<RunnerState['statuses']>(new Map());
  const [locked, setLocked] = useState(pre ? pre.lock === null : false);
  const [verified, setVerified] = useState(!early);
  const [error, setError] = useState<string | null>(null);
  const [versions, setVersions] = useState<Map<string, number>>(new Map());
  const answersRef = useRef(answers);
  answersRef.current = answers;
  // Items answered on this screen: when the database's answers arrive, these keep what was given.
  const touched = useRef(new Set<string>());
  // What the database holds for this session, as far as this runner knows: the resume hint's content.
  const durable = useRef<{ session: SessionRecord; study: StudyRecord; answers: Map<string, Answer> } | null>(null);
  const remember = () => {
    if (opts.resumeHint && durable.current) writeResumeHint(browserKeyValue(), durable.current);
  };
  // Drawn early, an answer is written only once this tab is known to hold the session.
  // (Other paths show the screen read-only until this tab holds the session.)
  const holds = useRef<Promise<boolean>>(early ? early.lock.then((l) => l !== null) : Promise.resolve(true));
  const loadRef = useRef<RunnerLoad | null>(null);
  /** Counts the answers given: only the newest schedules the form state's recompute. */
  const recompute = useRef(0);

  /** Shows answers that came from outside; fields whose answer changed are drawn afresh. */
  const replaceAnswers = (next: Map<string, Answer>) => {
    // The very answers shown already (the session read during start-up or the unlock): nothing to
    // draw again, and the form state is not computed a second time.
    const shown = answersRef.current;
    if (next.size === shown.size && [...next].every(([k, a]) => shown.get(k) === a)) return;
    const changed = [...new Set([...answersRef.current.keys(), ...next.keys()])].filter((k) => !sameAnswer(answersRef.current.get(k), next.get(k)));
    answersRef.current = next;
    setAnswers(next);
    setFormAnswers(next);
    if (changed.length > 0)
      setVersions((prev) => {
        const v = new Map(prev);
        for (const k of changed) v.set(k, (v.get(k) ?? 0) + 1);
        return v;
      });
  };

  const saver = useMemo(
    () =>
      new AnswerSaver({
        write: async (a) => {
          if (!(await (loadRef.current ? loadRef.current.holds() : holds.current))) throw new NotThisTabsDraft(tRef.current('lockedElsewhere'));
          const stored = await appRef.current.saveAnswer(sessionId, a);
          if (durable.current) {
            durable.current.answers.set(a.item, a);
            remember();
          }
          return stored;
        },
        isFinal: (e) => e instanceof NotThisTabsDraft,
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
    // The load, lock and resume sequence (../../app/runner-load.ts); this screen only shows its steps.
    const load = loadRunnerSession(
      {
        sessionId,
        start: early ? { kind: 'early', lock: early.lock, prefetch: early.prefetch } : pre ? { kind: 'prefetched', opened: pre.opened, lock: pre.lock } : { kind: 'plain' },
        openSession: (id) => appRef.current.openSession(id),
        tryLock: tryLockSession,
        waitForLock: waitForSessionLock,
      },
      {
        heldElsewhere: () => {
          // Those answers are refused (their fields say so); the database's are shown instead.
          setLocked(true);
          touched.current.clear();
        },
        failed: (message) => {
          setError(message);
          setLoading(false);
        },
        missing: (fromHint) => {
          if (fromHint) clearResumeHint(browserKeyValue(), sessionId);
          setSession(null);
          setLoading(false);
        },
        loaded: (opened, isLocked) => {
          // The database is the truth; what was answered here meanwhile is newer and is being written.
          const fromDb = new Map(opened.answers);
          for (const item of touched.current) {
            const a = answersRef.current.get(item);
            if (a) fromDb.set(item, a);
          }
          replaceAnswers(fromDb);
          setLocked(isLocked);
          setSession(opened.session);
          // A study version's instrument never changes: the hint's copy stays unless the record did,
          // so the instrument is not compiled twice.
          setStudy((shown) => (shown && sameStudyRecord(shown, opened.study) ? shown : opened.study));
          setLoading(false);
          setVerified(true);
          durable.current = { session: opened.session, study: opened.study, answers: new Map(opened.answers) };
          if (!isLocked) remember();
        },
        acquired: (again) => {
          setStatuses(new Map()); // answers refused while locked were replaced by the database's
          setSession(again.session);
          replaceAnswers(again.answers);
          setLocked(false);
          durable.current = { session: again.session, study: again.study, answers: new Map(again.answers) };
          remember();
        },
      },
    );
    holds.current = load.holds();
    loadRef.current = load;
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saver.flush();
    };
    const onPageHide = () => void saver.flush();
    document.addEventListener('visibilitychange', onHide);
    addEventListener('pagehide', onPageHide);
    const unregister = registerFlush(() => saver.flush());
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      removeEventListener('pagehide', onPageHide);
      unregister();
      load.close(saver.flush());
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

  // A study with repeats: their block's code loads now, beside the compile (./components/repeat-load.ts).
  useEffect(() => preloadRepeats(study?.instrument), [study]);

  const prepared = useCompiled(study?.instrument, pre?.compiled);
  // XLSForm's trigger: items recomputed (or cleared) when the answer they watch changes.
  const triggers = study?.instrument.sections.some((s) => s.items.some((i) => i.trigger?.length)) ? prepared.compiled : null;

  const setAnswer: RunnerState['setAnswer'] = (item, patch, opts) => {
    const prev = answersRef.current.get(item);
    const at = new Date().toISOString();
    const next: Answer = { item, value: prev?.value ?? null, ...prev, ...patch, at };
    const map = new Map(answersRef.current);
    map.set(item, next);
    const also: Answer[] = [];
    if (triggers && 'value' in patch) {
      const values: Record<string, AnswerValue> = {};
      for (const [k, a] of map) values[k] = a.value;
      for (const [name, value] of Object.entries(triggeredValues(triggers, values, item, localToday()))) {
        const old = map.get(name);
        const set: Answer = { item: name, ...old, value, at };
        map.set(name, set);
        also.push(set);
      }
    }
    answersRef.current = map;
    touched.current.add(item);
    for (const a of also) touched.current.add(a.item);
    setAnswers(map);
    saver.set(next, opts);
    for (const a of also) saver.set(a, { debounce: false });
    // The form state follows once the write is durable and its "saved" drawn (a task later); a write
    // that hangs (a database that does not answer) holds it back one second at most.
    const round = ++recompute.current;
    void Promise.race([saver.settled(), new Promise((r) => setTimeout(r, 1000))]).then(() =>
      setTimeout(() => {
        if (round === recompute.current) setFormAnswers(answersRef.current);
      }, 0),
    );
    // A triggered value replaces what its field shows.
    if (also.length)
      setVersions((v) => {
        const n = new Map(v);
        for (const a of also) n.set(a.item, (n.get(a.item) ?? 0) + 1);
        return n;
      });
  };

  // Version 3, location: start-geopoint records where the session was opened.
  useStartGeopoint({
    instrument: study?.instrument,
    sessionId,
    ready: verified && !locked && session?.status === 'draft',
    answers,
    record: (item, value) => setAnswer(item, { value }, { debounce: false }),
  });

  return {
    loading: loading || prepared.pending,
    missing: !loading && !session && !error,
    session,
    study,
    compiled: prepared.compiled,
    answers,
    formAnswers,
    stale: formAnswers !== answers,
    statuses,
    locked,
    error: error ?? prepared.error,
    verified,
    versions,
    setAnswer,
    flush: () => saver.flush(),
    setSession,
  };
}

/** The form state of the runner's answers (null until its study is compiled). */
export function useFormState(r: Pick<RunnerState, 'compiled' | 'formAnswers' | 'session'>) {
  const { compiled, formAnswers: answers, session } = r;
  return useMemo(() => {
    if (!compiled) return null;
    const values: Record<string, AnswerValue> = {};
    for (const [k, a] of answers) values[k] = a.value;
    return computeFormState(compiled, values, localToday(), { now: localNow(), ...(session ? { lang: session.lang, seed: session.id } : {}) });
  }, [compiled, answers, session?.id, session?.lang]);
}
