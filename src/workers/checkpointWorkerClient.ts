import { applyShopChanges, type ShopChanges, type ShopState } from '../domain';
import { nextTurn, type CheckpointFeed } from '../timeline';
import type { CheckpointMade, CheckpointReply, CheckpointRequest } from './checkpointProtocol';
import { fromJsonToKeep, jsonTexts } from './jsonBytes';
import { workerRequests } from './workerRequests';

/**
 * The timeline's checkpoints folded in a worker, started on first use; null where there are no
 * workers (the timeline then folds on the page). Each interval's changes are applied to the
 * page's previous checkpoint, so the page allocates only what the new checkpoint keeps. If the
 * worker fails, the timeline folds the rest itself.
 */
export function checkpointWorker(dbName: string, blockSize: number): { feed: CheckpointFeed<ShopState>; close(): void } | null {
  if (typeof Worker === 'undefined') return null;
  const requests = workerRequests<Omit<CheckpointRequest, 'id'>, CheckpointReply, CheckpointMade | null>(
    () => new Worker(new URL('./checkpointWorker.ts', import.meta.url), { type: 'module', name: 'checkpoints' }),
    'checkpoint worker',
    (reply) => reply.made,
  );
  // Between builds the worker would only hold a copy of the state, so it is let go; the next long
  // build starts a new one. Why: see docs/decisions/003-checkpoints.md, "src/workers/checkpointWorkerClient.ts, checkpointWorker".
  return {
    feed: feedOf((from, to) => requests.ask({ dbName, from, to, blockSize }), requests.release),
    close: () => requests.close('The timeline was closed.'),
  };
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
      const texts = jsonTexts(result.parts);
      for (let i = 0; i < texts.length; i += 1) {
        if (i > 0) await nextTurn();
        state = applyShopChanges(state, fromJsonToKeep<ShopChanges>(texts[i]!));
      }
      return { state, marks: result.marks };
    },
  };
}
