import { describe, expect, it } from 'vitest';
import { Engine, EventLog, type ReadModel, type SnapshotPolicy } from '../../../src/es';
import { resolveRows } from '../../../src/es/snapshotLayout';
import { sampleShopCommands, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { canonicalShop } from '../../support/canonical';
import { countingModel } from '../../support/countingModel';

const engineOn = (
  log: EventLog,
  policy: Partial<SnapshotPolicy> = {},
  model: ReadModel<ShopState> = shopReadModel,
): Engine<ShopState, Command> =>
  new Engine({ log, model, decider: shopDecider, snapshots: { every: 1_000_000, idleMs: 60_000, ...policy }, clock: steppingClock() });

const storedKeys = (rows: ReadonlyArray<readonly [string, unknown]>) => rows.map(([key]) => key);

async function startFresh(name: string): Promise<Engine<ShopState, Command>> {
  const engine = engineOn(new EventLog(name));
  await engine.start();
  return engine;
}

/** The sample shop, saved once and stopped. */
async function savedSampleShop(): Promise<Engine<ShopState, Command>> {
  const engine = engineOn(freshLog());
  await engine.start();
  for (const c of sampleShopCommands()) await engine.dispatch(c);
  await engine.snapshots.save(engine.projection);
  await engine.stop();
  return engine;
}

/** What an older version of the app leaves: a 'current' header over plain rows (it clears every row first). */
async function writeAsOlderApp(log: EventLog, position: number, rows: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
  const { db } = log;
  const layered = (await db.snapshotHeader.get('layered'))!;
  await db.transaction('rw', db.snapshotHeader, db.snapshotRows, async () => {
    await db.snapshotRows.clear();
    await db.snapshotRows.bulkPut(rows.map(([key, value]) => ({ key, value })));
    await db.snapshotHeader.put({
      id: 'current',
      position,
      modelVersion: layered.modelVersion,
      savedAt: layered.savedAt,
      writer: 'older app',
    });
  });
}

describe('incremental snapshots', () => {
  it('write only what changed since the last save, and read back the same state', async () => {
    const engine = engineOn(freshLog());
    await engine.start();
    for (const c of sampleShopCommands()) await engine.dispatch(c);
    await engine.snapshots.save(engine.projection);
    const table = engine.log.db.snapshotRows;
    expect((await table.toCollection().primaryKeys()).every((key) => key.startsWith('b:'))).toBe(true);

    await engine.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'MUG-BLUE', quantity: 2 });
    const puts: string[][] = [];
    const original = table.bulkPut.bind(table);
    table.bulkPut = ((rows: Array<{ key: string }>) => {
      puts.push(rows.map((r) => r.key));
      return original(rows as never);
    }) as never;
    await engine.snapshots.save(engine.projection);
    expect(puts).toEqual([['m:carts/grace', 'v:cart-grace']]);

    await engine.dispatch({ type: 'DeleteCustomer', customerId: 'grace' }); // removes the cart row
    await engine.snapshots.save(engine.projection);
    expect(await table.get('m:carts/grace')).toBeUndefined();
    expect(await table.get('d:m:carts/grace')).toBeDefined();
    expect(storedKeys(resolveRows(await table.toArray()))).not.toContain('m:carts/grace');
    await engine.stop();

    const restarted = await startFresh(engine.log.name);
    expect(restarted.projection.position).toBe(engine.projection.position);
    expect(canonicalShop(restarted.projection.state)).toBe(canonicalShop(engine.projection.state));
  });

  it('pack the rows written on top into a new base once they outgrow their share', async () => {
    const log = freshLog();
    const engine = engineOn(log, { minOverlayRows: 3, chunkRows: 4 });
    await engine.start();
    for (const c of sampleShopCommands()) await engine.dispatch(c);
    await engine.snapshots.save(engine.projection);
    const header = async () => (await log.db.snapshotHeader.get('layered'))!;
    const base = await header();
    const keys = () => log.db.snapshotRows.toCollection().primaryKeys();
    // Chunks of at most 4 rows (fewer if a row is a list or slow to clone).
    expect((await keys()).length).toBeGreaterThanOrEqual(Math.ceil(base.baseRows! / 4));
    expect(resolveRows(await log.db.snapshotRows.toArray())).toHaveLength(base.baseRows!);

    await engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 });
    await engine.snapshots.save(engine.projection);
    expect((await header()).overlayRows).toBe(2); // the cart and its stream's version
    expect((await keys()).filter((key) => !key.startsWith('b:'))).toEqual(['m:carts/ada', 'v:cart-ada']);

    // Two more rows would pass the limit (3): this save writes everything as a new base instead.
    await engine.dispatch({ type: 'AddItemToCart', customerId: 'alan', sku: 'TEA-EARL', quantity: 1 });
    await engine.snapshots.save(engine.projection);
    expect((await header()).overlayRows).toBe(0);
    expect(resolveRows(await log.db.snapshotRows.toArray())).toHaveLength((await header()).baseRows!);
    expect((await keys()).every((key) => key.startsWith('b:'))).toBe(true);
    await engine.stop();

    const restarted = await startFresh(log.name);
    expect(canonicalShop(restarted.projection.state)).toBe(canonicalShop(engine.projection.state));
  });

  it('read a snapshot of the earlier layout (one plain row per key), then pack it into a base', async () => {
    const saved = await savedSampleShop();
    const { db } = saved.log;
    await writeAsOlderApp(saved.log, saved.projection.position, resolveRows(await db.snapshotRows.toArray()));

    const model = countingModel();
    const restarted = engineOn(new EventLog(saved.log.name), {}, model);
    await restarted.start();
    expect(model.folded).toBe(0);
    expect(canonicalShop(restarted.projection.state)).toBe(canonicalShop(saved.projection.state));

    await restarted.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 });
    await restarted.snapshots.save(restarted.projection);
    expect(await db.snapshotHeader.toCollection().primaryKeys()).toEqual(['layered']);
    expect((await db.snapshotRows.toCollection().primaryKeys()).every((key) => key.startsWith('b:'))).toBe(true);
    await restarted.stop();
    const again = await startFresh(saved.log.name);
    expect(canonicalShop(again.projection.state)).toBe(canonicalShop(restarted.projection.state));
  });

  it("are read from an older app's header when one is there: that app cleared every row before writing", async () => {
    const engine = await savedSampleShop();
    // The older app found no header it knows, replayed the log, and wrote an empty shop at 0.
    await writeAsOlderApp(engine.log, 0, []);
    const model = countingModel();
    const restarted = engineOn(new EventLog(engine.log.name), {}, model);
    await restarted.start();
    expect(model.folded).toBe(engine.projection.position);
    expect(canonicalShop(restarted.projection.state)).toBe(canonicalShop(engine.projection.state));
  });

  it('fall back to a full write when another tab wrote the last snapshot', async () => {
    const log = freshLog();
    const a = engineOn(log);
    await a.start();
    for (const c of sampleShopCommands()) await a.dispatch(c);
    await a.snapshots.save(a.projection);

    const b = await startFresh(log.name);
    await b.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 });
    await b.snapshots.save(b.projection);

    // A's delta would be relative to its own last save; it must rewrite everything instead.
    await a.catchUp();
    await a.dispatch({ type: 'RemoveItemFromCart', customerId: 'ada', sku: 'TEA-EARL' });
    await a.snapshots.save(a.projection);

    const c = await startFresh(log.name);
    expect(canonicalShop(c.projection.state)).toBe(canonicalShop(a.projection.state));
    expect(c.projection.state.carts.get('ada')?.lines).toEqual([]);
  });

  it('save a big shop whole, worked out in steps, and read it back the same', async () => {
    const engine = engineOn(freshLog());
    await engine.start();
    const commands: Command[] = Array.from({ length: 5_000 }, (_, i) => ({
      type: 'RegisterCustomer',
      customerId: `c${i}`,
      name: `Customer ${i}`,
    }));
    await Promise.all(commands.map((c) => engine.dispatch(c)));
    await engine.snapshots.save(engine.projection);
    await engine.stop();
    const restarted = await startFresh(engine.log.name);
    expect(restarted.projection.state.customers.size).toBe(5_000);
    expect(canonicalShop(restarted.projection.state)).toBe(canonicalShop(engine.projection.state));
  });
});
