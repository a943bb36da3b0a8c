import Dexie, { type Table } from 'dexie';
import type { EventBytes } from './blockText';
import type { StoredEvent } from './envelope';
import { GENESIS_HASH, chainHash } from './hashChain';
import type { Compaction, LogOrigin } from './logOrigin';

/** Rows read and rewritten at a time when an upgrade touches every event. */
const UPGRADE_BATCH = 2_000;

/** A persisted read model: a cache of the fold of the log up to `position`. */
export interface SnapshotRecord {
  position: number;
  modelVersion: number;
  savedAt: string;
  streamVersions: Array<[string, number]>;
  data: unknown;
}

/**
 * The header of the current snapshot (one row); its state and stream versions sit in
 * `snapshotRows`, rewritten only where they changed. `writer` says whose rows these are, so a
 * tab only writes a delta on top of rows it wrote itself.
 *
 * The id names the rows' layout: 'layered' is a base and an overlay (see snapshotLayout.ts);
 * 'current' is the earlier layout, one plain row per key. Older versions of the app know only
 * 'current', so they never read a layout they would misread, and they clear every row before
 * writing their own.
 */
export interface SnapshotHeader {
  id: 'current' | 'layered';
  position: number;
  modelVersion: number;
  savedAt: string;
  writer: string;
  /** Layered only: rows in the base, and rows written on top since (an upper bound). */
  baseRows?: number;
  overlayRows?: number;
  /** The hash of the event at `position`, so that a start from this snapshot notices that event changed. */
  headHash?: string;
}

export interface SnapshotRow {
  key: string;
  value: unknown;
}

/**
 * The replay parts (see `ReplayEvent`) of `size` consecutive rows of the log from position
 * index × size + 1, as blockText.ts describes. (Version 5 stored a string here; such a
 * block reads as missing and is written again.)
 */
export interface ReplayBlock extends EventBytes {
  size: number;
  index: number;
}

/**
 * Where the log starts once its beginning was archived (README, "Archive and compact"), as three
 * rows: 'anchor' (small, read by every append that finds a stream or the log empty), 'versions'
 * (each stream's version there) and 'state' (the read model there, serialized). Each earlier
 * origin (the log was archived again after it) is kept whole in an 'earlier:<position>' row, so
 * the archive between it and the next one can be put back (EventLog.restoreArchive).
 */
export type OriginRow =
  | ({ key: 'anchor' } & LogOrigin)
  | { key: 'versions'; streamVersions: Array<[string, number]> }
  | { key: 'state'; modelVersion: number; data: unknown }
  | ({ key: EarlierOriginKey } & Compaction);

export type EarlierOriginKey = `earlier:${number}`;

export const earlierOriginKey = (position: number): EarlierOriginKey => `earlier:${position}`;

/** Facts about the log itself, one row per key: 'identity' names this database for its lifetime. */
export interface LogInfoRow {
  key: string;
  value: string;
}

/**
 * How Chromium commits a write: 'relaxed' reports success once the operating system has the data,
 * 'strict' once it is flushed to disk (see docs/decisions/010-durability-and-damage.md).
 */
export type Durability = 'default' | 'relaxed' | 'strict';

/**
 * The IndexedDB schema. Schema steps only ever add: a new version() call per change, each with an
 * upgrade that leaves old rows readable (see docs/decisions/002-schema-changes.md).
 */
export class EventLogDb extends Dexie {
  /** The last version() below: a database on disk with a higher one was upgraded by a newer build. */
  static readonly schemaVersion = 8;

  events!: Table<StoredEvent, number>;
  snapshots!: Table<SnapshotRecord, number>;
  snapshotHeader!: Table<SnapshotHeader, string>;
  snapshotRows!: Table<SnapshotRow, string>;
  replayParts!: Table<ReplayBlock, [number, number]>;
  logInfo!: Table<LogInfoRow, string>;
  origin!: Table<OriginRow, OriginRow['key']>;

  constructor(name: string, durability: Durability = 'default') {
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores({
      // seq is assigned by append() inside its transaction, so it is gap-free (no auto-increment).
      events: 'seq, &id, &[streamId+version], type, at, *tags',
      snapshots: 'position',
    });
    // v2 only adds an index (Dexie builds it from the existing rows): find a command's whole chain.
    this.version(2).stores({
      events: 'seq, &id, &[streamId+version], type, at, *tags, meta.correlationId',
    });
    // v3 adds incremental snapshots (a header and keyed rows); v1's whole-state snapshots stay
    // readable as a fallback and are cleared when a new snapshot is written.
    this.version(3).stores({
      snapshotHeader: 'id',
      snapshotRows: 'key',
    });
    // v4 adds a derived cache of the log in blocks, for fast reads of a whole interval.
    this.version(4).stores({
      replayBlocks: '[size+index]',
    });
    // v5 keeps only each event's replay part in the blocks: a new table, since the old one's
    // blocks hold whole rows (it is a cache, so dropping it loses nothing).
    this.version(5).stores({
      replayBlocks: null,
      replayParts: '[size+index]',
    });
    // v6 adds the log's identity, so a database replaced behind the app's back is told apart.
    this.version(6).stores({
      logInfo: 'key',
    });
    // v7 chains every event to the one before it (hashChain.ts): the rows written before it are
    // chained here, once, in log order.
    this.version(7)
      .stores({})
      .upgrade(async (tx) => {
        const events = tx.table<StoredEvent, number>('events');
        let previous = GENESIS_HASH;
        for (let after = 0; ;) {
          const batch = await events.where(':id').above(after).limit(UPGRADE_BATCH).toArray();
          if (batch.length === 0) return;
          await events.bulkPut(
            batch.map((event) => {
              previous = chainHash(previous, event);
              return { ...event, hash: previous };
            }),
          );
          after = batch[batch.length - 1]!.seq;
        }
      });
    // v8 lets the log start after an archived beginning (logOrigin.ts): absent until one is archived.
    this.version(EventLogDb.schemaVersion).stores({
      origin: 'key',
    });
  }
}
