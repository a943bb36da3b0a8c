import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConcurrencyError,
  DomainError,
  Engine,
  EventLog,
  RetriesExhaustedError,
  ValidationError,
  type Commit,
  type LockRequester,
  type StoredEvent,
} from '../../../src/es';
import { shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { describeError } from '../../../src/ui/common/describeError';
import { freshLog, shopEngine, steppingClock } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';

type ShopEngine = Engine<ShopState, Command>;
const engines: ShopEngine[] = [];
async function started(engine: ShopEngine): Promise<ShopEngine> {
  engines.push(engine);
  await engine.start();
  return engine;
}
/** Two runtimes (two tabs) on one database, the first holding a product and a customer. */
async function twoTabs(): Promise<[ShopEngine, ShopEngine]> {
  const first = await started(shopEngine());
  await Promise.all(
    [
      { type: 'RegisterProduct', sku: 'MUG', name: 'Mug', priceCents: 900, stock: 10 },
      { type: 'RegisterCustomer', customerId: 'ada', name: 'Ada Lovelace' },
    ].map((c) => first.dispatch(c)),
  );
  const second = await started(shopEngine(new EventLog(first.log.name)));
  return [first, second];
}

/** Runs `meanwhile` once, just before the next append of `engine` reaches the log. */
function beforeNextAppend(engine: ShopEngine, meanwhile: () => Promise<unknown>) {
  const original = engine.log.appendCommits.bind(engine.log);
  return vi.spyOn(engine.log, 'appendCommits').mockImplementationOnce(async (commits, options) => {
    await meanwhile();
    return original(commits, options);
  });
}

const restock = (quantity: number): Command => ({ type: 'Restock', sku: 'MUG', quantity });

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

describe('a decision is guarded by every stream it read', () => {
  it('re-decides an add whose customer was deleted in another tab before the append, and says what changed', async () => {
    const [first, second] = await twoTabs();
    beforeNextAppend(first, () => second.dispatch({ type: 'DeleteCustomer', customerId: 'ada' }));

    const error = await first.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 1 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'customer-deleted', changedElsewhere: true });
    expect(describeError(error)).toBe('Changed in another tab just now: Ada Lovelace was deleted and can no longer shop.');
    const log = await first.log.readRange(1);
    expect(log.map((e) => e.type)).toEqual(['ProductRegistered', 'CustomerRegistered', 'CustomerDeleted']);
  });

  it('refuses in plain words, without the "another tab" sentence, when this tab knew of the change', async () => {
    const [first] = await twoTabs();
    await first.dispatch({ type: 'DeleteCustomer', customerId: 'ada' });
    const error = await first.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'customer-deleted', changedElsewhere: false });
    expect(describeError(error)).toBe('Ada Lovelace was deleted and can no longer shop.');
  });

  it('expects the read streams at the versions seen, an earlier command of the same batch included, and commits the batch', async () => {
    const [first] = await twoTabs();
    const append = vi.spyOn(first.log, 'appendCommits');
    const results = await Promise.all([
      first.dispatch({ type: 'RegisterProduct', sku: 'TEA', name: 'Tea', priceCents: 300, stock: 0 }),
      first.dispatch({ type: 'Restock', sku: 'TEA', quantity: 4 }),
      // Reads the product stream the restock just moved (speculatively, in the same batch).
      first.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA', quantity: 3 }),
    ]);

    expect(results.map((r) => r.map((e) => e.type))).toEqual([['ProductRegistered'], ['ProductRestocked'], ['ItemAddedToCart']]);
    const commits = append.mock.calls.flatMap(([c]) => c as readonly Commit[]);
    const add = commits.find((c) => c.events[0]!.type === 'ItemAddedToCart')!;
    expect(Object.fromEntries(add.expected)).toEqual({ 'cart-ada': 0, 'customer-ada': 1, 'product-TEA': 2 });
    expect(first.projection.state.carts.get('ada')?.lines).toEqual([{ sku: 'TEA', quantity: 3 }]);
  });
});

