/**
 * The results screen's state: the study and its sessions, the filters, the sessions they keep and
 * the scores of those. Few responses are scored on the main thread while rendering (fast, simple);
 * above WORKER_THRESHOLD in a Web Worker, the screen showing the last scores with a busy state.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StudyResponse } from '../../app/dala';
import type { StudyRecord } from '../../app/model';
import type { Instrument } from '../../core/instrument/types';
import { defaultFilters, filterResponses, interviewersOf, scoreForResults, WORKER_THRESHOLD, type ResultsFilters, type ResultsScore } from '../../app/results';
import { useApp } from '../context';
import { ScoringWorker } from '../../app/scoring-client';

export type ScoreOutcome = { ok: true; result: ResultsScore } | { ok: false; error: string };

function attempt(instrument: Instrument, responses: readonly StudyResponse[], groupBy: string | null): ScoreOutcome {
  try {
    return { ok: true, result: scoreForResults({ instrument, responses, groupBy }) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Scores `responses`, on the main thread or in the worker; `busy` while the worker is at it. */
export function useScore(instrument: Instrument | null, responses: StudyResponse[], groupBy: string | null): { outcome: ScoreOutcome | null; busy: boolean } {
  const big = responses.length > WORKER_THRESHOLD;
  const sync = useMemo(() => (instrument && !big ? attempt(instrument, responses, groupBy) : null), [instrument, responses, groupBy, big]);
  const [fromWorker, setFromWorker] = useState<{ responses: StudyResponse[]; groupBy: string | null; outcome: ScoreOutcome } | null>(null);
  const worker = useRef<ScoringWorker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    if (!instrument || !big) return;
    let live = true;
    const done = (outcome: ScoreOutcome) => live && setFromWorker({ responses, groupBy, outcome });
    try {
      worker.current ??= new ScoringWorker();
      worker.current.score({ instrument, responses, groupBy }).then(
        (result) => done({ ok: true, result }),
        // A worker that cannot run (or crashed): score here rather than show nothing. A request
        // replaced by a newer one was aborted: nothing to show for it.
        (e: unknown) => live && !(e instanceof DOMException && e.name === 'AbortError') && done(attempt(instrument, responses, groupBy)),
      );
    } catch {
      done(attempt(instrument, responses, groupBy));
    }
    return () => {
      live = false;
    };
  }, [instrument, responses, groupBy, big]);
  if (!big) return { outcome: sync, busy: false };
  const current = fromWorker !== null && fromWorker.responses === responses && fromWorker.groupBy === groupBy;
  return { outcome: fromWorker?.outcome ?? null, busy: !current };
}

export function useResults(studyId: string, studyVersion: string) {
  const { app } = useApp();
  const [loaded, setLoaded] = useState<{ study: StudyRecord | null; responses: StudyResponse[] } | null>(null);
  const [filters, setFilters] = useState<ResultsFilters | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([app.getStudy(studyId, studyVersion), app.responsesOf(studyId, studyVersion)]).then(([study, responses]) => {
      if (!live) return;
      setLoaded({ study: study ?? null, responses });
      setFilters(defaultFilters(responses));
    });
    return () => {
      live = false;
    };
  }, [app, studyId, studyVersion]);

  const instrument = loaded?.study?.instrument ?? null;
  const all = loaded?.responses ?? [];
  const filtered = useMemo(() => (filters ? filterResponses(all, filters) : []), [all, filters]);
  const interviewers = useMemo(() => interviewersOf(all), [all]);
  const score = useScore(instrument, filtered, filters?.groupBy || null);
  return { loaded, instrument, all, filters, setFilters, filtered, interviewers, score };
}
