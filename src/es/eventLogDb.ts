import Dexie, { type Table } from 'dexie';
import type { StoredEvent } from './envelope';

/** A persisted read model: a cache of the fold of the log up to `position`. */
export interface SnapshotRecord {
  position: number;
  modelVersion: number;
  savedAt: string;
  streamVersions: Array<[string, number]>;
  data: unknown;
}

/**
 * The IndexedDB schema. Schema steps only ever add: a new version() call per change, each with an
 * upgrade that leaves old rows readable (see docs/decisions/002-schema-changes.md).
 */
export class EventLogDb extends Dexie {
  events!: Table<StoredEvent, number>;
  snapshots!: Table<SnapshotRecord, number>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      // seq is assigned by append() inside its transaction, so it is gap-free (no auto-increment).
      events: 'seq, &id, &[streamId+version], type, at, *tags',
      snapshots: 'position',
    });
  }
}
