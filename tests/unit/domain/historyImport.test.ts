import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/es';
import {
  decideHistoryImport,
  eventSchemas,
  evolve,
  shopFacts,
  shopReadModel,
  type ImportPlan,
  type ShopPendingEvent,
  type ShopState,
} from '../../../src/domain';
import { fold, stored } from '../../support/spec';
import { customerRegistered, mug, productRegistered } from '../../support/shopEvents';

const DEC1 = '2010-12-01T08:26:00.000Z';
const DEC2 = '2010-12-02T10:00:00.000Z';

/** Two sales (one by a guest) and a return: MUG sold 6 + 1, TEA sold 2, 1 MUG returned. */
function plan(): ImportPlan {
  return {
    products: new Map([
      ['MUG', { sku: 'MUG', name: 'WHITE MUG', priceCents: 255, stock: 7 }],
      ['TEA', { sku: 'TEA', name: 'TEA TIN', priceCents: 339, stock: 2 }],
    ]),
    invoices: [
      {
        invoiceNo: '536365',
        kind: 'sale',
        customerId: '17850',
        at: DEC1,
        lines: [
          { sku: 'MUG', quantity: 6, unitPriceCents: 255 },
          { sku: 'TEA', quantity: 2, unitPriceCents: 339 },
        ],
      },
      { invoiceNo: '536366', kind: 'sale', customerId: null, at: DEC1, lines: [{ sku: 'MUG', quantity: 1, unitPriceCents: 300 }] },
      { invoiceNo: 'C536379', kind: 'return', customerId: '17850', at: DEC2, lines: [{ sku: 'MUG', quantity: 1, unitPriceCents: 255 }] },
    ],
  };
}

const brief = (events: ShopPendingEvent[]) => events.map((e) => [e.at, e.streamId, e.type]);

function apply(state: ShopState, events: ShopPendingEvent[], from = 100): ShopState {
  return stored(
    events.map(({ streamId, type, payload }) => ({ streamId, type, payload }) as never),
    from,
  ).reduce((s, e, i) => evolve(s, { ...e, at: events[i]!.at! }), state);
}

describe('decideHistoryImport', () => {
  it('registers products and customers when first used, then places, pays and returns at each invoice’s date', () => {
    const events = decideHistoryImport(shopFacts(fold([]), null), plan());
    expect(brief(events)).toEqual([
      [DEC1, 'product-MUG', 'ProductRegistered'],
      [DEC1, 'product-TEA', 'ProductRegistered'],
      [DEC1, 'customer-17850', 'CustomerRegistered'],
      [DEC1, 'order-inv-536365', 'OrderImported'],
      [DEC1, 'order-inv-536365', 'OrderPaid'],
      [DEC1, 'customer-guest', 'CustomerRegistered'],
      [DEC1, 'order-inv-536366', 'OrderImported'],
      [DEC1, 'order-inv-536366', 'OrderPaid'],
      [DEC2, 'return-inv-C536379', 'ReturnRecorded'],
    ]);
    expect(events[0]!.payload).toEqual({ sku: 'MUG', name: 'WHITE MUG', priceCents: 255, stock: 7 });
    expect(events.filter((e) => e.type === 'CustomerRegistered').map((e) => e.payload)).toEqual([
      { customerId: '17850', name: 'Customer 17850', email: null },
      { customerId: 'guest', name: 'Guest', email: null },
    ]);
    expect(events[3]!.payload).toEqual({
      orderId: 'inv-536365',
      invoiceNo: '536365',
      customerId: '17850',
      lines: [
        { sku: 'MUG', name: 'WHITE MUG', quantity: 6, unitPriceCents: 255 },
        { sku: 'TEA', name: 'TEA TIN', quantity: 2, unitPriceCents: 339 },
      ],
      totalCents: 6 * 255 + 2 * 339,
    });
    expect(events[4]!.payload).toEqual({ orderId: 'inv-536365', amountCents: 6 * 255 + 2 * 339 });
    expect(events[8]!.payload).toMatchObject({ returnId: 'inv-C536379', customerId: '17850', refundedCents: 255 });
    expect(events[3]!.tags).toEqual(['customer:17850', 'product:MUG', 'product:TEA']);
    for (const e of events) expect(eventSchemas[e.type].safeParse(e.payload).success).toBe(true);
  });

  it('leads to paid orders, numbered in date order, with stock left at what came back', () => {
    const state = apply(fold([]), decideHistoryImport(shopFacts(fold([]), null), plan()));
    expect(state.orderIds.toArray()).toEqual(['inv-536365', 'inv-536366']);
    expect(state.orders.get('inv-536366')).toMatchObject({
      number: 2,
      status: 'paid',
      customerId: 'guest',
      placedAt: DEC1,
      paidAt: DEC1,
      totalCents: 300,
    });
    expect(state.products.get('MUG')!.stock).toBe(7 - 6 - 1 + 1);
    expect(state.products.get('TEA')!.stock).toBe(0);
    expect(state.returns.get('inv-C536379')).toMatchObject({ invoiceNo: 'C536379', refundedCents: 255, recordedAt: DEC2 });
    const back = shopReadModel.deserialize(JSON.parse(JSON.stringify(shopReadModel.serialize(state))));
    expect(back.returns.toJS()).toEqual(state.returns.toJS());
  });

  it('appends to a shop whose last event is not later than the file’s first date, reusing what the shop has', () => {
    const history = [productRegistered(mug, 3), customerRegistered('17850', 'Mrs Smith')];
    const events = decideHistoryImport(shopFacts(fold(history), DEC1), plan());
    expect(brief(events).slice(0, 3)).toEqual([
      [DEC1, 'product-MUG', 'ProductRestocked'],
      [DEC1, 'product-TEA', 'ProductRegistered'],
      [DEC1, 'order-inv-536365', 'OrderImported'],
    ]);
    expect(events[0]!.payload).toEqual({ sku: 'MUG', quantity: 7 });
    // Lines take the shop's name for a product it already has.
    expect((events[2]!.payload as { lines: Array<{ name: string }> }).lines[0]!.name).toBe('Blue mug');
    const state = apply(fold(history), events);
    expect(state.products.get('MUG')!.stock).toBe(3 + 7 - 7 + 1);
    expect(state.customers.get('17850')!.name).toBe('Mrs Smith');
  });

  it('refuses a file that starts before the shop’s last event, saying why', () => {
    const error = (() => {
      try {
        decideHistoryImport(shopFacts(fold([]), '2026-03-01T10:00:00.000Z'), plan());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('import-before-last-event');
    expect((error as DomainError).message).toBe(
      "The file starts on 2010-12-01 08:26 UTC, before the shop's last event on 2026-03-01 10:00 UTC. " +
        'Order history can only be added after what the shop already holds, so nothing was imported.',
    );
  });

  it('refuses an invoice the shop already holds, and a file with nothing to import', () => {
    const once = apply(fold([]), decideHistoryImport(shopFacts(fold([]), null), plan()));
    expect(() => decideHistoryImport(shopFacts(once, DEC1), plan())).toThrow(/Invoice 536365 is already in the shop/);
    expect(() => decideHistoryImport(shopFacts(fold([]), null), { products: new Map(), invoices: [] })).toThrow(
      'The file holds no valid order or return, so there is nothing to import.',
    );
  });
});
