/**
 * The results screen's side of `src/workers/scoring.worker.ts` (through comlink: src/app/worker-client.ts):
 * one worker per open results screen; a new request stops the one still running.
 * Only what scoring reads crosses over: each response's answers to the scales' items and the group.
 */
import type { Instrument } from '../core/instrument/types';
import type { ResponseLike } from '../core/scoring';
import type { ResultsScore, ScoreRequest } from '../workers/score';
import type { ScoringApi } from '../workers/scoring.worker';
import { WorkerClient } from './worker-client';

/** The answers scoring reads, and nothing else, so less is copied to the worker. */
export function slimResponses(instrument: Instrument, responses: readonly ResponseLike[], groupBy: string | null): ResponseLike[] {
  const names = new Set(instrument.scales.flatMap((s) => s.items));
  if (groupBy) names.add(groupBy);
  return responses.map((r) => {
    const answers: ResponseLike['answers'] = {};
    for (const name of names) {
      const v = r.answers[name];
      if (v !== undefined && v !== null) (answers as Record<string, unknown>)[name] = v;
    }
    return { id: r.id, answers };
  });
}

/** The results screen's scoring worker; a newer request aborts the one still running. */
export class ScoringWorker {
  private readonly client = new WorkerClient<ScoringApi>(() => new Worker(new URL('../workers/scoring.worker.ts', import.meta.url), { type: 'module' }));
  private running: AbortController | null = null;

  score(request: ScoreRequest): Promise<ResultsScore> {
    this.running?.abort();
    const running = (this.running = new AbortController());
    const slim = { ...request, responses: slimResponses(request.instrument, request.responses, request.groupBy) };
    return this.client.call((api) => api.score(slim), running.signal);
  }

  terminate(): void {
    this.client.stop();
  }
}
