import { describe, expect, it } from 'vitest';
import {
  collectionKeys,
  changeWords,
  describeShopChanges,
  entityGroup,
  initialShopState,
  namesFrom,
  type CollectionKey,
  type EntityOf,
  type ShopState,
} from '../../../src/domain';
import { event, fold } from '../../support/spec';
import {
  customerDeleted,
  customerRegistered,
  itemAdded,
  line,
  mug,
  orderPaid,
  orderPlacedFrom,
  productRegistered,
  tea,
} from '../../support/shopEvents';

const shop = fold([productRegistered(mug, 20), productRegistered(tea, 5), customerRegistered('ada', 'Ada Lovelace')]);
const names = namesFrom(shop);
const words = (before: ShopState, after: ShopState) =>
  describeShopChanges(before, after).map((g) => ({ heading: g.heading, lines: g.lines }));

/** One entity per collection, to check every describer reads it without ids or JSON. */
const samples: { [K in CollectionKey]: EntityOf<K> } = {
  products: { sku: 'MUG', name: 'Blue mug', priceCents: 400, stock: 20, discontinued: false },
  customers: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', deleted: false, registeredAt: '2026-01-01T09:30:00.000Z' },
  carts: { customerId: 'ada', lines: [{ sku: 'MUG', quantity: 2 }], pendingCheckout: null, lastCheckoutError: null },
  orders: {
    id: '3b305571-0000-4000-8000-000000000000',
    number: 1093,
    customerId: 'ada',
    lines: [line(mug, 3)],
    totalCents: 1200,
    status: 'placed',
    placedAt: '2026-01-02T10:00:00.000Z',
    paidAt: null,
    shippedAt: null,
    cancelledAt: null,
  },
  returns: {
    id: 'r-77',
    invoiceNo: 'INV-9',
    customerId: 'ada',
    lines: [line(mug, 1)],
    refundedCents: 1250,
    recordedAt: '2026-01-03T10:00:00.000Z',
  },
  discountCodes: {
    code: 'SPRING10',
    off: { kind: 'percent', percent: 10 },
    minimumOrderCents: 2000,
    validFrom: null,
    validUntil: null,
    active: true,
  },
};

const group = <K extends CollectionKey>(key: K, before: EntityOf<K> | undefined, after: EntityOf<K> | undefined, id = 'x') =>
  entityGroup(key, id, before, after, names);
const lines = <K extends CollectionKey>(key: K, before: EntityOf<K>, change: Partial<EntityOf<K>>) =>
  group(key, before, { ...(before as object), ...change } as EntityOf<K>)?.lines;

