import type { EventBytes, ReplayBlockWriter } from '../es';
import type { BlockReply, BlockRequest } from './blockProtocol';

interface Waiting {
  resolve: (block: EventBytes | null) => void;
  reject: (error: Error) => void;
}

/**
 * A replay-block writer backed by a worker, started on first use; null where there are no
 * workers (the log then reads rows itself). A worker that fails rejects what waits on it and
 * every later request, so the log falls back to its own reads.
 */
export function replayBlockWorker(dbName: string): { write: ReplayBlockWriter; close(): void } | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker | null = null;
  let failed: Error | null = null;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();

  const fail = (error: Error) => {
    failed = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    worker?.terminate();
  };

  const started = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./blockWorker.ts', import.meta.url), { type: 'module', name: 'replay-blocks' });
    worker.onmessage = ({ data }: MessageEvent<BlockReply>) => {
      const w = waiting.get(data.id);
      waiting.delete(data.id);
      if ('error' in data) w?.reject(new Error(data.error));
      else w?.resolve(data.block);
    };
    worker.onerror = (event) => fail(new Error(`The replay block worker stopped: ${event.message || 'worker error'}.`));
    return worker;
  };

  return {
    write: (size, index) =>
      new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const request: BlockRequest = { id, dbName, size, index };
        started().postMessage(request);
      }),
    close: () => fail(new Error('The log was closed.')),
  };
}
