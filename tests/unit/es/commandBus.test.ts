import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConcurrencyError,
  DomainError,
  EventBus,
  EventLog,
  RetriesExhaustedError,
  StorageFullError,
  ValidationError,
  type Engine,
  type StoredEvent,
} from '../../../src/es';
import { shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, shopEngine } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';

const engines: Engine<ShopState, Command>[] = [];
function started(log?: EventLog): Promise<Engine<ShopState, Command>> {
  const engine = shopEngine(log);
  engines.push(engine);
  return engine.start().then(() => engine);
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

const product = (sku: string, stock = 10): Command => ({ type: 'RegisterProduct', sku, name: `Product ${sku}`, priceCents: 100, stock });

/** The log's events grouped by the command that wrote them, in log order. */
function commandRuns(events: StoredEvent[]): string[] {
  const runs: string[] = [];
  for (const e of events) if (runs[runs.length - 1] !== e.meta.commandId) runs.push(e.meta.commandId);
  return runs;
}

describe('group commit', () => {
  it('stores a burst of commands in dispatch order, each command contiguous, in few transactions', async () => {
    const engine = await started();
    await Promise.all(
      [product('MUG'), product('TEA'), { type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' }].map((c) => engine.dispatch(c)),
    );
    await engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 2 });
    await engine.dispatch({ type: 'CheckoutCart', customerId: 'ada' });
    const checkoutId = engine.projection.state.carts.get('ada')!.pendingCheckout!.checkoutId;
    const before = await engine.log.lastPosition();

    const appendSpy = vi.spyOn(engine.log, 'appendCommits');
    const burst: Command[] = [
      product('P1'),
      { type: 'PlaceOrder', customerId: 'ada', checkoutId }, // four events: order, reservation, cart
      product('P2'),
      { type: 'Restock', sku: 'P1', quantity: 5 }, // needs P1 from earlier in the same burst
      product('P3'),
      { type: 'CancelOrder', orderId: checkoutId }, // needs the order placed earlier in the burst
      product('P4'),
    ];
    const results = await Promise.all(burst.map((c) => engine.dispatch(c)));

    expect(results.map((r) => r.length)).toEqual([1, 3, 1, 1, 1, 2, 1]);
    const written = await engine.log.readRange(before + 1);
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => before + 1 + i));
    expect(written).toEqual(results.flat());
    expect(commandRuns(written)).toEqual(results.map((r) => r[0]!.meta.commandId));
    expect(written.map((e) => e.type)).toEqual([
      'ProductRegistered',
      'OrderPlaced',
      'StockReserved',
      'CartCheckedOut',
      'ProductRegistered',
      'ProductRestocked',
      'ProductRegistered',
      'OrderCancelled',
      'StockReleased',
      'ProductRegistered',
    ]);
    // The first command goes out alone; everything queued behind it shares one transaction.
    expect(appendSpy.mock.calls.length).toBeLessThanOrEqual(2);
    expect(engine.projection.position).toBe(before + 10);
    expect(engine.projection.state.products.get('P1')?.stock).toBe(15);
  });

  it('refuses one command of a burst without affecting the others', async () => {
    const engine = await started();
    const burst: unknown[] = [
      product('A'),
      product('B'),
      product('A'), // duplicate SKU, decided against the speculative state that already holds A
      { type: 'Restock', sku: 'B', quantity: 0 }, // invalid
      product('C'),
    ];
    const results = await Promise.allSettled(burst.map((c) => engine.dispatch(c)));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'duplicate-sku' });
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    const log = await engine.log.readRange(1);
    expect(log.map((e) => [e.seq, (e.payload as { sku: string }).sku])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
    expect([...engine.projection.state.products.keys()].sort()).toEqual(['A', 'B', 'C']);
  });
});

