import { openShopLog } from '../shopLog';
import type { VerifyReply, VerifyRequest } from './verifyProtocol';

/**
 * Checks the whole hash chain on a connection of its own, so that a million rows are read and
 * hashed without ever reaching the page's heap or holding its thread.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(message: VerifyReply): void;
};

scope.onmessage = ({ data: { dbName, after, upTo } }) => {
  const log = openShopLog(dbName);
  log
    .verifyPart(after, upTo, { onProgress: (checked, total) => scope.postMessage({ type: 'progress', checked, total }) })
    .then(
      (verdict) => scope.postMessage({ type: 'done', verdict }),
      (error: unknown) => scope.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => log.close());
};
