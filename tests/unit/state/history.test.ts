import { describe, expect, it } from 'vitest';
import { sampleShopCommands } from '../../../src/domain';
import { createShopHistory, createShopRuntime, noFilter, TimeMachine, type ShopHistory, type ShopRuntime } from '../../../src/state';
import { steppingClock } from '../../support/harness';
import { sendAndSettle, stoppedAfterEach } from '../../support/openedShops';

const open = stoppedAfterEach();

async function shop(): Promise<{ runtime: ShopRuntime; machine: TimeMachine; history: ShopHistory }> {
  const runtime = createShopRuntime({
    dbName: `history-${crypto.randomUUID()}`,
    snapshots: { every: 1_000_000, idleMs: 60_000 },
    clock: steppingClock(),
  });
  await runtime.start();
  const machine = new TimeMachine(runtime, { interval: 4 });
  await machine.init();
  open.push({ runtime, machine });
  return { runtime, machine, history: createShopHistory(runtime.log, machine.checkpoints) };
}

const send = sendAndSettle;

/** Sample shop (#1–#8), then: Ada adds 2 mugs (#9), makes it 3 (#10), checks out (#11 …). */
async function aShopWithAnOrder() {
  const opened = await shop();
  await send(opened.runtime, sampleShopCommands());
  await send(opened.runtime, [
    { type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 },
    { type: 'ChangeCartItemQuantity', customerId: 'ada', sku: 'MUG-BLUE', quantity: 3 },
    { type: 'CheckoutCart', customerId: 'ada' },
  ]);
  return opened;
}

describe('the history query API', () => {
  it('reads event pages by range and by position, and the events for real-time play', async () => {
    const { history } = await aShopWithAnOrder();
    expect((await history.eventsBetween(9, 10)).map((e) => e.type)).toEqual(['ItemAddedToCart', 'CartItemQuantityChanged']);
    expect((await history.eventsAtPositions([2, 9])).map((e) => e.seq)).toEqual([2, 9]);
    const [a, b] = await history.eventsAt(10, 9);
    expect([a?.seq, b?.seq]).toEqual([10, 9]);
  });

  it('finds the positions matching a filter, by index and by free text', async () => {
    const { runtime, history } = await aShopWithAnOrder();
    const present = runtime.store.getState().position;
    const signal = { cancelled: false };
    expect(await history.matchingPositions({ ...noFilter, type: 'CartItemQuantityChanged' }, present, signal)).toEqual([10]);
    const byCustomer = await history.matchingPositions({ ...noFilter, customerId: 'ada' }, present, signal);
    expect(byCustomer).toContain(9);
    expect(await history.matchingPositions({ ...noFilter, text: 'quantitychanged' }, present, signal)).toEqual([10]);
    expect(await history.matchingPositions({ ...noFilter, type: 'CartItemQuantityChanged' }, 9, signal)).toEqual([]);
  });

  it('arranges a checkout chain as the command and the follow-up it caused', async () => {
    const { runtime, history } = await aShopWithAnOrder();
    const [checkout] = await history.eventsBetween(11, 11);
    const tree = await history.causationOf(checkout!);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.causedBy).toBeNull();
    expect(tree[0]!.children.length).toBeGreaterThan(0);
    const chain = await history.correlated(checkout!.meta.correlationId);
    expect(chain.at(-1)!.seq).toBe(runtime.store.getState().position);
  });

  it('tells which events changed a field, for every kind of entity', async () => {
    const { runtime, history } = await aShopWithAnOrder();
    const quantities = await history.fieldHistory(['carts', 'ada', 'lines']);
    expect(quantities.map((c) => [c.event.type, c.before, c.after])).toEqual([
      ['ItemAddedToCart', undefined, [{ sku: 'MUG-BLUE', quantity: 2 }]],
      ['CartItemQuantityChanged', [{ sku: 'MUG-BLUE', quantity: 2 }], [{ sku: 'MUG-BLUE', quantity: 3 }]],
      ['CartCheckedOut', [{ sku: 'MUG-BLUE', quantity: 3 }], []],
    ]);
    const stock = await history.fieldHistory(['products', 'MUG-BLUE', 'stock']);
    expect(stock.length).toBeGreaterThan(0);
    expect(stock.at(-1)!.after).toBe(runtime.store.getState().shop.products.get('MUG-BLUE')!.stock);
    const name = await history.fieldHistory(['customers', 'ada', 'name']);
    expect(name.map((c) => c.event.type)).toEqual(['CustomerRegistered']);
    const orderId = runtime.store.getState().shop.orderIds.get(0)!;
    expect((await history.fieldHistory(['orders', orderId, 'status'])).length).toBeGreaterThan(0);
    expect(await history.fieldHistory(['nothing', 'x', 'y'])).toEqual([]);
  });

  it('covers returns too', async () => {
    const { runtime, history } = await shop();
    await send(runtime, sampleShopCommands());
    const line = { sku: 'MUG-BLUE', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 };
    await runtime.log.appendCommits([
      {
        events: [
          {
            streamId: 'return-inv-C2',
            type: 'ReturnRecorded',
            payload: { returnId: 'inv-C2', invoiceNo: 'C2', customerId: 'ada', lines: [line], refundedCents: 2500 },
          },
        ],
        expected: new Map(),
        meta: { commandId: 'import-1', correlationId: 'import-1', causationId: 'import-1' },
        at: '2026-01-02T00:00:00.000Z',
      },
    ]);
    await runtime.engine.catchUp();
    const refunds = await history.fieldHistory(['returns', 'inv-C2', 'refundedCents']);
    expect(refunds.map((c) => [c.event.type, c.before, c.after])).toEqual([['ReturnRecorded', undefined, 2500]]);
  });

  it('pages the audit log newest first, up to a position, by type or customer', async () => {
    const { history } = await aShopWithAnOrder();
    expect((await history.auditRows({ limit: 2, upTo: 10 })).map((e) => e.seq)).toEqual([10, 9]);
    expect((await history.auditRows({ limit: 10, upTo: 10, type: 'ItemAddedToCart' })).map((e) => e.seq)).toEqual([9]);
    const ada = await history.auditRows({ limit: 100, upTo: 10, customerId: 'ada' });
    const grace = await history.auditRows({ limit: 100, upTo: 10, customerId: 'grace' });
    expect(ada.slice(0, 2).map((e) => e.seq)).toEqual([10, 9]);
    expect(grace.map((e) => e.seq)).not.toContain(9);
  });

  it('diffs the states after two positions', async () => {
    const { history } = await aShopWithAnOrder();
    const changes = await history.changesBetween(9, 10);
    expect(changes.map((c) => c.path.join('.'))).toEqual(['carts.ada.lines.0.quantity']);
    expect(changes[0]).toMatchObject({ kind: 'changed', before: 2, after: 3 });
  });

  it('gives the shops after two positions, to word what changed between them', async () => {
    const { history } = await aShopWithAnOrder();
    const [before, after] = await history.shopsAt(9, 10);
    expect(before.carts.get('ada')?.lines[0]?.quantity).toBe(2);
    expect(after.carts.get('ada')?.lines[0]?.quantity).toBe(3);
  });
});
