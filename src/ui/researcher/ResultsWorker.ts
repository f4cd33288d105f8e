/**
 * The results screen's side of `src/workers/scoring.worker.ts`: one worker per open results screen,
 * requests answered by id, so a reply to an outdated request is told apart by the caller.
 * Only what scoring reads crosses over: each response's answers to the scales' items and the group.
 */
import type { Instrument } from '../../core/instrument/types';
import type { ResponseLike } from '../../core/scoring';
import type { ResultsScore, ScoreReply, ScoreRequest } from '../../workers/score';

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

export class ScoringWorker {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: ResultsScore) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker = new Worker(new URL('../../workers/scoring.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (e: MessageEvent<ScoreReply>) => {
      const reply = e.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.message));
    });
    this.worker.addEventListener('error', (e) => this.failAll(new Error(e.message || 'scoring worker failed')));
  }

  score(request: ScoreRequest): Promise<ResultsScore> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request, responses: slimResponses(request.instrument, request.responses, request.groupBy) });
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('terminated'));
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
