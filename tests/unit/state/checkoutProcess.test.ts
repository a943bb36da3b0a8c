import { afterEach, describe, expect, it } from 'vitest';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { sampleShopCommands } from '../../../src/domain';
import { freshLog, shopEngine, steppingClock } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';

const runtimes: ShopRuntime[] = [];
async function startedShop(): Promise<ShopRuntime> {
  const runtime = createShopRuntime({ dbName: `runtime-${crypto.randomUUID()}`, clock: steppingClock(), snapshots: { idleMs: 60_000 } });
  runtimes.push(runtime);
  await runtime.start();
  await Promise.all(sampleShopCommands().map((c) => runtime.dispatch(c)));
  return runtime;
}

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
});

describe('the checkout process', () => {
  it('turns a checkout into a placed order, reserved stock and an empty cart', async () => {
    const runtime = await startedShop();
    await runtime.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 3 });
    await runtime.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'POT-WHITE', quantity: 1 });
    const [requested] = await runtime.dispatch({ type: 'CheckoutCart', customerId: 'ada' });

    await waitUntil(() => runtime.store.getState().shop.orders.size === 1, 'the order to be placed');
    const { shop } = runtime.store.getState();
    const order = shop.orders.first()!;
    expect(order).toMatchObject({ number: 1, customerId: 'ada', status: 'placed', totalCents: 3 * 1250 + 3400 });
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['MUG-BLUE', 3],
      ['POT-WHITE', 1],
    ]);
    expect(shop.products.get('MUG-BLUE')?.stock).toBe(17);
    expect(shop.products.get('POT-WHITE')?.stock).toBe(4);
    expect(shop.carts.get('ada')).toMatchObject({ lines: [], pendingCheckout: null, lastCheckoutError: null });

    // The follow-up events name the checkout that caused them and share its correlation id.
    const followUps = await runtime.log.readRange(requested!.seq + 1);
    expect(followUps.map((e) => e.type)).toEqual(['OrderPlaced', 'StockReserved', 'StockReserved', 'CartCheckedOut']);
    for (const e of followUps) {
      expect(e.meta.causationId).toBe(requested!.id);
      expect(e.meta.correlationId).toBe(requested!.meta.correlationId);
    }
    expect(runtime.store.getState().position).toBe(followUps[followUps.length - 1]!.seq);
  });

  it('records why on the cart when the order cannot be placed (product discontinued in between)', async () => {
    const runtime = await startedShop();
    await runtime.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'COSY-KNIT', quantity: 2 });
    // Same tick: the discontinuation is queued before the process manager's PlaceOrder.
    const checkout = runtime.dispatch({ type: 'CheckoutCart', customerId: 'grace' });
    const discontinue = runtime.dispatch({ type: 'DiscontinueProduct', sku: 'COSY-KNIT' });
    await Promise.all([checkout, discontinue]);

    await waitUntil(() => runtime.store.getState().shop.carts.get('grace')?.lastCheckoutError != null, 'the checkout to be refused');
    const { shop } = runtime.store.getState();
    const cart = shop.carts.get('grace')!;
    expect(cart.lastCheckoutError).toBe('Knitted tea cosy was discontinued before the order could be placed.');
    expect(cart.pendingCheckout).toBeNull();
    expect(cart.lines).toEqual([{ sku: 'COSY-KNIT', quantity: 2 }]);
    expect(shop.orders.size).toBe(0);
    expect(shop.products.get('COSY-KNIT')?.stock).toBe(3);
    const types = (await runtime.log.readRange(9)).map((e) => e.type);
    expect(types).toEqual(['ItemAddedToCart', 'CheckoutRequested', 'ProductDiscontinued', 'CheckoutRejected']);
  });

  it('places a checkout left pending by a closed tab when the app starts again', async () => {
    // A bare engine has no process manager: the checkout stays pending, as if the tab closed at once.
    const first = shopEngine(freshLog());
    await first.start();
    await Promise.all(sampleShopCommands().map((c) => first.dispatch(c)));
    await first.dispatch({ type: 'AddItemToCart', customerId: 'alan', sku: 'TEA-EARL', quantity: 2 });
    await first.dispatch({ type: 'CheckoutCart', customerId: 'alan' });
    await first.stop();
    expect(first.projection.state.carts.get('alan')?.pendingCheckout).not.toBeNull();

    const second = createShopRuntime({ dbName: first.log.name, clock: steppingClock() });
    runtimes.push(second);
    await second.start();
    await waitUntil(() => second.store.getState().shop.orders.size === 1, 'the resumed checkout to become an order');
    expect(second.store.getState().shop.carts.get('alan')?.lines).toEqual([]);
    expect(second.store.getState().shop.products.get('TEA-EARL')?.stock).toBe(38);
  });
});

describe('the runtime store', () => {
  it('is written only from the projection, and shows the same state after a restart', async () => {
    const runtime = await startedShop();
    await runtime.dispatch({ type: 'RenameCustomer', customerId: 'ada', name: 'Ada King' });
    const view = runtime.store.getState();
    expect(view.status).toBe('ready');
    expect(view.position).toBe(9);
    expect(view.lastEvent?.type).toBe('CustomerRenamed');
    expect(view.shop).toBe(runtime.engine.projection.state);
    await runtime.stop();
    runtimes.splice(runtimes.indexOf(runtime), 1);

    const again = createShopRuntime({ dbName: runtime.log.name });
    runtimes.push(again);
    await again.start();
    const reopened = again.store.getState();
    expect(reopened.position).toBe(9);
    expect(reopened.lastEvent?.seq).toBe(9);
    expect(reopened.shop.customers.get('ada')?.name).toBe('Ada King');
  });
});
