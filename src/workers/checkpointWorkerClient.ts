import { applyShopChanges, type ShopChanges, type ShopState } from '../domain';
import { nextTurn, type CheckpointFeed } from '../timeline';
import type { CheckpointMade, CheckpointReply, CheckpointRequest } from './checkpointProtocol';
import { fromJsonBytes } from './jsonBytes';

/**
 * The timeline's checkpoints folded in a worker, started on first use; null where there are no
 * workers (the timeline then folds on the page). Each interval's changes are applied to the
 * page's previous checkpoint, so the page allocates only what the new checkpoint keeps. A worker
 * that fails rejects what waits on it and every later request; the timeline then folds itself.
 */
export function checkpointWorker(dbName: string, blockSize: number): { feed: CheckpointFeed<ShopState>; close(): void } | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker | null = null;
  let failed: Error | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (made: CheckpointMade | null) => void; reject: (error: Error) => void }>();

  const fail = (error: Error) => {
    failed = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    worker?.terminate();
  };

  const started = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./checkpointWorker.ts', import.meta.url), { type: 'module', name: 'checkpoints' });
    worker.onmessage = ({ data }: MessageEvent<CheckpointReply>) => {
      const w = waiting.get(data.id);
      waiting.delete(data.id);
      if ('error' in data) w?.reject(new Error(data.error));
      else w?.resolve(data.made);
    };
    worker.onerror = (event) => fail(new Error(`The checkpoint worker stopped: ${event.message || 'worker error'}.`));
    return worker;
  };

  const made = (from: number, to: number) =>
    new Promise<CheckpointMade | null>((resolve, reject) => {
      if (failed) return reject(failed);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      const request: CheckpointRequest = { id, dbName, from, to, blockSize };
      started().postMessage(request);
    });

  // Between builds the worker would only hold a copy of the state (47 MB at a million events):
  // it is let go, and the next long build starts a new one, which folds its way to where it is asked.
  const release = () => {
    for (const w of waiting.values()) w.reject(new Error('The checkpoint worker was released.'));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };

  return { feed: feedOf(made, release), close: () => fail(new Error('The timeline was closed.')) };
}

/** A feed whose intervals come from `made` (the worker's answers), applied to the page's checkpoints. */
export function feedOf(
  made: (from: number, to: number) => Promise<CheckpointMade | null>,
  release: () => void = () => undefined,
): CheckpointFeed<ShopState> {
  return {
    release,
    async next(previous, from, to) {
      const result = await made(from, to);
      if (!result) return null;
      let state = previous;
      for (const [i, part] of result.parts.entries()) {
        if (i > 0) await nextTurn();
        state = applyShopChanges(state, fromJsonBytes<ShopChanges>(part));
      }
      return { state, marks: result.marks };
    },
  };
}
