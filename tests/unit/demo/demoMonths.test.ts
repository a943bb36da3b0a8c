import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/es';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { CLOSES_AT_HOUR, OPENS_AT_HOUR, generateDemoHistory } from '../../../src/demo';
import { steppingClock } from '../../support/harness';

const DAY = 86_400_000;
/** The computer's clock as these tests' runtimes see it: years after any demo's months, so a real stamp is told apart. */
const REAL_START = Date.UTC(2031, 0, 1);
const NOW = '2026-12-01T15:00:00.000Z';

const runtimes: ShopRuntime[] = [];
async function emptyShop(): Promise<ShopRuntime> {
  const runtime = createShopRuntime({
    dbName: `demo-months-${crypto.randomUUID()}`,
    clock: steppingClock(REAL_START),
    snapshots: { idleMs: 60_000 },
  });
  runtimes.push(runtime);
  await runtime.start();
  return runtime;
}

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
});

const allEvents = (runtime: ShopRuntime) => runtime.log.readRange(1, Infinity);
const real = (e: StoredEvent) => Date.parse(e.at) >= REAL_START;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** An event as the same seed must give it again: ids made by the bus (random) left out. */
const repeatable = (e: StoredEvent) => [e.seq, e.type, e.at, e.streamId.replace(uuid, 'id'), JSON.stringify(e.payload).replace(uuid, 'id')];

