import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, Engine, EventLog, chain, type StoredEvent } from '../../../src/es';
import { initialShopState, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { canonicalShop } from '../../support/canonical';

const engines: Engine<ShopState, Command>[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

function engineOn(log: EventLog, every = 10): Engine<ShopState, Command> {
  const engine = new Engine({
    log,
    model: shopReadModel,
    decider: shopDecider,
    snapshots: { every, idleMs: 60_000 },
    clock: steppingClock(),
  });
  engines.push(engine);
  return engine;
}

/** 25 events: 2 products, 2 customers, then restocks and cart lines for both customers. */
async function writeHistory(engine: Engine<ShopState, Command>): Promise<void> {
  const commands: Command[] = [
    { type: 'RegisterProduct', sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 10 },
    { type: 'RegisterProduct', sku: 'TEA', name: 'Earl Grey', priceCents: 675, stock: 10 },
    { type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' },
    { type: 'RegisterCustomer', customerId: 'bob', name: 'Bob' },
  ];
  for (let i = 0; i < 21; i++) {
    const sku = i % 2 === 0 ? 'MUG' : 'TEA';
    commands.push(i % 3 === 0 ? { type: 'Restock', sku, quantity: i + 1 } : { type: 'AddItemToCart', customerId: 'ada', sku, quantity: 1 });
  }
  for (const command of commands) await engine.dispatch(command);
}

async function storedRows(log: EventLog, from = 1): Promise<StoredEvent[]> {
  return (await log.readStoredRows(from, Infinity)) as StoredEvent[];
}

async function archived(position: number) {
  const log = freshLog();
  const engine = engineOn(log);
  await engine.start();
  await writeHistory(engine);
  const rows = await storedRows(log);
  const before = canonicalShop(engine.projection.state);
  await engine.archiveUpTo(position, rows[position - 1]!.hash, 'rewind-archive.ndjson');
  return { log, engine, rows, before };
}

describe('archiving the beginning of the log', () => {
  it('removes the events up to the point and starts the log from the state there, anchored by that event’s hash', async () => {
    const { log, engine, rows, before } = await archived(10);
    expect((await storedRows(log)).map((r) => r.seq)).toEqual(rows.slice(10).map((r) => r.seq));
    expect(await log.origin()).toMatchObject({ position: 10, hash: rows[9]!.hash, archivedAs: 'rewind-archive.ndjson' });
    expect(await log.chainStart()).toEqual({ seq: 10, hash: rows[9]!.hash });
    expect(await log.verifyChain()).toEqual({ intact: true, events: rows.length - 10, headHash: rows.at(-1)!.hash, from: 10 });
    expect(await log.firstGap(rows.length)).toBeNull();
    expect(canonicalShop(engine.projection.state)).toEqual(before);

    // A start from the log alone (no snapshot) begins at the origin and folds only what follows it.
    await Promise.all([log.db.snapshotHeader.clear(), log.db.snapshotRows.clear()]);
    const restarted = engineOn(new EventLog(log.name));
    await restarted.start();
    expect(restarted.originPosition).toBe(10);
    expect(restarted.projection.position).toBe(rows.length);
    expect(canonicalShop(restarted.projection.state)).toEqual(before);
    await restarted.rebuild();
    expect(canonicalShop(restarted.projection.state)).toEqual(before);
  });

  it('keeps each archived stream’s version, so commands on it still append, and the chain goes on from the head', async () => {
    const { log, engine, rows } = await archived(10);
    // Bob's stream was written only before the point: its version comes from the origin.
    const [deleted] = await engine.dispatch({ type: 'DeleteCustomer', customerId: 'bob' });
    expect(deleted).toMatchObject({ seq: rows.length + 1, streamId: rows[3]!.streamId, version: 2 });
    expect(await log.verifyChain()).toMatchObject({ intact: true, events: engine.projection.position - 10, from: 10 });
    expect(engine.projection.state.customers.get('bob')?.deleted).toBe(true);
  });

  it('archives up to the head: the log then ends at the origin and the next event chains from it', async () => {
    const { log, engine, rows } = await archived(25);
    expect(await log.count()).toBe(0);
    expect(await log.lastPosition()).toBe(25);
    const [event] = await engine.dispatch({ type: 'Restock', sku: 'MUG', quantity: 1 });
    expect(event!.seq).toBe(26);
    expect(await log.verifyChain()).toMatchObject({ intact: true, events: 1, from: 25 });
    expect(rows).toHaveLength(25);
  });

  it('refuses an archive whose last event no longer matches, removing nothing', async () => {
    const log = freshLog();
    const engine = engineOn(log);
    await engine.start();
    await writeHistory(engine);
    await expect(engine.archiveUpTo(10, '0'.repeat(64), 'x.ndjson')).rejects.toThrow(/no longer the one archived/);
    expect(await log.count()).toBe(25);
    expect(await log.origin()).toBeNull();
  });

  it('puts the archive back before the origin: the whole history and chain again', async () => {
    const { log, rows, before } = await archived(10);
    await log.restoreArchive(rows.slice(0, 10));
    expect(await log.origin()).toBeNull();
    expect(await storedRows(log)).toEqual(rows);
    expect(await log.verifyChain()).toMatchObject({ intact: true, events: 25, from: 0 });
    const restarted = engineOn(new EventLog(log.name));
    await restarted.rebuild();
    expect(canonicalShop(restarted.projection.state)).toEqual(before);
    expect(canonicalShop((await log.readRange(1)).reduce(shopReadModel.evolve, initialShopState()))).toEqual(before);
  });

  it('refuses to put back an archive that does not end where the log starts, or whose streams do not lead to it', async () => {
    const { log, rows } = await archived(10);
    await expect(log.restoreArchive(rows.slice(0, 9))).rejects.toBeInstanceOf(ConcurrencyError);
    const otherStream = rows.slice(0, 10).map((r, i) => (i === 2 ? { ...r, streamId: 'elsewhere' } : r));
    await expect(log.restoreArchive(otherStream)).rejects.toThrow(/stream versions/);
    expect(await log.origin()).toMatchObject({ position: 10 });
    expect(await log.count()).toBe(15);
  });

  it('takes the parts of a history archived in pieces, in order, into an empty log', async () => {
    const { rows, before } = await archived(10);
    const target = freshLog();
    await target.adoptHistory(rows.slice(0, 10));
    await expect(target.adoptHistory(rows.slice(15), { continuing: { seq: 15, hash: rows[14]!.hash } })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await target.adoptHistory(rows.slice(10), { continuing: { seq: 10, hash: rows[9]!.hash } });
    expect(await target.verifyChain()).toMatchObject({ intact: true, events: 25 });
    const engine = engineOn(target);
    await engine.start();
    expect(canonicalShop(engine.projection.state)).toEqual(before);
  });
});

describe('verifying a log in parts', () => {
  it('gives, part by part, what one whole check gives: intact with the head, or the first break', async () => {
    const log = freshLog();
    const engine = engineOn(log);
    await engine.start();
    await writeHistory(engine);
    const whole = await log.verifyChain();
    const parts = await Promise.all([log.verifyPart(0, 8), log.verifyPart(8, 17), log.verifyPart(17, 25)]);
    expect(parts.every((p) => p.intact)).toBe(true);
    expect(parts[2]).toMatchObject({ headHash: (whole as { headHash: string }).headHash, events: 8, from: 17 });

    const row = (await log.db.events.get(12))!;
    await log.db.events.put({ ...row, payload: { forged: true } });
    const again = await Promise.all([log.verifyPart(0, 8), log.verifyPart(8, 17), log.verifyPart(17, 25)]);
    expect(again.map((p) => p.intact)).toEqual([true, false, true]);
    expect(again[1]).toMatchObject({ brokenAt: 12, problem: 'changed' });
    expect(await log.verifyChain()).toMatchObject({ intact: false, brokenAt: 12 });

    await log.db.events.delete(17);
    expect(await log.verifyPart(17, 25)).toMatchObject({ intact: false, brokenAt: 17, problem: 'missing' });
    expect(await log.verifyPart(8, 17)).toMatchObject({ intact: false, brokenAt: 12 });
  });
});

describe('a history archived twice', () => {
  /** 25 events archived up to 10, then up to 18: the two archives' rows, the log and the shop before. */
  async function archivedTwice() {
    const { log, engine, rows, before } = await archived(10);
    await engine.archiveUpTo(18, rows[17]!.hash, 'rewind-archive-2.ndjson');
    return { log, engine, rows, before, first: rows.slice(0, 10), second: rows.slice(10, 18) };
  }

  it('keeps the earlier origin, so the second archive can be put back before the history: the origin moves back to its anchor', async () => {
    const { log, rows, before, second } = await archivedTwice();
    expect(await log.origin()).toMatchObject({ position: 18, archivedAs: 'rewind-archive-2.ndjson' });
    expect(await log.earlierOrigin(10)).toMatchObject({ position: 10, hash: rows[9]!.hash, archivedAs: 'rewind-archive.ndjson' });

    await log.restoreArchive(second);
    expect(await log.origin()).toMatchObject({ position: 10, hash: rows[9]!.hash, archivedAs: 'rewind-archive.ndjson' });
    expect(await log.earlierOrigin(10)).toBeNull();
    expect(await storedRows(log)).toEqual(rows.slice(10));
    expect(await log.verifyChain()).toEqual({ intact: true, events: 15, headHash: rows.at(-1)!.hash, from: 10 });
    // Folded from the origin at 10 (no snapshot), the shop is the one before archiving.
    await Promise.all([log.db.snapshotHeader.clear(), log.db.snapshotRows.clear(), log.db.snapshots.clear()]);
    const restarted = engineOn(new EventLog(log.name));
    await restarted.start();
    expect(restarted.originPosition).toBe(10);
    expect(canonicalShop(restarted.projection.state)).toEqual(before);
    await restarted.rebuild();
    expect(canonicalShop(restarted.projection.state)).toEqual(before);
  });

  it('then takes the first archive: the history is whole from the first event', async () => {
    const { log, rows, before, first, second } = await archivedTwice();
    await log.restoreArchive(second);
    await log.restoreArchive(first);
    expect(await log.origin()).toBeNull();
    expect(await storedRows(log)).toEqual(rows);
    expect(await log.verifyChain()).toEqual({ intact: true, events: 25, headHash: rows.at(-1)!.hash, from: 0 });
    await Promise.all([log.db.snapshotHeader.clear(), log.db.snapshotRows.clear(), log.db.snapshots.clear()]);
    const restarted = engineOn(new EventLog(log.name));
    await restarted.start();
    expect(restarted.originPosition).toBe(0);
    expect(canonicalShop(restarted.projection.state)).toEqual(before);
    // Commands go on from versions the events hold again.
    const [event] = await restarted.dispatch({ type: 'DeleteCustomer', customerId: 'bob' });
    expect(event).toMatchObject({ seq: 26, version: 2 });
  });

  it('refuses the first archive before the second, another history’s piece, or a piece whose earlier state is not kept, writing nothing', async () => {
    const { log, rows, first, second } = await archivedTwice();
    const unchanged = async () => {
      expect(await log.origin()).toMatchObject({ position: 18 });
      expect(await log.count()).toBe(7);
    };
    await expect(log.restoreArchive(first)).rejects.toBeInstanceOf(ConcurrencyError);
    await unchanged();
    // Same positions and head, but its first event does not chain from the kept anchor.
    const forged = second.map((r, i) => (i === 0 ? { ...r, payload: { forged: true } } : r));
    await expect(log.restoreArchive(forged)).rejects.toThrow(/not kept in this browser/);
    await unchanged();
    // Its streams do not lead to the versions the origin recorded (the kernel's own check, past the file's).
    const moved = chain(
      rows[9]!.hash,
      second.slice(0, -1).map((r, i) => (i === 1 ? { ...r, streamId: 'elsewhere', version: 1 } : r)),
    );
    await expect(log.restoreArchive([...moved, second.at(-1)!])).rejects.toThrow(/stream versions/);
    await unchanged();
    // A log archived twice by a build that did not keep the earlier origin.
    await log.db.origin.delete('earlier:10');
    await expect(log.restoreArchive(second)).rejects.toThrow(/not kept in this browser/);
    await unchanged();
  });
});
