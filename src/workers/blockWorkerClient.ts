import type { EventBytes, ReplayBlockWriter } from '../es';
import type { BlockReply, BlockRequest } from './blockProtocol';
import { workerRequests } from './workerRequests';

/**
 * A replay-block writer backed by a worker, started on first use; null where there are no
 * workers (the log then reads rows itself). A worker that fails rejects what waits on it and
 * every later request, so the log falls back to its own reads.
 */
export function replayBlockWorker(dbName: string): { write: ReplayBlockWriter; close(): void } | null {
  if (typeof Worker === 'undefined') return null;
  const requests = workerRequests<Omit<BlockRequest, 'id'>, BlockReply, EventBytes | null>(
    () => new Worker(new URL('./blockWorker.ts', import.meta.url), { type: 'module', name: 'replay-blocks' }),
    'replay block worker',
    (reply) => reply.block,
  );
  return {
    write: (size, index) => requests.ask({ dbName, size, index }),
    close: () => requests.close('The log was closed.'),
  };
}
