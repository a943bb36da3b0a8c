import { afterEach, describe, expect, it } from 'vitest';
import { sampleShopCommands } from '../../../src/domain';
import { createShopRuntime, lockSentence, WritesRefusedError, type ShopRuntime } from '../../../src/state';
import { EventLogDb } from '../../../src/es/eventLogDb';
import { steppingClock } from '../../support/harness';

const started: ShopRuntime[] = [];

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

async function open(
  dbName: string,
  recordStorage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
  backupStorage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
): Promise<ShopRuntime> {
  const runtime = createShopRuntime({
    dbName,
    recordStorage,
    backupStorage,
    snapshots: { every: 1_000_000, idleMs: 60_000 },
    clock: steppingClock(),
  });
  started.push(runtime);
  await runtime.start();
  return runtime;
}

/** A database holding the sample shop's events, closed again; returns its name. */
async function sampleShopDb(recordStorage: Pick<Storage, 'getItem' | 'setItem'> | null = null): Promise<string> {
  const dbName = `lock-${crypto.randomUUID()}`;
  const runtime = await open(dbName, recordStorage);
  for (const command of sampleShopCommands()) await runtime.dispatch(command);
  await runtime.stop();
  started.splice(started.indexOf(runtime), 1);
  return dbName;
}

async function editRows(dbName: string, edit: (events: ShopRuntime['log']['db']['events']) => Promise<unknown>): Promise<void> {
  const runtime = createShopRuntime({ dbName, recordStorage: null });
  await edit(runtime.log.db.events);
  runtime.log.close();
}

const refusal = (runtime: ShopRuntime) => runtime.dispatch({ type: 'RegisterCustomer', name: 'Late' }).catch((e: unknown) => e);

afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
});

describe('a log this build must not write to', () => {
  it('refuses a database whose IndexedDB version is newer than this build’s schema', async () => {
    const dbName = await sampleShopDb();
    // What a newer build would do: one more schema step, on top of this build's.
    const newer = new EventLogDb(dbName);
    newer.version(EventLogDb.schemaVersion + 1).stores({ giftCards: 'id' });
    await newer.open();
    newer.close();
    const runtime = await open(dbName);
    expect(runtime.store.getState()).toMatchObject({ status: 'failed', writeLock: { reason: 'newer-build' } });
    expect(runtime.store.getState().startError).toBe('This history was written by a newer version of Rewind — reload to update.');
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);
  });

  it('folds up to an event of a newer schema version and refuses writes', async () => {
    const dbName = await sampleShopDb();
    await editRows(dbName, (events) => events.update(3, { schemaVersion: 99 }));
    const runtime = await open(dbName);
    expect(runtime.store.getState()).toMatchObject({ status: 'ready', position: 2, writeLock: { reason: 'newer-build' } });
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);
    expect(await runtime.log.lastPosition()).toBe(8);
  });

  it('skips an event of an unknown type, as before, but becomes read-only', async () => {
    const dbName = await sampleShopDb();
    await editRows(dbName, (events) => events.update(8, { type: 'GiftCardIssued' }));
    const runtime = await open(dbName);
    expect(runtime.store.getState()).toMatchObject({ status: 'ready', position: 8, writeLock: { reason: 'newer-build' } });
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);
  });

  it('opens a log with a missing event up to the gap, naming the position', async () => {
    const dbName = await sampleShopDb();
    await editRows(dbName, (events) => events.delete(4));
    const runtime = await open(dbName);
    expect(runtime.store.getState()).toMatchObject({
      status: 'ready',
      position: 3,
      writeLock: { reason: 'damaged', position: 4, kind: 'missing', shownUpTo: 3 },
    });
    expect(((await refusal(runtime)) as Error).message).toContain('event 4 is missing');
    expect(await runtime.log.count()).toBe(7);
  });

  it('finds a missing event before the snapshot it started from, after start', async () => {
    const dbName = `lock-${crypto.randomUUID()}`;
    const first = await open(dbName);
    for (const command of sampleShopCommands()) await first.dispatch(command);
    await first.engine.snapshots.save(first.engine.projection);
    await first.dispatch({ type: 'RegisterCustomer', name: 'After the snapshot' });
    await first.stop();
    started.splice(started.indexOf(first), 1);
    await editRows(dbName, (events) => events.delete(3));

    const runtime = await open(dbName);
    expect(runtime.store.getState()).toMatchObject({
      status: 'ready',
      position: 9,
      writeLock: { reason: 'damaged', position: 3, kind: 'missing', shownUpTo: 9 },
    });
    expect(runtime.store.getState().writeLock && lockSentence(runtime.store.getState().writeLock!)).toBe(
      'This history is damaged: event 3 is missing. Rewind shows the shop up to event 9 and will not write to it.',
    );
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);
  });

  it('opens a log with an unreadable event up to it', async () => {
    const dbName = await sampleShopDb();
    await editRows(dbName, (events) => events.update(5, { type: 42 as unknown as string }));
    const runtime = await open(dbName);
    expect(runtime.store.getState()).toMatchObject({ position: 4, writeLock: { reason: 'damaged', position: 5, kind: 'unreadable' } });
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);
  });
});

