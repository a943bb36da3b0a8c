import Dexie from 'dexie';

/** EventLogDb's schema steps before v7 (src/es/eventLogDb.ts), as the builds that had them declared them. */
const steps: Array<Record<string, string | null>> = [
  { events: 'seq, &id, &[streamId+version], type, at, *tags', snapshots: 'position' },
  { events: 'seq, &id, &[streamId+version], type, at, *tags, meta.correlationId' },
  { snapshotHeader: 'id', snapshotRows: 'key' },
  { replayBlocks: '[size+index]' },
  { replayBlocks: null, replayParts: '[size+index]' },
  { logInfo: 'key' },
];

/** A database `name` as a build whose schema ended at `version` opened it, to leave rows as that build did. */
export function databaseOfSchema(name: string, version: number): Dexie {
  const db = new Dexie(name);
  steps.slice(0, version).forEach((stores, i) => db.version(i + 1).stores(stores));
  return db;
}
