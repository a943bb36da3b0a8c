import { afterEach, describe, expect, it } from 'vitest';
import { evolve, initialShopState, sampleShopCommands, type ShopState } from '../../../src/domain';
import { createShopRuntime, TimeMachine, type ShopRuntime } from '../../../src/state';
import type { Memory } from '../../../src/state/timeMachine/branches';
import { canonicalShop as json } from '../../support/canonical';
import { steppingClock } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';

/** A page of the app on one database, remembering its device in `memory`: opened again, it is a reload. */
interface Page {
  runtime: ShopRuntime;
  machine: TimeMachine;
}
const pages: Page[] = [];

async function openPage(dbName: string, memory: Memory = memoryOf()): Promise<Page> {
  const runtime = createShopRuntime({ dbName, snapshots: { every: 1_000_000, idleMs: 60_000 }, clock: steppingClock() });
  await runtime.start();
  const machine = new TimeMachine(runtime, { interval: 4, memory, branchDbName: `${dbName}-branches-${pages.length}` });
  await machine.init();
  const page = { runtime, machine };
  pages.push(page);
  return page;
}

async function closePage(page: Page): Promise<void> {
  pages.splice(pages.indexOf(page), 1);
  page.machine.dispose();
  await page.runtime.stop();
}

afterEach(async () => {
  for (const page of [...pages]) await closePage(page);
});

function memoryOf(): Memory {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

async function settled(runtime: ShopRuntime): Promise<void> {
  await waitUntil(async () => {
    await runtime.engine.commands.idle();
    return [...runtime.store.getState().shop.carts.values()].every((c) => !c.pendingCheckout);
  }, 'every checkout to be settled');
}

async function replay(runtime: ShopRuntime): Promise<ShopState> {
  return (await runtime.log.readRange(1)).reduce(evolve, initialShopState());
}

const shopOf = (runtime: ShopRuntime) => runtime.store.getState().shop;
const seqOf = async (runtime: ShopRuntime, type: string) => (await runtime.log.readByType(type)).at(-1)!.seq;

async function sampleShop(): Promise<Page> {
  const page = await openPage(`restore-${crypto.randomUUID()}`);
  await page.machine.commands.sendAll(sampleShopCommands());
  return page;
}

describe('restore to a point inside a checkout', () => {
  it('completes a checkout waiting for its order: stock reserved, cart usable, and the notice says so', async () => {
    const { runtime, machine } = await sampleShop();
    await machine.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
    await machine.send({ type: 'CheckoutCart', customerId: 'ada' });
    await settled(runtime);
    const requested = await seqOf(runtime, 'CheckoutRequested');
    await machine.send({ type: 'Restock', sku: 'MUG-BLUE', quantity: 5 });

    await machine.restoreTo(requested);

    const shop = shopOf(runtime);
    expect(shop.carts.get('ada')).toMatchObject({ lines: [], pendingCheckout: null });
    expect(shop.orders.size).toBe(1);
    expect(shop.orders.first()).toMatchObject({ customerId: 'ada', status: 'placed', number: 1 });
    // 20 at the start, 2 taken by the order; the restock came after the point.
    expect(shop.products.get('MUG-BLUE')!.stock).toBe(18);
    expect(machine.store.getState().notice?.text).toMatch(
      new RegExp(`^Restored the shop to #${requested}: \\d+ things set back\\. Ada Lovelace's checkout was completed as order #1\\.$`),
    );
    expect(json(shop)).toBe(json(await replay(runtime)));

    // The cart takes changes again, and a new checkout is placed, paid and shipped.
    await machine.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 });
    await machine.send({ type: 'CheckoutCart', customerId: 'ada' });
    await settled(runtime);
    const second = shopOf(runtime).orderIds.get(1)!;
    await machine.send({ type: 'PayOrder', orderId: second });
    await machine.send({ type: 'ShipOrder', orderId: second });
    expect(shopOf(runtime).orders.get(second)!.status).toBe('shipped');
    expect(shopOf(runtime).products.get('TEA-EARL')!.stock).toBe(39);
  });

  it('cancels a checkout that could no longer be placed there, with the reason, and leaves the cart as it was', async () => {
    const { runtime, machine } = await sampleShop();
    await machine.send({ type: 'AddItemToCart', customerId: 'grace', sku: 'COSY-KNIT', quantity: 2 });
    // Queued in one tick: the discontinuation lands before the process manager's PlaceOrder.
    await Promise.all([
      machine.send({ type: 'CheckoutCart', customerId: 'grace' }),
      machine.send({ type: 'DiscontinueProduct', sku: 'COSY-KNIT' }),
    ]);
    await settled(runtime);
    const discontinued = await seqOf(runtime, 'ProductDiscontinued');
    await machine.send({ type: 'ReinstateProduct', sku: 'COSY-KNIT' });
    await machine.send({ type: 'AddItemToCart', customerId: 'grace', sku: 'COSY-KNIT', quantity: 1 });

    await machine.restoreTo(discontinued);

    const cart = shopOf(runtime).carts.get('grace')!;
    const reason = 'Knitted tea cosy was discontinued before the order could be placed.';
    expect(cart).toMatchObject({ lines: [{ sku: 'COSY-KNIT', quantity: 2 }], pendingCheckout: null, lastCheckoutError: reason });
    expect(shopOf(runtime).orders.size).toBe(0);
    expect(shopOf(runtime).products.get('COSY-KNIT')).toMatchObject({ stock: 3, discontinued: true });
    expect(machine.store.getState().notice?.text).toMatch(new RegExp(`Grace Hopper's checkout was cancelled: ${reason}$`));
    expect(json(shopOf(runtime))).toBe(json(await replay(runtime)));
    await machine.send({ type: 'RemoveItemFromCart', customerId: 'grace', sku: 'COSY-KNIT' });
    expect(shopOf(runtime).carts.get('grace')!.lines).toEqual([]);
  });

  it('goes to the end of the command for a point between its events, so the order has its stock reserved', async () => {
    const { runtime, machine } = await sampleShop();
    await machine.send({ type: 'AddItemToCart', customerId: 'alan', sku: 'POT-WHITE', quantity: 2 });
    await machine.send({ type: 'CheckoutCart', customerId: 'alan' });
    await settled(runtime);
    const placed = await seqOf(runtime, 'OrderPlaced');
    const checkedOut = await seqOf(runtime, 'CartCheckedOut');
    const orderId = shopOf(runtime).orderIds.get(0)!;
    await machine.send({ type: 'CancelOrder', orderId });

    await machine.restoreTo(placed);

    expect(machine.store.getState().notice?.text).toMatch(
      new RegExp(`^Restored the shop to #${checkedOut} \\(the end of the command that wrote #${placed}\\): `),
    );
    const shop = shopOf(runtime);
    expect(shop.orders.get(orderId)!.status).toBe('placed');
    expect(shop.products.get('POT-WHITE')!.stock).toBe(3);
    expect(shop.carts.get('alan')).toMatchObject({ lines: [], pendingCheckout: null });
    const [restore] = await runtime.log.readRange(checkedOut + 3, checkedOut + 3);
    expect(restore!.payload).toMatchObject({ restoredTo: checkedOut, purpose: 'restore' });
  });
});