describe('while running', () => {
  it('stops writing once another tab’s newer build writes an event of a newer schema version', async () => {
    const dbName = await sampleShopDb();
    const runtime = await open(dbName);
    const [last] = await runtime.log.readRange(8, 8);
    await runtime.log.db.events.add({ ...last!, seq: 9, id: 'from-a-newer-build', version: last!.version + 1, schemaVersion: 5 });
    await expect(runtime.engine.catchUp()).rejects.toThrow('schema version 5');
    expect(runtime.store.getState()).toMatchObject({ position: 8, writeLock: { reason: 'newer-build' } });
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);
  });
});

describe('a history that vanished', () => {
  it('is noticed against the record kept outside the database, until the user starts over', async () => {
    const storage = memoryStorage();
    const dbName = await sampleShopDb(storage);
    await editRows(dbName, (events) => events.where(':id').above(5).delete());

    const runtime = await open(dbName, storage);
    expect(runtime.store.getState()).toMatchObject({
      status: 'ready',
      position: 5,
      writeLock: { reason: 'lost-events', had: 8, atLeast: false, has: 5, replaced: false },
    });
    expect(await refusal(runtime)).toBeInstanceOf(WritesRefusedError);

    await runtime.startOver();
    expect(runtime.store.getState().writeLock).toBeNull();
    await runtime.dispatch({ type: 'RegisterCustomer', name: 'Late' });
    await runtime.stop();
    started.splice(started.indexOf(runtime), 1);
    const again = await open(dbName, storage);
    expect(again.store.getState()).toMatchObject({ position: 6, writeLock: null });
  });

  it('is not told again when the record the start over wrote was lost in a crash', async () => {
    const storage = memoryStorage();
    const dbName = await sampleShopDb(storage);
    const recordBefore = storage.getItem(`rewind:log-record:${dbName}`);
    await editRows(dbName, (events) => events.where(':id').above(5).delete());
    const runtime = await open(dbName, storage);
    await runtime.startOver();
    await runtime.stop();
    started.splice(started.indexOf(runtime), 1);
    // The browser died before it flushed the renewed record: the old one is back.
    storage.setItem(`rewind:log-record:${dbName}`, recordBefore!);
    const again = await open(dbName, storage);
    expect(again.store.getState()).toMatchObject({ position: 5, writeLock: null });
    await again.dispatch({ type: 'RegisterCustomer', name: 'Late' });
    expect(JSON.parse(storage.getItem(`rewind:log-record:${dbName}`)!)).toMatchObject({ position: 6 });
    expect(JSON.parse(recordBefore!).logId).not.toBe(await again.log.identity());
  });

  it('is told from the backup when the site’s storage went with the database, as at least what was there at the last start', async () => {
    const [local, backup] = [memoryStorage(), memoryStorage()];
    const dbName = `lock-${crypto.randomUUID()}`;
    const first = await open(dbName, local, backup);
    for (const command of sampleShopCommands()) await first.dispatch(command);
    await first.stop();
    started.splice(started.indexOf(first), 1);
    // The backup is written at start: this one records the sample shop's 8 events.
    const second = await open(dbName, local, backup);
    await second.dispatch({ type: 'RegisterCustomer', name: 'Late' });
    await second.stop();
    started.splice(started.indexOf(second), 1);

    await new Promise((resolve) => (indexedDB.deleteDatabase(dbName).onsuccess = resolve));
    const evicted = await open(dbName, memoryStorage(), backup);
    expect(evicted.store.getState()).toMatchObject({ position: 0, writeLock: { reason: 'lost-events', had: 8, atLeast: true, has: 0 } });
    expect(lockSentence(evicted.store.getState().writeLock!)).toMatch(
      /^This browser’s copy of the history had at least 8 events; it now has 0\./,
    );
  });

  it('tells the backup’s count when localStorage kept an older record of the same log (a kill lost its later writes)', async () => {
    const [local, backup] = [memoryStorage(), memoryStorage()];
    const dbName = `lock-${crypto.randomUUID()}`;
    const first = await open(dbName, local, backup);
    for (const command of sampleShopCommands().slice(0, 3)) await first.dispatch(command);
    const stale = local.getItem(`rewind:log-record:${dbName}`)!;
    for (const command of sampleShopCommands().slice(3)) await first.dispatch(command);
    await first.stop();
    started.splice(started.indexOf(first), 1);
    // The next start writes the backup at the log's 8 events; then localStorage goes back to its record of 3.
    const second = await open(dbName, local, backup);
    await second.stop();
    started.splice(started.indexOf(second), 1);
    local.setItem(`rewind:log-record:${dbName}`, stale);

    await new Promise((resolve) => (indexedDB.deleteDatabase(dbName).onsuccess = resolve));
    const evicted = await open(dbName, local, backup);
    expect(evicted.store.getState()).toMatchObject({ writeLock: { reason: 'lost-events', had: 8, atLeast: true, has: 0 } });
  });

  it('does not lock a replaced database when the record had no events', async () => {
    const storage = memoryStorage();
    const dbName = `lock-${crypto.randomUUID()}`;
    await (await open(dbName, storage)).stop();
    started.splice(0);
    await new Promise((resolve) => (indexedDB.deleteDatabase(dbName).onsuccess = resolve));
    const again = await open(dbName, storage);
    expect(again.store.getState()).toMatchObject({ position: 0, writeLock: null });
  });

  it('tells a different database of the same name from the one recorded', async () => {
    const storage = memoryStorage();
    const dbName = await sampleShopDb(storage);
    await new Promise((resolve) => (indexedDB.deleteDatabase(dbName).onsuccess = resolve));
    const runtime = await open(dbName, storage);
    expect(runtime.store.getState()).toMatchObject({ position: 0, writeLock: { reason: 'lost-events', had: 8, has: 0, replaced: true } });
    expect(await runtime.log.identity()).toBeNull();
  });
});

describe('lock sentences', () => {
  it('write counts as the rest of the app does, grouped, with the noun in the right number', () => {
    expect(lockSentence({ reason: 'lost-events', had: 1338, atLeast: false, has: 0, replaced: false })).toMatch(
      /^This browser’s copy of the history had 1,338 events; it now has 0\./,
    );
    expect(lockSentence({ reason: 'lost-events', had: 1, atLeast: true, has: 0, replaced: false })).toMatch(/had at least 1 event;/);
    expect(lockSentence({ reason: 'damaged', position: 12345, kind: 'changed', shownUpTo: 12344 })).toContain(
      'event 12,345 was changed after it was written (it no longer matches its hash). Rewind shows the shop up to event 12,344',
    );
  });
});
