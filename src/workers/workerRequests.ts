/** A worker's reply to request `id`: its answer, or why there is none. */
type Failed = { id: number; error: string };

export interface WorkerRequests<Request, Answer> {
  ask(request: Request): Promise<Answer>;
  /** Stops the worker for now; the next request starts a new one. */
  release(): void;
  /** Stops the worker for good: what waits and every later request is rejected with `reason`. */
  close(reason: string): void;
}

/**
 * Requests to a worker started on first use, each answered by one reply carrying the request's
 * id. A worker that fails rejects what waits on it and every later request, so that callers fall
 * back to doing the work themselves.
 */
export function workerRequests<Request extends object, Reply extends { id: number }, Answer>(
  start: () => Worker,
  what: string,
  answerOf: (reply: Exclude<Reply, Failed>) => Answer,
): WorkerRequests<Request, Answer> {
  let worker: Worker | null = null;
  let failed: Error | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();

  const stop = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  const fail = (error: Error) => {
    failed = error;
    stop(error);
  };

  const started = () => {
    if (worker) return worker;
    worker = start();
    worker.onmessage = ({ data }: MessageEvent<Reply | Failed>) => {
      const w = waiting.get(data.id);
      waiting.delete(data.id);
      if ('error' in data) w?.reject(new Error(data.error));
      else w?.resolve(answerOf(data as Exclude<Reply, Failed>));
    };
    worker.onerror = (event) => fail(new Error(`The ${what} stopped: ${event.message || 'worker error'}.`));
    return worker;
  };

  return {
    ask: (request) =>
      new Promise<Answer>((resolve, reject) => {
        if (failed) return reject(failed);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        started().postMessage({ ...request, id });
      }),
    release: () => stop(new Error(`The ${what} was released.`)),
    close: (reason) => fail(new Error(reason)),
  };
}
