import type { EventLog } from '../es';
import { openShopLog } from '../shopLog';
import { CheckpointFolder } from './checkpointFolder';
import type { CheckpointReply, CheckpointRequest } from './checkpointProtocol';

/** Folds the timeline's checkpoints off the page (see checkpointFolder.ts), on its own connection. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckpointRequest>) => void) | null;
  postMessage(message: CheckpointReply, transfer?: Transferable[]): void;
};

const folders = new Map<string, CheckpointFolder>();

function folderFor(dbName: string): CheckpointFolder {
  let folder = folders.get(dbName);
  if (!folder) {
    // Missing blocks are written before the interval is answered (not later, best effort as on the
    // page): the worker is terminated once a build has caught up, and would drop a pending write.
    const log: EventLog = openShopLog(dbName, {
      onVersionChange: () => folders.delete(dbName),
      replayBlockWriter: (size, index) => log.writeReplayBlock(size, index),
    });
    folder = new CheckpointFolder(log);
    folders.set(dbName, folder);
  }
  return folder;
}

scope.onmessage = ({ data: { id, dbName, from, to, blockSize } }) => {
  folderFor(dbName)
    .next(from, to, blockSize)
    .then(
      (made) =>
        made
          ? scope.postMessage({ id, made }, [
              made.parts.bytes.buffer,
              made.parts.ends.buffer,
              made.marks.times.buffer,
              made.marks.types.buffer,
            ])
          : scope.postMessage({ id, made: null }),
      (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
};