describe('every collection reads in the shop’s words', () => {
  it.each(collectionKeys)('%s has a describer for creation, removal and every field', (key) => {
    const words = changeWords[key];
    const sample = samples[key] as never;
    expect(words.heading(sample, 'ada', names)).not.toBe('');
    for (const field of Object.keys(samples[key])) expect(words.fields).toHaveProperty(field);
    const created = group(key, undefined, sample)!;
    const removed = group(key, sample, undefined)!;
    expect(created.kind).toBe('created');
    expect(removed.kind).toBe('removed');
    for (const line of [...created.lines, ...removed.lines]) {
      expect(line).not.toMatch(/[{}"]|3b305571/);
      expect(line).not.toBe('');
    }
  });

  it('an entity that did not change has no group', () => {
    expect(group('products', samples.products, { ...samples.products })).toBeNull();
  });
});

describe('products', () => {
  const p = samples.products;
  it('reads creation, price, stock, name, discontinuing and removal', () => {
    expect(group('products', undefined, p)).toMatchObject({
      heading: 'Blue mug',
      lines: ['New product Blue mug (SKU MUG), 4.00, 20 in stock'],
    });
    expect(lines('products', p, { priceCents: 350 })).toEqual(['price 4.00 → 3.50']);
    expect(lines('products', p, { stock: 17 })).toEqual(['Blue mug stock 20 → 17']);
    expect(lines('products', p, { name: 'Big mug' })).toEqual(['renamed Blue mug → Big mug']);
    expect(lines('products', p, { discontinued: true })).toEqual(['discontinued']);
    expect(lines('products', { ...p, discontinued: true }, { discontinued: false })).toEqual(['back on sale']);
    expect(lines('products', p, { sku: 'MUG2' })).toEqual(['SKU MUG → MUG2']);
    expect(group('products', p, undefined)?.lines).toEqual(['Blue mug removed from the catalog']);
  });

  it('a field no describer knows reads "field: before → after" with readable values', () => {
    const before = { ...p, note: null, weightCents: 100 } as never;
    const after = { ...p, note: 'fragile', weightCents: 250 } as never;
    expect(group('products', before, after)?.lines).toEqual(['note: none → fragile', 'weight: 1.00 → 2.50']);
  });
});

describe('customers', () => {
  const c = samples.customers;
  it('reads registration, renaming, email, deletion and removal', () => {
    expect(group('customers', undefined, c)).toMatchObject({
      heading: 'Customer Ada Lovelace',
      lines: ['New customer Ada Lovelace (ada@example.com)'],
    });
    expect(lines('customers', c, { name: 'Ada King' })).toEqual(['renamed Ada Lovelace → Ada King']);
    expect(lines('customers', c, { email: null })).toEqual(['email ada@example.com → none']);
    expect(lines('customers', c, { deleted: true })).toEqual(['deleted']);
    expect(lines('customers', c, { registeredAt: '2026-02-01T08:00:00.000Z' })).toEqual(['registered 2026-01-01 09:30 → 2026-02-01 08:00']);
    expect(group('customers', c, undefined)?.lines).toEqual(['Customer Ada Lovelace removed']);
  });
});

describe('carts', () => {
  const c = samples.carts;
  it('reads lines added, changed and removed, by product name, under the customer’s name', () => {
    const more = group(
      'carts',
      c,
      {
        ...c,
        lines: [
          { sku: 'MUG', quantity: 3 },
          { sku: 'TEA', quantity: 1 },
        ],
      },
      'ada',
    );
    expect(more).toMatchObject({ heading: "Ada Lovelace's cart", lines: ['+1 Blue mug (2 → 3)', '+1 Earl Grey (new)'] });
    expect(lines('carts', c, { lines: [{ sku: 'MUG', quantity: 1 }] })).toEqual(['−1 Blue mug (2 → 1)']);
    expect(lines('carts', c, { lines: [] })).toEqual(['−2 Blue mug (removed)']);
    expect(group('carts', undefined, c)?.lines).toEqual(['+2 Blue mug (new)']);
    expect(group('carts', c, undefined)?.lines).toEqual(['Cart removed (it held 2 items)']);
  });

  it('reads checkouts and codes', () => {
    const pending = { checkoutId: 'k1', lines: [line(mug, 2)], totalCents: 800, requestedAt: '2026-01-02T10:00:00.000Z' };
    expect(lines('carts', c, { pendingCheckout: pending })).toEqual(['checkout started: 2 items, 8.00']);
    expect(
      lines('carts', { ...c, pendingCheckout: pending }, { pendingCheckout: null, lastCheckoutError: 'Blue mug is sold out' }),
    ).toEqual(['checkout no longer pending', 'checkout refused: Blue mug is sold out']);
    expect(lines('carts', c, { discountCode: 'SPRING10' })).toEqual(['code SPRING10 applied']);
    const { discountCode: _, ...withoutCode } = { ...c, discountCode: 'SPRING10' };
    expect(group('carts', { ...c, discountCode: 'SPRING10' }, withoutCode)?.lines).toEqual(['code SPRING10 removed']);
  });
});

describe('orders', () => {
  const o = samples.orders;
  it('are called by their number, with the customer’s name and money formatted', () => {
    expect(group('orders', undefined, o)).toMatchObject({
      heading: 'Order #1093',
      lines: ['New order #1093 for Ada Lovelace, 3 items, 12.00'],
    });
    const discounted = { ...o, discount: { code: 'SPRING10', amountCents: 120 }, status: 'paid' as const };
    expect(group('orders', undefined, discounted)?.lines).toEqual([
      'New order #1093 for Ada Lovelace, 3 items, 12.00 after code SPRING10 (1.20 off), paid',
    ]);
    expect(group('orders', o, undefined)?.lines).toEqual(['Order #1093 removed']);
  });

  it('read status transitions as one word, and a step back as one', () => {
    const paid = { ...o, status: 'paid' as const, paidAt: '2026-01-02T11:00:00.000Z' };
    expect(group('orders', o, paid)?.lines).toEqual(['paid']);
    expect(lines('orders', paid, { status: 'shipped', shippedAt: '2026-01-03T11:00:00.000Z' })).toEqual(['shipped']);
    expect(lines('orders', o, { status: 'cancelled', cancelledAt: '2026-01-03T11:00:00.000Z' })).toEqual(['cancelled']);
    expect(lines('orders', paid, { status: 'placed', paidAt: null })).toEqual(['status paid → placed']);
    expect(lines('orders', paid, { paidAt: '2026-01-02T12:00:00.000Z' })).toEqual(['paid at 2026-01-02 11:00 → 2026-01-02 12:00']);
    expect(lines('orders', o, { totalCents: 1000 })).toEqual(['total 12.00 → 10.00']);
  });

  it('read returns as goods and refunds', () => {
    const shipped = { ...o, status: 'shipped' as const };
    const ret = { returnId: 'ret-1', lines: [line(mug, 2)], refundedCents: 800, returnedAt: '2026-01-04T10:00:00.000Z' };
    expect(lines('orders', shipped, { returns: [ret] })).toEqual(['2 × Blue mug returned, 8.00 refunded']);
    expect(lines('orders', { ...shipped, returns: [ret] }, { returns: [] })).toEqual(['return of 2 × Blue mug taken back']);
  });
});

describe('returns and discount codes', () => {
  it('read a recorded return', () => {
    expect(group('returns', undefined, samples.returns)).toMatchObject({
      heading: 'Return INV-9',
      lines: ['Ada Lovelace returned 1 × Blue mug; 12.50 refunded'],
    });
    expect(lines('returns', samples.returns, { refundedCents: 1000 })).toEqual(['refund 12.50 → 10.00']);
  });

  it('read a code’s creation, reduction, conditions and activity', () => {
    const d = samples.discountCodes;
    expect(group('discountCodes', undefined, d)).toMatchObject({
      heading: 'Discount code SPRING10',
      lines: ['New code SPRING10: 10% off, orders from 20.00'],
    });
    expect(lines('discountCodes', d, { off: { kind: 'amount', amountCents: 500 } })).toEqual(['10% off → 5.00 off']);
    expect(lines('discountCodes', d, { active: false })).toEqual(['deactivated']);
    expect(lines('discountCodes', { ...d, active: false }, { active: true })).toEqual(['reactivated']);
    expect(lines('discountCodes', d, { minimumOrderCents: null })).toEqual(['minimum order 20.00 → none']);
    expect(lines('discountCodes', d, { validUntil: '2026-06-30' })).toEqual(['valid until none → 2026-06-30']);
    expect(group('discountCodes', d, undefined)?.lines).toEqual(['Code SPRING10 removed']);
  });
});

describe('describeShopChanges', () => {
  it('groups a checkout by entity: the cart, the order, the stock', () => {
    const carted = fold([itemAdded('ada', 'MUG', 2), itemAdded('ada', 'MUG', 1)], shop);
    const placed = fold(orderPlacedFrom('ada', 'o1', [line(mug, 3)]), carted);
    const paid = fold([orderPaid('o1', 3750)], placed);
    expect(words(shop, carted)).toEqual([{ heading: "Ada Lovelace's cart", lines: ['+3 Blue mug (new)'] }]);
    expect(words(carted, paid)).toEqual([
      { heading: 'Blue mug', lines: ['Blue mug stock 20 → 17'] },
      { heading: "Ada Lovelace's cart", lines: ['−3 Blue mug (removed)'] },
      { heading: 'Order #1', lines: ['New order #1 for Ada Lovelace, 3 items, 37.50, paid'] },
    ]);
    expect(words(placed, paid)).toEqual([{ heading: 'Order #1', lines: ['paid'] }]);
  });

  it('names what was removed from the state before', () => {
    const gone = fold(
      [event('product-TEA', 'ProductRestored', { sku: 'TEA', product: null, restoredTo: 1, purpose: 'undo' } as never)],
      shop,
    );
    expect(words(shop, gone)).toEqual([{ heading: 'Earl Grey', lines: ['Earl Grey removed from the catalog'] }]);
    const deleted = fold([customerDeleted('ada')], shop);
    expect(words(shop, deleted)).toEqual([{ heading: 'Customer Ada Lovelace', lines: ['deleted'] }]);
  });

  it('visits only the changed entities of a large shop, never iterating its maps', () => {
    const big = fold(
      Array.from({ length: 10_000 }, (_, i) => productRegistered({ sku: `P${i}`, name: `Product ${i}`, priceCents: 100 }, 5)),
    );
    const after = fold([event('product-P42', 'ProductRestocked', { sku: 'P42', quantity: 3 })], big);
    for (const map of [big.products, after.products]) {
      Object.defineProperty(map, '__iterate', {
        value: () => {
          throw new Error('iterated the whole map');
        },
      });
    }
    expect(() => after.products.forEach(() => {})).toThrow('iterated the whole map');
    expect(words(big, after)).toEqual([{ heading: 'Product 42', lines: ['Product 42 stock 5 → 8'] }]);
  });

  it('says nothing when nothing changed', () => {
    expect(describeShopChanges(shop, shop)).toEqual([]);
    expect(describeShopChanges(initialShopState(), initialShopState())).toEqual([]);
  });
});
