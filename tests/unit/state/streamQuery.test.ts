import { describe, expect, it } from 'vitest';
import { orderStream, productTag, sampleShopCommands } from '../../../src/domain';
import { createShopHistory, createShopRuntime, noFilter, resolveStreamQuery, TimeMachine } from '../../../src/state';
import { containsWhole } from '../../../src/state/history/streamQuery';
import { steppingClock } from '../../support/harness';
import { sendAndSettle, stoppedAfterEach } from '../../support/openedShops';

const open = stoppedAfterEach();

const send = sendAndSettle;

/** The sample shop, then eleven orders: Ada's #1–#10 of blue mugs, Grace's #11 of a tea cosy. */
async function aShopWithOrders() {
  const runtime = createShopRuntime({
    dbName: `stream-query-${crypto.randomUUID()}`,
    snapshots: { every: 1_000_000, idleMs: 60_000 },
    clock: steppingClock(),
  });
  await runtime.start();
  const machine = new TimeMachine(runtime, { interval: 16 });
  await machine.init();
  open.push({ runtime, machine });
  await send(runtime, sampleShopCommands());
  for (let i = 0; i < 10; i++) {
    await send(runtime, [
      { type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 1 },
      { type: 'CheckoutCart', customerId: 'ada' },
    ]);
  }
  await send(runtime, [
    { type: 'AddItemToCart', customerId: 'grace', sku: 'COSY-KNIT', quantity: 1 },
    { type: 'CheckoutCart', customerId: 'grace' },
  ]);
  const shop = runtime.store.getState().shop;
  const orderNumbered = (n: number) => [...shop.orders.values()].find((o) => o.number === n)!;
  return { runtime, shop, orderNumbered, history: createShopHistory(runtime.log, machine.checkpoints) };
}

describe('a number in a name is matched whole', () => {
  it('finds #1 in "order 1" but not in "order 10" or "order 21"', () => {
    expect(containsWhole('order 1', '1')).toBe(true);
    expect(containsWhole('order 10', '1')).toBe(false);
    expect(containsWhole('order 21', '1')).toBe(false);
    expect(containsWhole('order 10 and order 1', 'order 1')).toBe(true);
    expect(containsWhole('knitted tea cosy', 'tea')).toBe(true);
  });
});

describe('the Stream box resolved against the shop', () => {
  it('is no filter when empty', async () => {
    const { shop } = await aShopWithOrders();
    expect(resolveStreamQuery('   ', shop)).toBeNull();
  });

  it('takes an order number in the ways people write it, and finds that order alone', async () => {
    const { shop, orderNumbered } = await aShopWithOrders();
    const one = orderStream(orderNumbered(1).id);
    for (const typed of ['order #1', 'Order #1', '#1', '1', 'order 1']) {
      const sources = resolveStreamQuery(typed, shop)!;
      expect(sources.streams, typed).toEqual([one]);
      expect(sources.tags, typed).toEqual([]);
    }
    expect(resolveStreamQuery('#10', shop)!.streams).toEqual([orderStream(orderNumbered(10).id)]);
  });

  it('takes a product by name or SKU, case-insensitive, as the tag its events carry', async () => {
    const { shop } = await aShopWithOrders();
    expect(resolveStreamQuery('blue MUG', shop)!.tags).toEqual([productTag('MUG-BLUE')]);
    expect(resolveStreamQuery('COSY', shop)!.tags).toEqual([productTag('COSY-KNIT')]);
    expect(resolveStreamQuery('cosy', shop)!.tags).toEqual([productTag('COSY-KNIT')]);
  });

  it('takes a customer by name, as her stream', async () => {
    const { shop } = await aShopWithOrders();
    expect(resolveStreamQuery('grace', shop)!.streams).toContain('customer-grace');
    expect(resolveStreamQuery('grace', shop)!.streams).not.toContain('customer-ada');
  });

  it('keeps the text as a stream-id prefix, and lists no stream the prefix already covers', async () => {
    const { shop } = await aShopWithOrders();
    const sources = resolveStreamQuery('order-', shop)!;
    expect(sources.streamPrefixes).toEqual(['order-']);
    expect(sources.streams).toEqual([]);
    // A prefix in another case still finds the entity, through the registry.
    expect(resolveStreamQuery('PRODUCT-cosy', shop)!.tags).toEqual([productTag('COSY-KNIT')]);
  });

  it('matches nothing for a name nobody has', async () => {
    const { shop } = await aShopWithOrders();
    expect(resolveStreamQuery('zebra', shop)).toEqual({ streams: [], streamPrefixes: ['zebra'], tags: [] });
  });
});

describe('the event list filtered by the Stream box', () => {
  it("finds an order's events by its number, a product's by its name, and every order's by the prefix", async () => {
    const { runtime, shop, orderNumbered, history } = await aShopWithOrders();
    const present = runtime.store.getState().position;
    const signal = { cancelled: false };
    const all = await history.eventsBetween(1, present);
    const search = (typed: string) =>
      history.matchingPositions({ ...noFilter, streamId: typed }, present, signal, resolveStreamQuery(typed, shop));

    const order11 = orderStream(orderNumbered(11).id);
    const expected11 = all.filter((e) => e.streamId === order11).map((e) => e.seq);
    expect(expected11.length).toBeGreaterThan(0);
    expect(await search('order #11')).toEqual(expected11);

    const cosy = all.filter((e) => e.tags.includes(productTag('COSY-KNIT'))).map((e) => e.seq);
    expect(cosy.length).toBeGreaterThan(1);
    expect(await search('Knitted tea cosy')).toEqual(cosy);

    const orders = all.filter((e) => e.streamId.startsWith('order-')).map((e) => e.seq);
    expect(await search('order-')).toEqual(orders);
    expect(await search('zebra')).toEqual([]);
    // Combined with a type, it narrows further.
    const placed = await history.matchingPositions(
      { ...noFilter, streamId: 'order #11', type: 'OrderPlaced' },
      present,
      signal,
      resolveStreamQuery('order #11', shop),
    );
    expect(placed).toEqual(all.filter((e) => e.streamId === order11 && e.type === 'OrderPlaced').map((e) => e.seq));
  });

  it('without resolved names, takes the text as a stream-id prefix', async () => {
    const { runtime, history } = await aShopWithOrders();
    const present = runtime.store.getState().position;
    const all = await history.eventsBetween(1, present);
    const found = await history.matchingPositions({ ...noFilter, streamId: 'customer-' }, present, { cancelled: false });
    expect(found).toEqual(all.filter((e) => e.streamId.startsWith('customer-')).map((e) => e.seq));
  });
});
