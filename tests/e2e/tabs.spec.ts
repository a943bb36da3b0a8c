import { expect, test, type Page } from '@playwright/test';
import { evolve, initialShopState, type ShopState } from '../../src/domain';
import type { StoredEvent } from '../../src/es';
import '../bench/pages/globals';

// Four tabs of one origin send interleaved commands on shared customers, products and carts;
// afterwards the log must hold exactly what was acknowledged, and replaying it must break no rule
// a decision checked. `npm run test:tabs` runs 2,500 commands per tab.
const COMMANDS = Number(process.env.REWIND_TABS_COMMANDS ?? 150);
const TABS = 4;

test.setTimeout(60_000 + COMMANDS * TABS * 150);

interface TabResult {
  sent: number;
  refusals: Array<{ name: string; code?: string; message: string }>;
}

/** Runs in a page: wraps the engine's dispatch so every acknowledged event is counted, process managers' and undo's too. */
async function countAcknowledged(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.rewind.ready;
    const engine = window.rewind.runtime.engine;
    const dispatch = engine.dispatch.bind(engine);
    const acknowledged: string[] = [];
    Object.assign(window, { acknowledged });
    engine.dispatch = (command, cause) =>
      dispatch(command, cause).then((events) => {
        for (const e of events) acknowledged.push(e.id);
        return events;
      });
  });
}

/** Runs in a page: `count` seeded random commands, a few in flight at once, mixing every kind of write. */
function runCommands({ seed, count }: { seed: number; count: number }): Promise<TabResult> {
  let s = seed;
  const random = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const { runtime, timeMachine } = window.rewind;
  const refusals: TabResult['refusals'] = [];
  const note = (error: unknown) => {
    const e = error as { name?: string; code?: string; message?: string };
    refusals.push({ name: e.name ?? 'unknown', code: e.code, message: e.message ?? String(error) });
  };
  const skus = ['P0', 'P1', 'P2', 'P3'];
  const step = (): Promise<unknown> => {
    const shop = runtime.store.getState().shop;
    // The newest few live customers: every tab shops for, and deletes, the same ones at once.
    const live = [...shop.customers.values()].filter((c) => !c.deleted).sort((a, b) => (a.registeredAt < b.registeredAt ? 1 : -1));
    const customerId = pick(live.slice(0, 3))?.id ?? 'c0';
    const sku = pick(skus)!;
    const orderId = pick([...shop.orders.keys()]);
    const r = random();
    const send = timeMachine.commands.send.bind(timeMachine.commands);
    if (r < 0.3) return send({ type: 'Restock', sku, quantity: 1 + Math.floor(random() * 3) });
    if (r < 0.55) return send({ type: 'AddItemToCart', customerId, sku, quantity: 1 + Math.floor(random() * 3) });
    if (r < 0.6) return send({ type: 'ChangeCartItemQuantity', customerId, sku, quantity: 1 + Math.floor(random() * 4) });
    if (r < 0.63) return send({ type: 'RemoveItemFromCart', customerId, sku });
    if (r < 0.71) return send({ type: 'CheckoutCart', customerId });
    if (r < 0.77) return send({ type: 'DeleteCustomer', customerId });
    if (r < 0.84) return send({ type: 'RegisterCustomer', name: `Shopper ${seed}-${Math.floor(random() * 1e6)}` });
    if (r < 0.86) return send({ type: 'ChangePrice', sku, priceCents: 100 + Math.floor(random() * 900) });
    if (r < 0.89 && orderId) return send({ type: 'PayOrder', orderId });
    if (r < 0.91 && orderId) return send({ type: 'CancelOrder', orderId });
    if (r < 0.92 && orderId) return send({ type: 'ShipOrder', orderId });
    if (r < 0.96) return timeMachine.undo();
    return runtime.dispatch({ type: 'Restock', sku, quantity: 1 });
  };
  return (async () => {
    let inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      inFlight.push(step().catch(note));
      if (inFlight.length >= 4 || random() < 0.3) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
    await runtime.engine.commands.idle();
    return { sent: count, refusals };
  })();
}

/** Runs in a page: what start-up does for checkouts left waiting (place the order, or record why not); returns how many were waiting. */
async function resumePendingCheckouts(): Promise<number> {
  const { runtime } = window.rewind;
  const waiting = [...runtime.store.getState().shop.carts.values()].filter((c) => c.pendingCheckout);
  for (const cart of waiting) {
    const checkout = { customerId: cart.customerId, checkoutId: cart.pendingCheckout!.checkoutId };
    await runtime
      .dispatch({ type: 'PlaceOrder', ...checkout })
      .catch((error: Error) =>
        error.name === 'DomainError'
          ? runtime.dispatch({ type: 'RejectCheckout', ...checkout, reason: error.message })
          : Promise.reject(error),
      );
  }
  return waiting.length;
}

const stateOf = (page: Page) => page.evaluate(() => JSON.stringify(window.rewind.runtime.store.getState().shop));
const positionOf = (page: Page) => page.evaluate(() => window.rewind.runtime.store.getState().position);

/** JSON with every object's keys sorted: maps filled in a different order (a snapshot, a fold) compare equal. */
function canonical(json: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(json)));
}

