import { afterEach, describe, expect, it } from 'vitest';
import { Engine, EventLog, type ReadModel } from '../../../src/es';
import { resolveRows } from '../../../src/es/snapshotLayout';
import { initialShopState, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';
import { canonicalShop } from '../../support/canonical';
import { countingModel } from '../../support/countingModel';

const engines: Engine<ShopState, Command>[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

/** The shop read model with a count of the events it folds, to see how much a start-up replays. */
function engineOn(log: EventLog, model: ReadModel<ShopState> = shopReadModel, every = 10): Engine<ShopState, Command> {
  const engine = new Engine({ log, model, decider: shopDecider, snapshots: { every, idleMs: 60_000 }, clock: steppingClock() });
  engines.push(engine);
  return engine;
}

const serialized = canonicalShop;

/** The read model folded from the whole log, from nothing, without the engine. */
async function fullReplay(log: EventLog): Promise<ShopState> {
  return (await log.readRange(1)).reduce(shopReadModel.evolve, initialShopState());
}

/** 35 events, one command at a time: 3 products, 2 customers, then 30 restocks and carts. */
async function write35Events(engine: Engine<ShopState, Command>): Promise<void> {
  const commands: Command[] = [
    { type: 'RegisterProduct', sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 10 },
    { type: 'RegisterProduct', sku: 'TEA', name: 'Earl Grey', priceCents: 675, stock: 10 },
    { type: 'RegisterProduct', sku: 'POT', name: 'Teapot', priceCents: 3400, stock: 10 },
    { type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' },
    { type: 'RegisterCustomer', customerId: 'bob', name: 'Bob' },
  ];
  for (let i = 0; i < 30; i++) {
    const sku = ['MUG', 'TEA', 'POT'][i % 3]!;
    commands.push(
      i % 2 === 0
        ? { type: 'Restock', sku, quantity: i + 1 }
        : { type: 'AddItemToCart', customerId: i % 4 === 1 ? 'ada' : 'bob', sku, quantity: 1 },
    );
  }
  for (const command of commands) await engine.dispatch(command);
  expect(await engine.log.lastPosition()).toBe(35);
}

async function latestSnapshotPosition(log: EventLog): Promise<number> {
  const header = await log.db.snapshotHeader.get('layered');
  return header?.position ?? 0;
}

async function clearSnapshots(log: EventLog): Promise<void> {
  await Promise.all([log.db.snapshotHeader.clear(), log.db.snapshotRows.clear()]);
}

describe('snapshots', () => {
  it('are written at least every N events', async () => {
    const engine = engineOn(freshLog());
    await engine.start();
    await write35Events(engine);
    await waitUntil(async () => (await latestSnapshotPosition(engine.log)) >= 30, 'a snapshot at position 30 or later');
    const header = (await engine.log.db.snapshotHeader.toArray())[0]!;
    expect(header.modelVersion).toBe(shopReadModel.version);
    const rows = resolveRows(await engine.log.db.snapshotRows.toArray());
    expect(new Map(rows).get('v:product-MUG')).toEqual(expect.any(Number));
  });

  it('let a new start-up replay only the tail and reach the same state as a full replay', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await waitUntil(async () => (await latestSnapshotPosition(writer.log)) >= 30, 'a snapshot at position 30 or later');
    await writer.stop();
    const snapshotAt = await latestSnapshotPosition(writer.log);

    const model = countingModel();
    const restarted = engineOn(new EventLog(writer.log.name), model);
    await restarted.start();

    expect(model.folded).toBe(35 - snapshotAt);
    expect(model.folded).toBeLessThan(35);
    expect(restarted.projection.position).toBe(35);
    expect(serialized(restarted.projection.state)).toBe(serialized(await fullReplay(writer.log)));
    expect(serialized(restarted.projection.state)).toBe(serialized(writer.projection.state));
  });

  it('keep stream versions, so a command after a snapshot start-up appends without a conflict', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.snapshots.save(writer.projection);
    await writer.stop();

    const restarted = engineOn(new EventLog(writer.log.name), countingModel());
    await restarted.start();
    const versionBefore = await restarted.log.streamVersion('product-MUG');
    const [event] = await restarted.dispatch({ type: 'Restock', sku: 'MUG', quantity: 1 });
    expect(event!.version).toBe(versionBefore + 1);
  });

  it('are only a cache: deleting them all gives the same state after a full replay', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await waitUntil(async () => (await latestSnapshotPosition(writer.log)) >= 30, 'a snapshot');
    await writer.stop();
    const expected = serialized(writer.projection.state);

    const log = new EventLog(writer.log.name);
    await clearSnapshots(log);
    const model = countingModel();
    const restarted = engineOn(log, model, 1_000);
    await restarted.start();
    expect(model.folded).toBe(35);
    expect(serialized(restarted.projection.state)).toBe(expected);
  });

  it('are dropped by rebuild(), which folds the whole log again to the same state', async () => {
    const model = countingModel();
    const engine = engineOn(freshLog(), model);
    await engine.start();
    await write35Events(engine);
    const before = serialized(engine.projection.state);
    const foldedBefore = model.folded;
    await engine.rebuild();
    expect(model.folded - foldedBefore).toBe(35);
    expect(serialized(engine.projection.state)).toBe(before);
    expect(engine.projection.position).toBe(35);
    // Whatever snapshot exists now was taken from the rebuilt state, not left from before.
    const headers = await engine.log.db.snapshotHeader.toArray();
    expect(headers.map((h) => h.position)).toEqual(headers.length ? [35] : []);
  });

  it('written by another read-model version are ignored', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.stop();
    const log = new EventLog(writer.log.name);
    await clearSnapshots(log);
    // A snapshot that claims everything up to 35 is folded, but holds an empty shop.
    await log.db.snapshotHeader.put({
      id: 'current',
      position: 35,
      modelVersion: shopReadModel.version + 1,
      savedAt: '2026-01-01T00:00:00.000Z',
      writer: 'other',
    });
    await log.db.snapshotRows.put({ key: 'm:*', value: shopReadModel.serialize(initialShopState()) });

    const model = countingModel();
    const restarted = engineOn(log, model, 1_000);
    await restarted.start();
    expect(model.folded).toBe(35);
    expect(serialized(restarted.projection.state)).toBe(serialized(writer.projection.state));
  });

  it('from a newer read model are ignored by an engine with an older one, and vice versa', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.snapshots.save(writer.projection);
    await writer.stop();

    const model = countingModel(shopReadModel.version + 1);
    const upgraded = engineOn(new EventLog(writer.log.name), model, 1_000);
    await upgraded.start();
    expect(model.folded).toBe(35);
    expect(serialized(upgraded.projection.state)).toBe(serialized(writer.projection.state));
  });

  it('wait while a bulk append is held, then one is saved for the whole of it', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    // The same 35 events, folded by a second engine as a bulk append (the way an import is).
    const events = await writer.log.readRange(1);
    const engine = engineOn(new EventLog(writer.log.name), shopReadModel, 10);
    await writer.stop();
    await clearSnapshots(engine.log);
    await engine.start();
    engine.projection.reset();
    const release = engine.holdSnapshots();
    for (let from = 0; from < events.length; from += 5) expect(engine.adoptAppended(events.slice(from, from + 5))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await latestSnapshotPosition(engine.log)).toBe(0);
    release();
    release(); // a second call changes nothing
    await waitUntil(async () => (await latestSnapshotPosition(engine.log)) === 35, 'one snapshot at the end of the bulk append');
    expect(engine.projection.position).toBe(35);
  });

  it('keep an equal state the engine adopts, so the next save still writes only what changed', async () => {
    const engine = engineOn(freshLog(), shopReadModel, 1_000);
    await engine.start();
    await write35Events(engine);
    const folded = await fullReplay(engine.log);
    expect(await engine.adoptEqualState(folded, 34)).toBe(false);
    expect(engine.projection.state).not.toBe(folded);
    expect(await engine.adoptEqualState(folded, 35)).toBe(true);
    expect(engine.projection.state).toBe(folded);
    expect(await latestSnapshotPosition(engine.log)).toBe(35);

    const written: string[] = [];
    const table = engine.log.db.snapshotRows;
    const bulkPut = table.bulkPut.bind(table);
    table.bulkPut = ((rows: Parameters<typeof bulkPut>[0]) => {
      written.push(...rows.map((r) => r.key));
      return bulkPut(rows);
    }) as typeof table.bulkPut;
    await engine.dispatch({ type: 'Restock', sku: 'MUG', quantity: 1 });
    await engine.snapshots.save(engine.projection);
    // Against the state it saved before (other objects), every entity would look changed.
    expect(written.filter((key) => key.startsWith('m:'))).toEqual(['m:products/MUG']);
    expect(serialized(engine.projection.state)).toBe(serialized(await fullReplay(engine.log)));
  });

  it('cannot hide a change to the event they were folded up to: the start names it and opens up to the event before', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.snapshots.save(writer.projection);
    await writer.stop();
    expect(await writer.log.db.snapshotHeader.get('layered')).toMatchObject({ position: 35, headHash: await writer.log.storedHashAt(35) });
    // Changed in place, its hash left as it was (or rewritten to match: both differ from the snapshot's view).
    const head = (await writer.log.db.events.get(35))!;
    await writer.log.db.events.put({ ...head, payload: { ...(head.payload as object), quantity: 99 } });

    const restarted = engineOn(new EventLog(writer.log.name));
    await restarted.start();
    expect(restarted.damage).toMatchObject({ position: 35, kind: 'changed' });
    expect(restarted.projection.position).toBe(34);
    const upTo34 = (await writer.log.readRange(1, 34)).reduce(shopReadModel.evolve, initialShopState());
    expect(serialized(restarted.projection.state)).toBe(serialized(upTo34));
  });

  it('dropped by rebuild() let it find damage they covered, and tell it', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.snapshots.save(writer.projection);
    await writer.stop();
    await writer.log.db.events.delete(20);

    const told: unknown[] = [];
    const log = new EventLog(writer.log.name);
    const restarted = new Engine({
      log,
      model: shopReadModel,
      decider: shopDecider,
      clock: steppingClock(),
      onDamage: (d) => told.push(d),
    });
    engines.push(restarted);
    await restarted.start();
    expect(restarted.damage).toBeNull();
    await restarted.rebuild();
    expect(told).toEqual([expect.objectContaining({ position: 20, kind: 'missing' })]);
    expect(restarted.projection.position).toBe(19);
  });

  it('written before events were chained are still used', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.snapshots.save(writer.projection);
    await writer.stop();
    const header = (await writer.log.db.snapshotHeader.get('layered'))!;
    const { headHash: _none, ...older } = header;
    await writer.log.db.snapshotHeader.put(older);

    const model = countingModel();
    const restarted = engineOn(new EventLog(writer.log.name), model);
    await restarted.start();
    expect(restarted.damage).toBeNull();
    expect(model.folded).toBe(0);
    expect(restarted.projection.position).toBe(35);
  });

  it('ahead of the log (the log was cleared) are ignored', async () => {
    const writer = engineOn(freshLog());
    await writer.start();
    await write35Events(writer);
    await writer.snapshots.save(writer.projection);
    await writer.stop();
    const log = new EventLog(writer.log.name);
    await log.db.events.where('seq').above(20).delete();

    const model = countingModel();
    const restarted = engineOn(log, model, 1_000);
    await restarted.start();
    expect(restarted.projection.position).toBe(20);
    expect(model.folded).toBe(20);
    expect(serialized(restarted.projection.state)).toBe(serialized(await fullReplay(log)));
  });
});
