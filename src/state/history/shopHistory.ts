import type { ChainVerdict, EventLog, StoredEvent } from '../../es';
import type { HistoryFileHeader, HistorySink } from '../../workers';

export type { HistoryFileHeader, HistorySink };
import { customerTag, type ShopState } from '../../domain';
import { causationTree, diff, type Change, type CheckpointIndex, type CommandNode, type FieldChange, type Path } from '../../timeline';
import { matchingPositions, type EventFilter } from './eventQuery';
import type { StreamSources } from './streamQuery';
import { fieldChanges } from './fieldChanges';

/** A page of the audit log: newest first, before a position, optionally of one type or customer. */
export interface AuditQuery {
  limit: number;
  /** Only events at positions up to this one (the cursor, or the present). */
  upTo: number;
  type?: string;
  customerId?: string;
}

/** What the UI may ask of the shop's history; it never reads the log or folds events itself. */
export interface ShopHistory {
  /** The events at positions from … to (inclusive), in log order: a page of the event list. */
  eventsBetween(from: number, to: number): Promise<StoredEvent[]>;
  /** The events at these positions, in log order: a page of a filtered event list. */
  eventsAtPositions(positions: readonly number[]): Promise<StoredEvent[]>;
  /**
   * Positions of the events up to `upTo` that match the filter, ascending; stops early once
   * cancelled. `streams`: what the filter's Stream box stands for (resolveStreamQuery).
   */
  matchingPositions(filter: EventFilter, upTo: number, signal: { cancelled: boolean }, streams?: StreamSources | null): Promise<number[]>;
  /** The events at two positions, to time real-time play (undefined where there is none). */
  eventsAt(a: number, b: number): Promise<[StoredEvent | undefined, StoredEvent | undefined]>;
  /** The tree of commands behind an event's chain (same correlation): who caused what. */
  causationOf(event: StoredEvent): Promise<CommandNode[]>;
  /** Every event of one correlation (a command and what it caused, or an import), in log order. */
  correlated(correlationId: string): Promise<StoredEvent[]>;
  /** Which events changed the value at `path` of the shop (collection, id, field …), and how. */
  fieldHistory(path: Path): Promise<FieldChange[]>;
  /** What differs between the states after two positions. */
  changesBetween(a: number, b: number): Promise<Change[]>;
  /** The shop after two positions, for views that word the difference (and name what was removed). */
  shopsAt(a: number, b: number): Promise<[ShopState, ShopState]>;
  /** A page of the audit log. */
  auditRows(query: AuditQuery): Promise<StoredEvent[]>;
  /** Checks every event's hash, in a worker where there is one: intact, or where it first breaks. */
  verifyChain(onProgress?: (checked: number, total: number) => void): Promise<ChainVerdict>;
  /** Writes the whole log as a history file (NDJSON, README "History files") into `sink`; resolves with its header. */
  exportFile(sink: HistorySink, onProgress?: (written: number, total: number) => void): Promise<HistoryFileHeader>;
}

export function createShopHistory(log: EventLog, checkpoints: CheckpointIndex<ShopState>): ShopHistory {
  return {
    eventsBetween: (from, to) => log.readRange(from, to),
    eventsAtPositions: (positions) => log.readPositions(positions),
    matchingPositions: (filter, upTo, signal, streams) => matchingPositions(log, filter, upTo, signal, streams),
    async eventsAt(a, b) {
      const events = await log.readRange(Math.min(a, b), Math.max(a, b));
      return [events.find((e) => e.seq === a), events.find((e) => e.seq === b)];
    },
    causationOf: async (event) => causationTree(await log.readCorrelated(event.meta.correlationId)),
    correlated: (correlationId) => log.readCorrelated(correlationId),
    fieldHistory: (path) => fieldChanges(log, checkpoints, path),
    async changesBetween(a, b) {
      const [before, after] = await Promise.all([checkpoints.stateAt(a), checkpoints.stateAt(b)]);
      return diff(before, after);
    },
    shopsAt: (a, b) => Promise.all([checkpoints.stateAt(a), checkpoints.stateAt(b)]),
    auditRows: ({ limit, upTo, type, customerId }) =>
      log.readNewest({ limit, beforeSeq: upTo + 1, type: type || undefined, tag: customerId ? customerTag(customerId) : undefined }),
    async verifyChain(onProgress) {
      const { verifyInWorker } = await import('../../workers/onDemand');
      const [start, upTo] = await Promise.all([log.chainStart(), log.lastPosition()]);
      return verifyInWorker(log.name, start, upTo, onProgress) ?? log.verifyChain({ onProgress });
    },
    async exportFile(sink, onProgress) {
      const { exportHistory } = await import('../../workers/onDemand');
      return exportHistory(log.name, sink, onProgress);
    },
  };
}
