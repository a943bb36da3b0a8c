import { EventLogDb } from '../../../src/es/eventLogDb';

/**
 * The cold-start baseline: a page that loads, reads the newest snapshot (its header and all its
 * records — base chunks and the rows on top — or an old whole-state snapshot) and the events after it with Dexie, and stops — no
 * decoding into the read model, no folding, no UI. Timed like the app, from navigation start.
 */
async function readSnapshotAndTail() {
  const db = new EventLogDb('rewind');
  const header = (await db.snapshotHeader.get('current')) ?? (await db.snapshotHeader.get('layered'));
  let position = 0;
  let rows = 0;
  if (header) {
    position = header.position;
    rows = (await db.snapshotRows.toArray()).length;
  } else {
    const whole = await db.snapshots.orderBy('position').last();
    position = whole?.position ?? 0;
    rows = whole ? 1 : 0;
  }
  const tail = await db.events.where(':id').above(position).toArray();
  db.close();
  const at = performance.now();
  window.rawStart = { at, snapshotPosition: position, snapshotRows: rows, tailEvents: tail.length };
}

void readSnapshotAndTail();
