import { describe, expect, it } from 'vitest';
import { Engine, EventLog } from '../../../src/es';
import { sampleShopCommands, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { canonicalShop } from '../../support/canonical';

const engineOn = (log: EventLog): Engine<ShopState, Command> =>
  new Engine({ log, model: shopReadModel, decider: shopDecider, snapshots: { every: 1_000_000, idleMs: 60_000 }, clock: steppingClock() });

async function startFresh(name: string): Promise<Engine<ShopState, Command>> {
  const engine = engineOn(new EventLog(name));
  await engine.start();
  return engine;
}

describe('incremental snapshots', () => {
  it('write only what changed since the last save, and read back the same state', async () => {
    const engine = engineOn(freshLog());
    await engine.start();
    for (const c of sampleShopCommands()) await engine.dispatch(c);
    await engine.snapshots.save(engine.projection);
    const fullRows = await engine.log.db.snapshotRows.count();

    await engine.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'MUG-BLUE', quantity: 2 });
    const puts: string[][] = [];
    const original = engine.log.db.snapshotRows.bulkPut.bind(engine.log.db.snapshotRows);
    engine.log.db.snapshotRows.bulkPut = ((rows: Array<{ key: string }>) => {
      puts.push(rows.map((r) => r.key));
      return original(rows as never);
    }) as never;
    await engine.snapshots.save(engine.projection);
    expect(puts).toEqual([['m:carts/grace', 'v:cart-grace']]);

    await engine.dispatch({ type: 'DeleteCustomer', customerId: 'grace' }); // removes the cart row
    await engine.snapshots.save(engine.projection);
    expect(await engine.log.db.snapshotRows.get('m:carts/grace')).toBeUndefined();
    expect(await engine.log.db.snapshotRows.count()).toBe(fullRows + 1); // the cart row came and went; its stream version row stays
    await engine.stop();

    const restarted = await startFresh(engine.log.name);
    expect(restarted.projection.position).toBe(engine.projection.position);
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
    const commands: Command[] = Array.from({ length: 5_000 }, (_, i) => ({ type: 'RegisterCustomer', customerId: `c${i}`, name: `Customer ${i}` }));
    await Promise.all(commands.map((c) => engine.dispatch(c)));
    await engine.snapshots.save(engine.projection);
    await engine.stop();
    const restarted = await startFresh(engine.log.name);
    expect(restarted.projection.state.customers.size).toBe(5_000);
    expect(canonicalShop(restarted.projection.state)).toBe(canonicalShop(engine.projection.state));
  });
});
