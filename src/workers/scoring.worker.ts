/**
 * Web Worker entry: scores a study off the main thread, so the results screen stays responsive with
 * thousands of responses. Receives a `ScoreMessage`, answers a `ScoreReply` (never throws across).
 */
import { scoreForResults, type ScoreMessage, type ScoreReply } from './score';

/** The dedicated worker scope, typed narrowly (the project's lib is the DOM one). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (e: MessageEvent<ScoreMessage>) => void): void;
  postMessage(message: ScoreReply): void;
};

scope.addEventListener('message', (e) => {
  const { id } = e.data;
  try {
    scope.postMessage({ id, ok: true, result: scoreForResults(e.data) });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