describe('a demo history spans months of a shop’s life', () => {
  it('gives the same events at the same moments for the same seed, present and starting log', async () => {
    const [a, b] = [await emptyShop(), await emptyShop()];
    for (const shop of [a, b]) await generateDemoHistory(shop, { events: 1_200, seed: 3, now: NOW });
    for (const shop of [a, b]) await generateDemoHistory(shop, { events: 500, seed: 3, now: '2026-12-20T12:00:00.000Z' });
    const [eventsA, eventsB] = [await allEvents(a), await allEvents(b)];
    expect(eventsA).toHaveLength(1_700);
    expect(eventsA.map(repeatable)).toEqual(eventsB.map(repeatable));

    const other = await emptyShop();
    await generateDemoHistory(other, { events: 1_200, seed: 4, now: NOW });
    expect((await allEvents(other)).map((e) => e.at)).not.toEqual(eventsA.slice(0, 1_200).map((e) => e.at));
  });

  it('places a checkout’s order within hours of it, as a shop would, not days later', async () => {
    const shop = await emptyShop();
    await generateDemoHistory(shop, { events: 10_000, seed: 5, now: NOW });
    const events = await allEvents(shop);
    const requested = new Map<string, number>();
    const gaps: number[] = [];
    for (const e of events) {
      if (e.type === 'CheckoutRequested') requested.set(e.id, Date.parse(e.at));
      else if (e.type === 'OrderPlaced' && e.meta.causationId && requested.has(e.meta.causationId))
        gaps.push(Date.parse(e.at) - requested.get(e.meta.causationId)!);
    }
    expect(gaps.length).toBeGreaterThan(100);
    // Batches of a few days once left carts checking out for days (median 70 h at 10k events).
    const hours = gaps.map((g) => g / 3_600_000).sort((a, b) => a - b);
    expect(hours[Math.floor(hours.length / 2)]!).toBeLessThan(3);
    // A checkout near closing time is placed at the next opening, never days later.
    expect(hours.at(-1)!).toBeLessThan(24);
  });

  it('ends at the present and starts months before, in opening hours, with time never going back', async () => {
    const shop = await emptyShop();
    const result = await generateDemoHistory(shop, { events: 3_000, seed: 8, now: NOW });
    const events = await allEvents(shop);
    expect(events).toHaveLength(3_000);
    const times = events.map((e) => Date.parse(e.at));
    expect(times[0]!).toBeGreaterThanOrEqual(Date.parse(NOW) - 182 * DAY);
    expect(times[0]!).toBeLessThan(Date.parse(NOW) - 170 * DAY);
    expect(times.at(-1)!).toBeLessThanOrEqual(Date.parse(NOW));
    expect(times.at(-1)!).toBeGreaterThan(Date.parse(NOW) - 3 * DAY);
    for (let i = 1; i < times.length; i += 1) expect(times[i]!, `event ${i + 1}`).toBeGreaterThanOrEqual(times[i - 1]!);
    const hours = new Set(events.map((e) => new Date(e.at).getUTCHours()));
    expect([...hours].every((h) => h >= OPENS_AT_HOUR && h < CLOSES_AT_HOUR)).toBe(true);
    expect(result.from).toBe(events[0]!.at);
    expect(result.until).toBe(events.at(-1)!.at);
  });

  it('is busier at weekends, and has its sale week, restocks, returns, cancellations and new customers throughout', async () => {
    const shop = await emptyShop();
    const result = await generateDemoHistory(shop, { events: 6_000, seed: 12, now: NOW });
    const events = await allEvents(shop);
    const ofType = (type: string) => events.filter((e) => e.type === type);

    // Events per calendar day, weekend days against weekdays.
    const perDay = new Map<string, number>();
    for (const e of events) perDay.set(e.at.slice(0, 10), (perDay.get(e.at.slice(0, 10)) ?? 0) + 1);
    const average = (weekend: boolean) => {
      const days = [...perDay].filter(([day]) => [0, 6].includes(new Date(day).getUTCDay()) === weekend).map(([, n]) => n);
      return days.reduce((sum, n) => sum + n, 0) / days.length;
    };
    expect(average(true)).toBeGreaterThan(1.4 * average(false));

    // The sale: its code is created before its week, applied heavily in it, switched off after.
    const created = ofType('DiscountCodeCreated').map(
      (e) => e.payload as { code: string; validFrom: string | null; validUntil: string | null },
    );
    const sale = created.find((c) => c.code.startsWith('SALE-'))!;
    expect(sale.validFrom).not.toBeNull();
    const applied = ofType('DiscountCodeApplied').map((e) => ({ code: (e.payload as { code: string }).code, day: e.at.slice(0, 10) }));
    const inSale = applied.filter((a) => a.code === sale.code);
    expect(inSale.length).toBeGreaterThan(20);
    expect(inSale.every((a) => a.day >= sale.validFrom! && a.day <= sale.validUntil!)).toBe(true);
    const otherPerDay = applied.filter((a) => a.code !== sale.code).length / 182;
    expect(inSale.length / 7).toBeGreaterThan(3 * otherPerDay);
    expect(ofType('DiscountCodeDeactivated').map((e) => (e.payload as { code: string }).code)).toContain(sale.code);
    const discounted = ofType('OrderPlaced').filter((e) => (e.payload as { discount?: unknown }).discount);
    expect(discounted.length).toBeGreaterThan(10);

    expect(ofType('ProductRestocked').length).toBeGreaterThan(0);
    expect(ofType('ItemsReturned').length).toBeGreaterThan(0);
    expect(ofType('OrderCancelled').length).toBeGreaterThan(0);
    // Customers keep arriving: some register in each third of the run.
    const first = Date.parse(events[0]!.at);
    const third = (Date.parse(events.at(-1)!.at) - first) / 3;
    const arrivals = ofType('CustomerRegistered').map((e) => Math.min(2, Math.floor((Date.parse(e.at) - first) / third)));
    for (const part of [0, 1, 2]) expect(arrivals.filter((p) => p === part).length, `third ${part + 1}`).toBeGreaterThan(10);

    // What the run says it made is what the log holds.
    expect(result.made).toEqual({
      customers: ofType('CustomerRegistered').length,
      orders: ofType('OrderPlaced').length,
      cancelled: ofType('OrderCancelled').length,
      returned: new Set(ofType('ItemsReturned').map((e) => (e.payload as { orderId: string }).orderId)).size,
      discountCodes: created.length,
      restocks: ofType('ProductRestocked').length,
    });
  });

  it('stamps the orders the checkout process manager places with the run’s time', async () => {
    const shop = await emptyShop();
    await generateDemoHistory(shop, { events: 1_500, seed: 2, now: NOW });
    const events = await allEvents(shop);
    const placed = events.filter((e) => e.type === 'OrderPlaced');
    expect(placed.length).toBeGreaterThan(20);
    const checkouts = new Map(events.filter((e) => e.type === 'CheckoutRequested').map((e) => [e.id, e]));
    for (const order of placed) {
      const checkout = checkouts.get(order.meta.causationId!)!;
      expect(checkout, 'caused by a checkout').toBeDefined();
      expect(real(order)).toBe(false);
      expect(order.at >= checkout.at && order.at <= NOW).toBe(true);
    }
    expect(events.some(real)).toBe(false);
  });

  it('leaves real time on commands someone sends during the run, and on what they cause', async () => {
    const shop = await emptyShop();
    let sent: Promise<unknown> | null = null;
    await generateDemoHistory(shop, {
      events: 1_500,
      seed: 6,
      now: NOW,
      onProgress: () => {
        sent ??= (async () => {
          await shop.dispatch({ type: 'RegisterCustomer', customerId: 'walk-in', name: 'Walk In' });
          const sku = shop.store.getState().shop.products.keySeq().first()!;
          await shop.dispatch({ type: 'AddItemToCart', customerId: 'walk-in', sku, quantity: 1 });
          await shop.dispatch({ type: 'CheckoutCart', customerId: 'walk-in' });
        })();
      },
    });
    await sent;
    await shop.engine.commands.idle();
    // Their chains: the commands they sent and all those caused (the order placed for their checkout).
    const events = await allEvents(shop);
    const chains = new Set(events.filter((e) => JSON.stringify(e.payload).includes('walk-in')).map((e) => e.meta.correlationId));
    const theirs = events.filter((e) => chains.has(e.meta.correlationId));
    expect(theirs.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CustomerRegistered', 'CheckoutRequested', 'OrderPlaced', 'StockReserved']),
    );
    expect(theirs.every(real)).toBe(true);
    expect(events.filter((e) => !chains.has(e.meta.correlationId)).some(real)).toBe(false);
  });

  it('continues an existing log from its last event, never past the present', async () => {
    const shop = await emptyShop();
    await generateDemoHistory(shop, { events: 800, seed: 1, now: NOW });
    const lastBefore = (await shop.log.readRange(800, 800))[0]!.at;
    const later = new Date(Date.parse(NOW) + 10 * DAY).toISOString();
    await generateDemoHistory(shop, { events: 777, seed: 1, now: later });
    const added = await shop.log.readRange(801, Infinity);
    expect(added).toHaveLength(777);
    expect(added[0]!.at >= lastBefore).toBe(true);
    expect(added.at(-1)!.at <= later).toBe(true);
    // Ten days left before the present: the run fills them, not six months.
    expect(Date.parse(added.at(-1)!.at) - Date.parse(added[0]!.at)).toBeGreaterThan(7 * DAY);
  });

  it('refuses a bad request with a sentence, writing nothing', async () => {
    const shop = await emptyShop();
    await expect(generateDemoHistory(shop, { events: -5 })).rejects.toThrow(
      'The number of events must be a whole number of at least 0, not -5.',
    );
    await expect(generateDemoHistory(shop, { events: 10, now: 'soon' })).rejects.toThrow('"soon" is not a moment');
    await expect(generateDemoHistory(shop, { events: 10, days: 0 })).rejects.toThrow('more than 0 days');
    expect(await shop.log.count()).toBe(0);
  });
});