describe('undo of a restore', () => {
  it('undoes the restore as a whole, and redo restores again', async () => {
    const { runtime, machine } = await sampleShop();
    await machine.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
    await machine.send({ type: 'CheckoutCart', customerId: 'ada' });
    await settled(runtime);
    const requested = await seqOf(runtime, 'CheckoutRequested');
    await machine.send({ type: 'PayOrder', orderId: shopOf(runtime).orderIds.get(0)! });
    await machine.send({ type: 'RenameCustomer', customerId: 'grace', name: 'Grace B. Hopper' });
    const beforeRestore = json(shopOf(runtime));

    await machine.restoreTo(requested);
    const restored = json(shopOf(runtime));
    expect(restored).not.toBe(beforeRestore);
    expect(machine.store.getState().undoable).toBe(5);

    await machine.undo();
    expect(json(shopOf(runtime))).toBe(beforeRestore);
    expect(machine.store.getState()).toMatchObject({ undoable: 4, redoable: 1 });
    await machine.redo();
    expect(json(shopOf(runtime))).toBe(restored);
    await machine.undo();
    // The next undo is the rename, the command before the restore.
    await machine.undo();
    expect(shopOf(runtime).customers.get('grace')!.name).toBe('Grace Hopper');
    expect(json(shopOf(runtime))).toBe(json(await replay(runtime)));
  });
});

describe('undo history read back from the log', () => {
  it('survives a reload on the same device, pairs undos with what they undid, and is this device’s only', async () => {
    const memory = memoryOf();
    const dbName = `undo-${crypto.randomUUID()}`;
    const first = await openPage(dbName, memory);
    await first.machine.commands.sendAll(sampleShopCommands());
    await first.machine.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
    const withMug = json(shopOf(first.runtime));
    await first.machine.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 });
    const withTea = json(shopOf(first.runtime));
    await first.machine.restoreTo(8);
    await first.machine.undo();
    expect(json(shopOf(first.runtime))).toBe(withTea);
    expect(first.machine.store.getState()).toMatchObject({ undoable: 2, redoable: 1 });
    await closePage(first);

    const again = await openPage(dbName, memory);
    expect(again.machine.store.getState()).toMatchObject({ undoable: 2, redoable: 1 });
    await again.machine.redo();
    expect(shopOf(again.runtime).carts.get('ada')?.lines ?? []).toEqual([]);
    await again.machine.undo();
    await again.machine.undo();
    expect(json(shopOf(again.runtime))).toBe(withMug);

    // Another device (another browser) sees none of it.
    const other = await openPage(dbName);
    expect(other.machine.store.getState()).toMatchObject({ undoable: 0, redoable: 0 });
  });
});
