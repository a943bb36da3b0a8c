import { afterEach, describe, expect, it } from 'vitest';
import { sampleShopCommands } from '../../../src/domain';
import { EventLog, HistoryReplacedError } from '../../../src/es';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { HistoryPieces } from '../../../src/workers/historyPieces';
import { importOnPage } from '../../support/historyFileOnPage';
import { freshLog, shopEngine, steppingClock } from '../../support/harness';

const started: ShopRuntime[] = [];
const logs: EventLog[] = [];
afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
  logs.splice(0).forEach((log) => log.close());
});

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

async function open(dbName: string, recordStorage: Pick<Storage, 'getItem' | 'setItem'> | null): Promise<ShopRuntime> {
  const runtime = createShopRuntime({ dbName, recordStorage, snapshots: { every: 1_000_000, idleMs: 60_000 }, clock: steppingClock() });
  started.push(runtime);
  await runtime.start();
  return runtime;
}

/** Another shop's history (the sample shop and one cart line), as a history file. */
async function otherShopFile(): Promise<Blob> {
  const engine = shopEngine();
  logs.push(engine.log);
  await engine.start();
  for (const command of sampleShopCommands()) await engine.dispatch(command);
  await engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
  await engine.stop();
  const pieces = await HistoryPieces.open(engine.log.name, '2026-12-01T00:00:00.000Z');
  const parts: Uint8Array[] = [];
  for (let piece = await pieces.next(); ; piece = await pieces.next()) {
    parts.push(piece.bytes);
    if (piece.done) break;
  }
  return new Blob(parts as BlobPart[]);
}

describe('a history replaced in another tab', () => {
  it('refuses, inside the append transaction, a command this tab sends before it hears of it, writing nothing', async () => {
    const storage = memoryStorage();
    const dbName = `replaced-${crypto.randomUUID()}`;
    const importing = await open(dbName, storage);
    for (const command of sampleShopCommands().slice(0, 3)) await importing.dispatch(command);
    const other = await open(dbName, storage);
    expect(other.store.getState().position).toBe(3);
    const file = await otherShopFile();

    // What the history-file worker does for the importing tab: its own connection, over the 3 events.
    const worker = new EventLog(dbName);
    logs.push(worker);
    await importOnPage(worker, file, 3);
    const imported = await worker.readStoredRows(1, Infinity);

    // The importing tab has not announced it yet: the other tab decides on the old history.
    expect(other.store.getState().historyReplaced).toBe(false);
    const refused = await other.dispatch({ type: 'RegisterCustomer', customerId: 'late', name: 'Late' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HistoryReplacedError);
    expect(await worker.readStoredRows(1, Infinity)).toEqual(imported);
    // The same state the message leads to: writes refused, a reload asked for.
    expect(other.store.getState().historyReplaced).toBe(true);
    await expect(other.dispatch({ type: 'RegisterCustomer', customerId: 'later', name: 'Later' })).rejects.toThrow(
      /replaced in another tab/,
    );
    expect(await worker.count()).toBe(imported.length);
  });

  it('keeps a tab that has not heard of it from saving its state as the new history’s snapshot', async () => {
    const log = freshLog();
    logs.push(log);
    const engine = shopEngine(log);
    await engine.start();
    for (const command of sampleShopCommands()) await engine.dispatch(command);
    const worker = new EventLog(log.name);
    logs.push(worker);
    await importOnPage(worker, await otherShopFile(), engine.projection.position);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await engine.snapshots.save(engine.projection);
    } finally {
      console.warn = warn;
    }
    expect(await log.db.snapshotHeader.count()).toBe(0);
    await expect(engine.dispatch({ type: 'RegisterCustomer', customerId: 'late', name: 'Late' })).rejects.toThrow(/replaced/);
    await engine.stop();
  });

  it('is told apart from another tab only naming a log on its first start, and from this tab’s own start over', async () => {
    const log = freshLog();
    logs.push(log);
    const engine = shopEngine(log);
    await engine.start();
    expect(log.pinnedHistory).toBeNull();
    // Another tab's first start gives the log an identity: the same history, so writing goes on.
    const elsewhere = new EventLog(log.name);
    logs.push(elsewhere);
    await elsewhere.ensureIdentity();
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    // This tab starting over gives the history a new identity, and goes on writing to it.
    await log.startAnew(null);
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'bob', name: 'Bob' });
    // Another tab starting over is a new history.
    await elsewhere.startAnew(null);
    await expect(engine.dispatch({ type: 'RegisterCustomer', customerId: 'cy', name: 'Cy' })).rejects.toBeInstanceOf(HistoryReplacedError);
    expect(await log.count()).toBe(2);
    await engine.stop();
  });

  it('refuses a command on a log with no identity yet once another tab replaced its history', async () => {
    const log = freshLog();
    logs.push(log);
    const engine = shopEngine(log);
    await engine.start();
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    const worker = new EventLog(log.name);
    logs.push(worker);
    await importOnPage(worker, await otherShopFile(), 1);
    const count = await log.count();
    await expect(engine.dispatch({ type: 'RegisterCustomer', customerId: 'bob', name: 'Bob' })).rejects.toBeInstanceOf(
      HistoryReplacedError,
    );
    expect(await log.count()).toBe(count);
    await engine.stop();
  });
});