/** Folds the log event by event and lists every event that breaks a rule its decision checked. */
function violations(log: readonly StoredEvent[]): string[] {
  const found: string[] = [];
  let state: ShopState = initialShopState();
  const customerOk = (id: string) => state.customers.get(id)?.deleted === false;
  for (const event of log) {
    const p = event.payload as { customerId?: string; sku?: string; lines?: Array<{ sku: string }> };
    if (['ItemAddedToCart', 'CartItemQuantityChanged', 'CheckoutRequested'].includes(event.type) && !customerOk(p.customerId!)) {
      found.push(`#${event.seq} ${event.type} for deleted or unknown customer ${p.customerId}`);
    }
    if (event.type === 'StockReserved' && !state.products.has(p.sku!)) found.push(`#${event.seq} reserves unknown product ${p.sku}`);
    if (event.type === 'OrderPlaced') {
      for (const line of p.lines ?? []) if (!state.products.has(line.sku)) found.push(`#${event.seq} orders unknown ${line.sku}`);
    }
    state = evolve(state, event);
    for (const [sku, product] of state.products) if (product.stock < 0) found.push(`#${event.seq} leaves ${sku} at ${product.stock}`);
  }
  return found;
}

test('four tabs writing at once: nothing lost, nothing refused for contention, no rule broken, every tab agrees', async ({ context }) => {
  const pages = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
  await pages[0]!.goto('/');
  await pages[0]!.evaluate(async () => {
    await window.rewind.ready;
    const products = ['P0', 'P1', 'P2', 'P3'].map((sku) => ({
      type: 'RegisterProduct' as const,
      sku,
      name: `Product ${sku}`,
      priceCents: 500,
      stock: 20,
    }));
    const customers = Array.from({ length: 8 }, (_, i) => ({
      type: 'RegisterCustomer' as const,
      customerId: `c${i}`,
      name: `Customer ${i}`,
    }));
    await window.rewind.timeMachine.commands.sendAll([...products, ...customers]);
  });
  for (const page of pages.slice(1)) await page.goto('/');
  for (const page of pages) await countAcknowledged(page);
  await expect.poll(() => Promise.all(pages.map(positionOf))).toEqual(pages.map(() => 12));

  const results = await Promise.all(pages.map((page, i) => page.evaluate(runCommands, { seed: 1_000 + i, count: COMMANDS })));

  // Process managers in every tab place the orders of checkouts. An undo of a customer's deletion
  // can bring back a cart with a checkout still pending, which no process manager hears of (a
  // fresh tab resumes it at start-up): settle those the same way, then none may be left waiting.
  for (let round = 0; round < 5; round++) {
    await Promise.all(pages.map((page) => page.evaluate(() => window.rewind.runtime.engine.commands.idle())));
    const left = await pages[0]!.evaluate(resumePendingCheckouts);
    if (left === 0) break;
  }
  await Promise.all(pages.map((page) => page.evaluate(() => window.rewind.runtime.engine.commands.idle())));
  expect(await pages[0]!.evaluate(resumePendingCheckouts)).toBe(0);

  const refusals = results.flatMap((r) => r.refusals);
  const elsewhere = refusals.filter((r) => r.message.startsWith('Changed in another tab')).length;
  expect(refusals.filter((r) => /gave up/i.test(r.message) || r.name === 'RetriesExhaustedError' || r.name === 'ConcurrencyError')).toEqual(
    [],
  );
  // Every refusal is a rule's (or the shape of a command's), never an unexpected failure.
  expect(refusals.filter((r) => r.name !== 'DomainError' && r.name !== 'ValidationError')).toEqual([]);
  expect(refusals.length).toBeLessThan(COMMANDS * TABS);

  const log = await pages[0]!.evaluate(() => window.rewind.runtime.log.readRange(1));
  const acknowledged = (
    await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { acknowledged: string[] }).acknowledged)))
  ).flat();
  // Setup's twelve events were acknowledged before counting began.
  const counted = log.slice(12);
  expect(new Set(acknowledged).size).toBe(acknowledged.length);
  expect(counted.length).toBe(acknowledged.length);
  expect(new Set(counted.map((e) => e.id))).toEqual(new Set(acknowledged));

  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const versions = new Map<string, number>();
  for (const e of log) {
    expect(e.version, `${e.streamId} at #${e.seq}`).toBe((versions.get(e.streamId) ?? 0) + 1);
    versions.set(e.streamId, e.version);
  }
  expect(violations(log)).toEqual([]);

  const fresh = await context.newPage();
  await fresh.goto('/');
  await fresh.evaluate(() => window.rewind.ready);
  await expect.poll(() => Promise.all([...pages, fresh].map(positionOf))).toEqual([...pages, fresh].map(() => log.length));
  const expected = canonical(await stateOf(fresh));
  for (const page of pages) expect(canonical(await stateOf(page))).toBe(expected);
  const figures = `${TABS} tabs × ${COMMANDS} commands: ${log.length} events, all ${acknowledged.length} acknowledged ones in the log; ${refusals.length} refused by a rule (${elsewhere} of them "changed in another tab"), 0 for contention`;
  console.log(`[tabs] ${figures}`);
  test.info().annotations.push({ type: 'figures', description: figures });
});
