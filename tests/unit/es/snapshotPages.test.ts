import { describe, expect, it, vi } from 'vitest';
import { Engine, EventLog } from '../../../src/es';
import { sampleShopCommands, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { canonicalShop } from '../../support/canonical';

const PAGE_ROWS = 4;
const CHUNK_ROWS = 2;

const engineOn = (log: EventLog): Engine<ShopState, Command> =>
  new Engine({
    log,
    model: shopReadModel,
    decider: shopDecider,
    snapshots: { every: 1_000_000, idleMs: 60_000, pageRows: PAGE_ROWS, chunkRows: CHUNK_ROWS },
    clock: steppingClock(),
  });

/**
 * A shop with a saved snapshot of many more rows than a page, in a base and rows on top, and
 * the engine that saved it.
 */
async function savedShop(): Promise<Engine<ShopState, Command>> {
  const engine = engineOn(freshLog());
  await engine.start();
  for (const c of sampleShopCommands()) await engine.dispatch(c);
  await engine.snapshots.save(engine.projection);
  await engine.dispatch({ type: 'AddItemToCart', customerId: 'alan', sku: 'MUG-BLUE', quantity: 1 });
  await engine.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'MUG-BLUE', quantity: 1 });
  await engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 1 });
  await engine.snapshots.save(engine.projection);
  return engine;
}

describe('loading a snapshot', () => {
  it('reads its rows a page at a time and starts from the same state', async () => {
    const saved = await savedShop();
    const keys = await saved.log.db.snapshotRows.toCollection().primaryKeys();
    const chunks = keys.filter((key) => key.startsWith('b:')).length;
    const onTop = keys.length - chunks;
    expect(chunks).toBeGreaterThan(3 * (PAGE_ROWS / CHUNK_ROWS));
    expect(onTop).toBeGreaterThan(PAGE_ROWS);

    const log = new EventLog(saved.log.name);
    const pages = vi.spyOn(log.db.snapshotRows, 'where');
    const started = engineOn(log);
    await started.start();
    // Chunks count for their rows in a page; a short page ends each of the two ranges.
    expect(pages).toHaveBeenCalledTimes(Math.floor(chunks / (PAGE_ROWS / CHUNK_ROWS)) + 1 + Math.floor(onTop / PAGE_ROWS) + 1);
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
    await saved.log.db.snapshotHeader.update('layered', { modelVersion: shopReadModel.version + 1 });
    const log = new EventLog(saved.log.name);
    const reads = [vi.spyOn(log.db.snapshotRows, 'where'), vi.spyOn(log.db.snapshotRows, 'limit')];

    const started = engineOn(log);
    await started.start();
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect(started.snapshots.savedPosition).toBe(0);
    expect(canonicalShop(started.projection.state)).toBe(canonicalShop(saved.projection.state));
  });
});
