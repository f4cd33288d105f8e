/**
 * A Web Worker behind comlink, started on the first call, that can be aborted.
 *
 * comlink turns the worker's exposed object into promise-returning calls. What it does not do is
 * stop a call: a worker runs one task to its end (scrypt for seconds, a large merge). So an abort
 * terminates the worker, rejects every call waiting on it with an AbortError, and the next call
 * starts a fresh worker. Calls that were not aborted are unaffected unless they shared that worker.
 */
import { wrap, type Remote } from 'comlink';

export class WorkerClient<T> {
  private worker: Worker | null = null;
  private remote: Remote<T> | null = null;
  private readonly waiting = new Set<(e: Error) => void>();

  constructor(private readonly make: () => Worker) {}

  /** Runs `fn` against the worker's API; `signal` aborts it (and every call on the same worker). */
  call<R>(fn: (api: Remote<T>) => Promise<R>, signal?: AbortSignal): Promise<R> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (!this.remote) {
      const worker = this.make();
      worker.addEventListener('error', (e) => this.stop(new Error(e.message || 'the worker failed')));
      this.worker = worker;
      this.remote = wrap<T>(worker);
    }
    const remote = this.remote;
    return new Promise<R>((resolve, reject) => {
      const fail = (e: Error) => reject(e);
      this.waiting.add(fail);
      const onAbort = () => this.stop(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      fn(remote).then(resolve, reject).finally(() => {
        this.waiting.delete(fail);
        signal?.removeEventListener('abort', onAbort);
      });
    });
  }

  /** Ends the worker; calls waiting on it are rejected with `reason`. */
  stop(reason: Error = abortError()): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const fail of waiting) fail(reason);
  }
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}
