import { EventLogDb } from '../../../src/es/eventLogDb';

/**
 * The cold-start baseline: a page that loads, reads the newest snapshot and the events after it
 * with Dexie, and stops — no deserialising, no folding, no UI. Timed like the app, from navigation.
 */
async function readSnapshotAndTail() {
  const db = new EventLogDb('rewind');
  const snapshot = await db.snapshots.orderBy('position').last();
  const position = snapshot?.position ?? 0;
  const tail = await db.events.where(':id').above(position).toArray();
  db.close();
  const at = performance.now();
  window.rawStart = { at, snapshotPosition: position, tailEvents: tail.length };
}

void readSnapshotAndTail();