describe('restore carries the versions it was worked out against', () => {
  const restoreMug = (basedOn: number, priceCents: unknown = 100): unknown => ({
    type: 'RestoreEntities',
    restoredTo: 1,
    purpose: 'undo',
    entities: [{ kind: 'product', id: 'MUG', basedOn, value: { sku: 'MUG', name: 'Mug', priceCents, stock: 10, discontinued: false } }],
  });

  it('applies a restore whose entities did not move', async () => {
    const [first] = await twoTabs();
    const events = await first.dispatch(restoreMug(1));
    expect(events.map((e) => e.type)).toEqual(['ProductRestored']);
    expect(first.projection.state.products.get('MUG')?.priceCents).toBe(100);
  });

  it('refuses a restore with a stale basedOn and writes nothing', async () => {
    const [first] = await twoTabs();
    await first.dispatch(restock(5));
    const error = await first.dispatch(restoreMug(1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DomainError', code: 'changed-since' });
    expect((error as Error).message).toBe('Cannot undo: Mug changed after this undo was worked out, so nothing was set back.');
    expect(await first.log.count()).toBe(3);
  });

  it('never re-applies a restore over a restock another tab made before its append', async () => {
    const [first, second] = await twoTabs();
    beforeNextAppend(first, () => second.dispatch(restock(5)));

    const error = await first.dispatch(restoreMug(1)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'changed-since', changedElsewhere: true });
    expect(describeError(error)).toMatch(/^Changed in another tab just now: Cannot undo: Mug changed/);
    await waitUntil(() => first.projection.position === 3, 'the first tab to catch up');
    expect(first.projection.state.products.get('MUG')).toMatchObject({ priceCents: 900, stock: 15 });
  });

  it('rejects a malformed entity value with a ValidationError naming the field, and writes nothing', async () => {
    const [first] = await twoTabs();
    const error = await first.dispatch(restoreMug(1, 'NaN')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['entities.0.value.priceCents']);
    expect(await first.log.count()).toBe(2);
  });
});

describe('commands that commute never fail for contention', () => {
  it('keeps every interleaved restock of two runtimes', async () => {
    const [first, second] = await twoTabs();
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? first : second).dispatch(restock(i + 1))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const log = await first.log.readStream('product-MUG');
    expect(log.map((e) => e.version)).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
    await waitUntil(() => first.projection.position === 62 && second.projection.position === 62, 'both tabs to catch up');
    for (const engine of [first, second]) expect(engine.projection.state.products.get('MUG')?.stock).toBe(10 + (60 * 61) / 2);
  });

  it('retries past the no-progress bound for as long as other writers make progress', async () => {
    const [first, second] = await twoTabs();
    const original = first.log.appendCommits.bind(first.log);
    let losses = 0;
    vi.spyOn(first.log, 'appendCommits').mockImplementation(async (commits, options) => {
      if (losses === 10) return original(commits, options);
      losses += 1;
      await second.dispatch(restock(1));
      throw new ConcurrencyError('product-MUG', 1, 1 + losses);
    });
    const events = await first.dispatch(restock(100));
    expect(events).toHaveLength(1);
    expect(first.projection.state.products.get('MUG')?.stock).toBe(10 + 10 + 100);
  });

  it('still gives up when conflicts keep coming with nothing new in the log', async () => {
    const [first] = await twoTabs();
    vi.spyOn(first.log, 'appendCommits').mockRejectedValue(new ConcurrencyError('product-MUG', 1, 2));
    await expect(first.dispatch(restock(1))).rejects.toBeInstanceOf(RetriesExhaustedError);
  });

  it('under a shared write lock, tabs that have heard each other write take turns and never conflict', async () => {
    const lock = inProcessLock();
    const engine = (log: EventLog) =>
      new Engine({
        log,
        model: shopReadModel,
        decider: shopDecider,
        snapshots: { every: 1_000_000, idleMs: 60_000 },
        clock: steppingClock(),
        locks: lock,
      });
    const first = await started(engine(freshLog()));
    await first.dispatch({ type: 'RegisterProduct', sku: 'MUG', name: 'Mug', priceCents: 900, stock: 0 });
    await first.dispatch(restock(1));
    // A tab alone does not take the lock: it costs every command a round trip.
    expect(lock.grants).toBe(0);
    const second = await started(engine(new EventLog(first.log.name)));
    // Once each has heard the other write (the cross-tab signal), both take it.
    await second.dispatch(restock(1));
    await first.dispatch(restock(1));
    await new Promise((r) => setTimeout(r, 50));
    const failures: unknown[] = [];
    for (const tab of [first, second]) {
      const original = tab.log.appendCommits.bind(tab.log);
      vi.spyOn(tab.log, 'appendCommits').mockImplementation((commits, options) =>
        original(commits, options).catch((e: unknown) => {
          failures.push(e);
          throw e;
        }),
      );
    }
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? first : second).dispatch(restock(1))));
    expect(results.flat().map((e: StoredEvent) => e.version)).toHaveLength(40);
    expect(failures).toEqual([]);
    expect(lock.grants).toBeGreaterThan(1);
    expect((await first.log.readStream('product-MUG')).map((e) => e.version)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
  });
});

/** A FIFO mutex with the shape of navigator.locks, shared by engines in one process. */
function inProcessLock(): LockRequester & { grants: number } {
  let tail: Promise<unknown> = Promise.resolve();
  const lock = {
    grants: 0,
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const run = tail.then(() => {
        lock.grants += 1;
        return callback();
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
  return lock;
}
