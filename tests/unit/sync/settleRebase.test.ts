import { afterEach, describe, expect, it } from 'vitest';
import { chain, type ChainLink, type EventMeta, type StoredEvent } from '../../../src/es';
import { settleRebase } from '../../../src/sync/rebaseTail';
import { SyncDb, type PendingRecord, type SyncConflict } from '../../../src/sync/syncDb';
import { freshLog } from '../../support/harness';

const meta = (id: string): EventMeta => ({ commandId: id, correlationId: id, causationId: null });
const at = '2026-01-01T00:00:00.000Z';
const opened: SyncDb[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

/** A log of three events, each its own command, all pending in its sync database. */
async function pendingDevice() {
  const log = freshLog();
  for (let i = 0; i < 3; i += 1) await log.append(`s${i}`, 0, [{ type: 'X', payload: i }], meta(`c${i}`), at);
  const db = new SyncDb(log.name);
  opened.push(db);
  const record = (commandId: string): PendingRecord => ({ commandId, input: { type: 'X', n: commandId }, cause: null, at, drawnIds: [] });
  await db.pending.bulkPut(['c1', 'c2'].map(record));
  const link = async (seq: number): Promise<ChainLink> => ({ seq, hash: (await log.storedHashAt(seq))! });
  // The rebase's outcome: upstream's event after 1, then c2 decided again; c1 refused.
  const after = await link(1);
  const tail: StoredEvent[] = chain(after.hash, [
    { seq: 2, id: 'up-1', type: 'Y', streamId: 's1', version: 1, at, schemaVersion: 1, payload: 'upstream', meta: meta('other'), tags: [] },
    { seq: 3, id: 'again-2', type: 'X', streamId: 's2', version: 1, at, schemaVersion: 1, payload: 2, meta: meta('c2'), tags: [] },
  ]);
  const refused: SyncConflict = {
    commandId: 'c1',
    events: [],
    reason: 'No longer applies.',
    input: record('c1').input,
    causedBy: null,
    refusedAt: at,
  };
  const intent = { head: { seq: 3, hash: tail[1]!.hash }, kept: [record('c2')], refused: [refused] };
  await db.settings.put({ key: 'rebase', value: intent });
  return { log, db, after, tail, link };
}

describe('settleRebase (a crash between the log and the sync database)', () => {
  it('records the conflicts and kept commands when the log holds the new tail (the crash came after the replace)', async () => {
    const { log, db, after, tail, link } = await pendingDevice();
    await log.replaceTail(after, await link(3), tail);

    expect(await settleRebase(db, log)).toBe('finished');
    expect((await db.conflicts.toArray()).map((c) => c.commandId)).toEqual(['c1']);
    expect((await db.pending.toArray()).map((r) => r.commandId)).toEqual(['c2']);
    expect(await db.readRebase()).toBeNull();
  });

  it('forgets the rebase and keeps every record when the log still holds the old tail (the crash came before)', async () => {
    const { log, db } = await pendingDevice();
    const before = await log.readRange(1);

    expect(await settleRebase(db, log)).toBe('forgotten');
    expect(await db.conflicts.count()).toBe(0);
    expect((await db.pending.toArray()).map((r) => r.commandId).sort()).toEqual(['c1', 'c2']);
    expect(await db.readRebase()).toBeNull();
    expect(await log.readRange(1)).toEqual(before);
  });

  it('does nothing when no rebase was under way', async () => {
    const { log, db } = await pendingDevice();
    await db.settings.delete('rebase');
    expect(await settleRebase(db, log)).toBe('none');
    expect(await db.pending.count()).toBe(2);
  });
});
