import { describe, expect, it, vi } from 'vitest';
import { Engine, EventLog } from '../../../src/es';
import { sampleShopCommands, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { canonicalShop } from '../../support/canonical';

const PAGE_ROWS = 4;

const engineOn = (log: EventLog): Engine<ShopState, Command> =>
  new Engine({
    log,
    model: shopReadModel,
    decider: shopDecider,
    snapshots: { every: 1_000_000, idleMs: 60_000, pageRows: PAGE_ROWS },
    clock: steppingClock(),
  });

/** A shop with a saved snapshot of many more rows than a page, and the engine that saved it. */
async function savedShop(): Promise<Engine<ShopState, Command>> {
  const engine = engineOn(freshLog());
  await engine.start();
  for (const c of sampleShopCommands()) await engine.dispatch(c);
  await engine.snapshots.save(engine.projection);
  return engine;
}

describe('loading a snapshot', () => {
  it('reads its rows a page at a time and starts from the same state', async () => {
    const saved = await savedShop();
    const rows = await saved.log.db.snapshotRows.count();
    expect(rows).toBeGreaterThan(3 * PAGE_ROWS);

    const log = new EventLog(saved.log.name);
    const pagesAfterTheFirst = vi.spyOn(log.db.snapshotRows, 'where');
    const started = engineOn(log);
    await started.start();
    expect(pagesAfterTheFirst).toHaveBeenCalledTimes(Math.floor(rows / PAGE_ROWS));
    expect(started.snapshots.savedPosition).toBe(saved.projection.position);
    expect(canonicalShop(started.projection.state)).toBe(canonicalShop(saved.projection.state));
    // The stream versions came back too: a command on an existing stream is accepted.
    await started.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 });
    expect(started.projection.state.carts.get('ada')?.lines.some((l) => l.sku === 'TEA-EARL')).toBe(true);
  });

  it('never mixes two saves when another tab saves while it reads', async () => {
    const saved = await savedShop();
    const other = engineOn(new EventLog(saved.log.name));
    await other.start();
    await other.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 3 });

    const started = engineOn(new EventLog(saved.log.name));
    // Rows of the new save under the old header would replay the add-to-cart twice.
    await Promise.all([started.start(), other.snapshots.save(other.projection)]);
    expect(started.projection.position).toBe(other.projection.position);
    expect(started.projection.state.carts.get('ada')?.lines.find((l) => l.sku === 'TEA-EARL')?.quantity).toBe(3);
    expect(canonicalShop(started.projection.state)).toBe(canonicalShop(other.projection.state));
  });

  it('reads no rows of a snapshot it cannot use, and replays the log instead', async () => {
    const saved = await savedShop();
    await saved.log.db.snapshotHeader.update('current', { modelVersion: shopReadModel.version + 1 });
    const log = new EventLog(saved.log.name);
    const reads = [vi.spyOn(log.db.snapshotRows, 'where'), vi.spyOn(log.db.snapshotRows, 'limit')];

    const started = engineOn(log);
    await started.start();
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect(started.snapshots.savedPosition).toBe(0);
    expect(canonicalShop(started.projection.state)).toBe(canonicalShop(saved.projection.state));
  });
});
