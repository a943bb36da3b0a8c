import { List, Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { withCatalogStrings } from '../../../src/domain/sharedStrings';
import { shopFromSnapshotRows, shopSnapshotRows } from '../../../src/domain';
import { initialShopState, type Order, type PricedLine, type Product, type ShopState } from '../../../src/domain';
import { canonicalShop } from '../../support/canonical';

const products = IMap<string, Product>([['MUG', { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 3, discontinued: false }]]);

describe('withCatalogStrings', () => {
  it('keeps every line’s values: a name the catalog no longer has and an unknown sku stay as they were', () => {
    const lines: PricedLine[] = [
      { sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 },
      { sku: 'MUG', name: 'Blue mug (old label)', quantity: 1, unitPriceCents: 1100 },
      { sku: 'GONE', name: 'Something else', quantity: 4, unitPriceCents: 99 },
    ];
    const shared = withCatalogStrings(products, lines);
    expect(shared).toEqual(lines);
    expect(shared).not.toBe(lines);
    expect(lines[0]).toEqual({ sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 });
  });

  it('gives an empty list for no lines', () => {
    expect(withCatalogStrings(products, [])).toEqual([]);
  });
});

describe('a shop loaded from snapshot rows', () => {
  it('equals the shop that was saved, orders, lines, returns and order ids included', () => {
    const order: Order = {
      id: 'o1',
      number: 1,
      customerId: 'ada',
      lines: [
        { sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 },
        { sku: 'OLD', name: 'Gone from the catalog', quantity: 1, unitPriceCents: 5 },
      ],
      totalCents: 2505,
      status: 'paid',
      placedAt: '2026-01-01T00:00:00.000Z',
      paidAt: '2026-01-01T00:01:00.000Z',
      shippedAt: null,
      cancelledAt: null,
    };
    const saved: ShopState = {
      ...initialShopState(),
      products,
      customers: IMap([['ada', { id: 'ada', name: 'Ada', email: null, deleted: false, registeredAt: '2026-01-01T00:00:00.000Z' }]]),
      orders: IMap([
        ['o1', order],
        ['o2', { ...order, id: 'o2', number: 2, customerId: 'unknown' }],
      ]),
      orderIds: List(['o1', 'o2']),
      returns: IMap([
        ['r1', { id: 'r1', invoiceNo: 'C1', customerId: 'ada', lines: [order.lines[0]!], refundedCents: 2500, recordedAt: order.placedAt }],
      ]),
    };
    const rows = (() => {
      const walk = shopSnapshotRows(saved, null);
      for (;;) {
        const step = walk.next();
        if (step.done) return step.value.put;
      }
    })();
    const loaded = shopFromSnapshotRows(rows);
    expect(canonicalShop(loaded)).toBe(canonicalShop(saved));
    expect(loaded.orderIds.toArray()).toEqual(['o1', 'o2']);
    expect(loaded.orders.get('o2')?.customerId).toBe('unknown');
  });
});
