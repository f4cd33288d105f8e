/**
 * Web Worker entry: scores a study off the main thread, so the results screen stays responsive with
 * thousands of responses. Exposed through comlink (src/app/worker-client.ts).
 */
import { expose } from 'comlink';
import { scoreForResults, type ResultsScore, type ScoreRequest } from './score';

const api = {
  score: (request: ScoreRequest): ResultsScore => scoreForResults(request),
};

export type ScoringApi = typeof api;

expose(api);
