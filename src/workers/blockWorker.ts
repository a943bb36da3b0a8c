import type { EventLog } from '../es';
import { openShopLog } from '../shopLog';
import type { BlockReply, BlockRequest } from './blockProtocol';

/**
 * Makes replay blocks from the log's rows, on its own connection to the database, so that the rows
 * never become objects in the page's heap (why: docs/decisions/003-checkpoints.md).
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<BlockRequest>) => void) | null;
  postMessage(message: BlockReply, transfer?: Transferable[]): void;
};

const logs = new Map<string, EventLog>();

scope.onmessage = ({ data: { id, dbName, size, index } }) => {
  const log = logs.get(dbName) ?? openShopLog(dbName, { onVersionChange: () => logs.delete(dbName) });
  logs.set(dbName, log);
  log.writeReplayBlock(size, index).then(
    (block) => (block ? scope.postMessage({ id, block }, [block.text.buffer, block.ends.buffer]) : scope.postMessage({ id, block: null })),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
