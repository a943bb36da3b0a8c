import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { EventLog, type EventMeta } from '../../../src/es';

const meta: EventMeta = { commandId: 'c1', correlationId: 'c1', causationId: null };
const at = '2026-01-01T00:00:00.000Z';
const uniqueName = () => `version-change-${Math.random().toString(36).slice(2)}`;

/** What a later build of the app would open: the same stores plus one more index. */
function newerBuild(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({ events: 'seq, &id, &[streamId+version], type, at, *tags', snapshots: 'position' });
  db.version(2).stores({ events: 'seq, &id, &[streamId+version], type, at, *tags, streamId' });
  return db;
}

describe('EventLog when another tab upgrades the database', () => {
  it('closes itself so the upgrade goes through, reports it, and refuses to write', async () => {
    const name = uniqueName();
    const onVersionChange = vi.fn();
    const log = new EventLog(name, { onVersionChange });
    await log.append('s', 0, [{ type: 'X', payload: 1 }], meta, at);

    const newer = newerBuild(name);
    await newer.open();

    expect(onVersionChange).toHaveBeenCalledTimes(1);
    // Dexie stores version n as 10n (plus one when it patches a schema difference).
    expect(onVersionChange.mock.calls[0]![0]).toBeGreaterThanOrEqual(20);
    await expect(log.append('s', 1, [{ type: 'X', payload: 2 }], { ...meta, commandId: 'c2' }, at)).rejects.toThrow(
      Dexie.errnames.DatabaseClosed,
    );
    expect(await newer.table('events').count()).toBe(1);
    newer.close();
  });

  it('reports being blocked by an older connection and opens once that one lets go', async () => {
    const name = uniqueName();
    // An old connection that ignores versionchange (as an old build without this handler would).
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 5);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const onBlocked = vi.fn();
    const log = new EventLog(name, { onBlocked });
    const opened = log.lastPosition();

    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled());
    old.close();
    await expect(opened).resolves.toBe(0);
    log.close();
  });
});
