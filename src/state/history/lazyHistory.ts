import type { EventLog } from '../../es';
import type { ShopState } from '../../domain';
import type { CheckpointIndex } from '../../timeline';
import type { ShopHistory } from './shopHistory';

/** The history API, its code loaded on the first query: the start-up bundle does without it. */
export function lazyShopHistory(log: EventLog, checkpoints: CheckpointIndex<ShopState>): ShopHistory {
  let loaded: Promise<ShopHistory> | null = null;
  const history = () => (loaded ??= import('./shopHistory').then(({ createShopHistory }) => createShopHistory(log, checkpoints)));
  return {
    eventsBetween: async (from, to) => (await history()).eventsBetween(from, to),
    eventsAtPositions: async (positions) => (await history()).eventsAtPositions(positions),
    matchingPositions: async (filter, upTo, signal, streams) => (await history()).matchingPositions(filter, upTo, signal, streams),
    eventsAt: async (a, b) => (await history()).eventsAt(a, b),
    causationOf: async (event) => (await history()).causationOf(event),
    correlated: async (correlationId) => (await history()).correlated(correlationId),
    fieldHistory: async (path) => (await history()).fieldHistory(path),
    changesBetween: async (a, b) => (await history()).changesBetween(a, b),
    shopsAt: async (a, b) => (await history()).shopsAt(a, b),
    auditRows: async (query) => (await history()).auditRows(query),
    verifyChain: async (onProgress) => (await history()).verifyChain(onProgress),
    exportFile: async (sink, onProgress) => (await history()).exportFile(sink, onProgress),
  };
}