describe('a refused command', () => {
  it('appends nothing and leaves the projection where it was', async () => {
    const engine = await started();
    await engine.dispatch(product('MUG', 1));
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    const state = engine.projection.state;
    const published: StoredEvent[] = [];
    engine.bus.subscribe((e) => published.push(e));

    await expect(engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 2 })).rejects.toMatchObject({
      name: 'DomainError',
      code: 'insufficient-stock',
    });
    await expect(engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await engine.log.count()).toBe(2);
    expect(engine.projection.position).toBe(2);
    expect(engine.projection.state).toBe(state);
    expect(published).toEqual([]);
  });

  it('resolves a no-op command with no events and writes nothing', async () => {
    const engine = await started();
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    expect(await engine.dispatch({ type: 'PlaceOrder', customerId: 'ada', checkoutId: 'none' })).toEqual([]);
    expect(await engine.log.count()).toBe(1);
  });
});

describe('write failures', () => {
  it('rejects every command of the batch with a storage error, keeps nothing, and carries on afterwards', async () => {
    const engine = await started();
    const full = new StorageFullError(new Error('QuotaExceededError'));
    vi.spyOn(engine.log, 'appendCommits').mockRejectedValueOnce(full);
    await expect(engine.dispatch(product('A'))).rejects.toBe(full);
    expect(engine.projection.position).toBe(0);
    expect(await engine.log.count()).toBe(0);
    await engine.dispatch(product('B'));
    expect((await engine.log.readRange(1)).map((e) => e.seq)).toEqual([1]);
  });

  it('gives up with RetriesExhaustedError when the stream keeps moving', async () => {
    const engine = await started();
    const append = vi.spyOn(engine.log, 'appendCommits').mockRejectedValue(new ConcurrencyError('product-A', 0, 1));
    const error = await engine.dispatch(product('A')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(6);
    expect(append).toHaveBeenCalledTimes(6); // the first try and five retries
    append.mockRestore();
    expect(await engine.log.count()).toBe(0);
  });
});

describe('two tabs on one database', () => {
  it('both succeed on the same stream through conflict and retry, with gap-free positions and versions', async () => {
    const first = await started();
    await first.dispatch(product('MUG', 0));
    const second = await started(new EventLog(first.log.name));
    expect(second.projection.position).toBe(1);

    const conflicts = vi.spyOn(second.log, 'appendCommits');
    const restocks = (n: number) => Array.from({ length: 4 }, (_, i) => ({ type: 'Restock', sku: 'MUG', quantity: n + i }));
    const results = await Promise.all([
      ...restocks(1).map((c) => first.dispatch(c)),
      ...restocks(100).map((c) => second.dispatch(c)),
      ...restocks(1000).map((c) => first.dispatch(c)),
    ]);

    expect(results.every((r) => r.length === 1)).toBe(true);
    const rejected = await Promise.all(
      conflicts.mock.results.map((r) =>
        (r.value as Promise<unknown>).then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    );
    // The test only means something if the second tab really lost a race and retried.
    expect(rejected.some((e) => e instanceof ConcurrencyError)).toBe(true);

    const log = await first.log.readRange(1);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect((await first.log.readStream('product-MUG')).map((e) => e.version)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const expectedStock = [1, 2, 3, 4, 100, 101, 102, 103, 1000, 1001, 1002, 1003].reduce((a, b) => a + b, 0);

    await waitUntil(() => first.projection.position === 13 && second.projection.position === 13, 'both tabs to catch up');
    for (const engine of [first, second]) {
      expect(engine.projection.state.products.get('MUG')?.stock).toBe(expectedStock);
      expect(engine.projection.versionOf('product-MUG')).toBe(13);
    }
  });

  it('publishes the other tab’s events on this tab’s bus, in order', async () => {
    const first = await started();
    const second = await started(new EventLog(first.log.name));
    const seen: number[] = [];
    second.bus.subscribe((e) => seen.push(e.seq));
    await Promise.all([product('A'), product('B'), product('C')].map((c) => first.dispatch(c)));
    await waitUntil(() => seen.length === 3, 'the second tab to hear of three events');
    expect(seen).toEqual([1, 2, 3]);
    expect([...second.projection.state.products.keys()].sort()).toEqual(['A', 'B', 'C']);
  });
});

describe('the event bus', () => {
  it('tells subscribers of every event, in log order, only once it is durable', async () => {
    const log = freshLog();
    const durable = new Set<number>();
    const original = log.appendCommits.bind(log);
    vi.spyOn(log, 'appendCommits').mockImplementation(async (commits) => {
      const rows = await original(commits);
      for (const row of rows) durable.add(row.seq);
      return rows;
    });
    const engine = await started(log);
    const heard: Array<{ seq: number; durable: boolean; inProjection: boolean }> = [];
    engine.bus.subscribe((e) => heard.push({ seq: e.seq, durable: durable.has(e.seq), inProjection: engine.projection.position >= e.seq }));

    await Promise.all(
      [product('A'), product('B'), { type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' }, product('A'), product('C')].map((c) =>
        engine.dispatch(c).catch(() => []),
      ),
    );
    await engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'A', quantity: 1 });

    expect(heard).toEqual([1, 2, 3, 4, 5].map((seq) => ({ seq, durable: true, inProjection: true })));
    expect((await log.readRange(1)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps telling other subscribers when one of them throws', () => {
    const errors: Array<[unknown, number]> = [];
    const bus = new EventBus((error, event) => errors.push([error, event.seq]));
    const heard: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken subscriber');
    });
    bus.subscribe((e) => heard.push(e.seq));
    const events = [1, 2].map((seq) => ({ seq }) as StoredEvent);
    bus.publish(events);
    expect(heard).toEqual([1, 2]);
    expect(errors.map(([, seq]) => seq)).toEqual([1, 2]);
  });
});

describe('start-up', () => {
  it('replays the log into the projection and reports progress', async () => {
    const writer = await started();
    await Promise.all(['A', 'B', 'C', 'D'].map((sku) => writer.dispatch(product(sku))));
    const reader = shopEngine(new EventLog(writer.log.name));
    engines.push(reader);
    const progress: Array<[number, number]> = [];
    await reader.start((p) => progress.push([p.replayed, p.total]));
    expect(progress[0]).toEqual([0, 4]);
    expect(progress[progress.length - 1]).toEqual([4, 4]);
    expect(JSON.stringify(shopReadModel.serialize(reader.projection.state))).toBe(
      JSON.stringify(shopReadModel.serialize(writer.projection.state)),
    );
  });
});

describe('a sender tag', () => {
  it('is added to the first event of the command only, and lists the sender’s commands newest first', async () => {
    const engine = await started();
    await engine.dispatch(product('A'), undefined, 'device:one');
    await engine.dispatch(product('B'));
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'c1', name: 'Cy' }, undefined, 'device:one');
    await engine.dispatch({ type: 'AddItemToCart', customerId: 'c1', sku: 'A', quantity: 1 });
    const [requested] = await engine.dispatch({ type: 'CheckoutCart', customerId: 'c1' });
    const placed = await engine.dispatch(
      { type: 'PlaceOrder', customerId: 'c1', checkoutId: (requested!.payload as { checkoutId: string }).checkoutId },
      undefined,
      'device:one',
    );
    expect(placed.map((e) => e.tags.includes('device:one'))).toEqual([true, false, false]);
    const all = await engine.log.readRange(1);
    expect(all.filter((e) => e.tags.includes('device:one')).map((e) => e.type)).toEqual([
      'ProductRegistered',
      'CustomerRegistered',
      'OrderPlaced',
    ]);
    const newest = await engine.log.readNewest({ tag: 'device:one', limit: 2 });
    expect(newest.map((e) => e.type)).toEqual(['OrderPlaced', 'CustomerRegistered']);
  });
});
