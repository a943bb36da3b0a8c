import { ChainChecker, type ChainLink, type StoredEvent } from '../es';
import type { PulledEvent } from './syncClient';
import type { SyncedLog } from './syncedLog';
import { SyncDivergedError, SyncNeedsRebaseError } from './syncErrors';

/**
 * Folds one pulled page into the local log after `confirmed` (the upstream position the log is
 * known to hold) and returns the new confirmed link. Events already in the log at the same
 * position with the same id and hash are this device's own (a push whose answer was lost, or a
 * crash before the confirmed position was saved): they are confirmed, not written again. The rest
 * must chain on from there and are written in one transaction; when the log holds other events
 * of its own there, they must be decided again (a rebase): SyncNeedsRebaseError, nothing written.
 */
export async function fastForward(
  target: SyncedLog,
  confirmed: ChainLink,
  page: readonly PulledEvent[],
  upstreamHead: ChainLink,
): Promise<ChainLink> {
  const { log } = target;
  if (page.length === 0) return confirmed;
  const localHead = await log.lastPosition();
  let link = confirmed;
  let matched = 0;
  if (localHead > confirmed.seq) {
    const local = (await log.readStoredRows(confirmed.seq + 1, Math.min(localHead, confirmed.seq + page.length))) as StoredEvent[];
    while (matched < page.length && matched < local.length) {
      const upstream = page[matched]!.event;
      const mine = local[matched]!;
      if (upstream.seq !== mine.seq || upstream.id !== mine.id || upstream.hash !== mine.hash) break;
      link = { seq: mine.seq, hash: mine.hash };
      matched += 1;
    }
    if (matched < page.length && localHead > link.seq) throw new SyncNeedsRebaseError(upstreamHead, localHead - link.seq);
  }
  const rest = page.slice(matched).map((p) => p.event);
  if (rest.length === 0) return link;
  const chain = new ChainChecker(link);
  for (const event of rest) {
    const broken = chain.check(event);
    if (broken) {
      throw new SyncDivergedError(
        `Upstream event ${broken.at} does not continue the history this device confirmed (${broken.problem}): nothing was written.`,
      );
    }
  }
  // Written as checked rows (ids, positions and hashes kept), continuing the log's head, all or none.
  await log.adoptHistory(rest, { continuing: link });
  const last = rest[rest.length - 1]!;
  await target.adopted(rest);
  return { seq: last.seq, hash: last.hash };
}
