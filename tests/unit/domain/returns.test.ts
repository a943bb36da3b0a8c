import { describe, expect, it } from 'vitest';
import { whyInapplicable } from '../../../src/domain';
import { NOW, event, fold, given, stored, type SpecEvent } from '../../support/spec';
import {
  adaOrderedTwoMugs,
  checkoutRequested,
  customerRegistered,
  itemAdded,
  line,
  mug,
  orderCancelled,
  orderPaid,
  orderShipped,
  productRegistered,
  tea,
} from '../../support/shopEvents';

const shipped = [...adaOrderedTwoMugs(), orderPaid('o1', 2500), orderShipped('o1')];
const returnOf = (sku: string, quantity: number) => ({ type: 'ReturnItems', orderId: 'o1', lines: [{ sku, quantity }] });
const released = (sku: string, quantity: number, orderId = 'o1') => event(`product-${sku}`, 'StockReleased', { sku, quantity, orderId });
const returned = (returnId: string, lines: ReturnType<typeof line>[], refundedCents: number) =>
  event('order-o1', 'ItemsReturned', { orderId: 'o1', returnId, lines, refundedCents });

/** Three mugs and two teas (3750 + 1350 = 5100) for 500 off with a code: 4600 paid, then shipped. */
function shippedWithDiscount(): SpecEvent[] {
  const lines = [line(mug, 3), line(tea, 2)];
  return [
    productRegistered(mug, 10),
    productRegistered(tea, 10),
    customerRegistered('ada', 'Ada'),
    itemAdded('ada', 'MUG', 3),
    itemAdded('ada', 'TEA', 2),
    checkoutRequested('ada', 'o1', lines),
    event('order-o1', 'OrderPlaced', {
      orderId: 'o1',
      customerId: 'ada',
      lines,
      totalCents: 4600,
      discount: { code: 'FIVEOFF', amountCents: 500 },
    }),
    event('product-MUG', 'StockReserved', { sku: 'MUG', quantity: 3, orderId: 'o1' }),
    event('product-TEA', 'StockReserved', { sku: 'TEA', quantity: 2, orderId: 'o1' }),
    event('cart-ada', 'CartCheckedOut', { customerId: 'ada', orderId: 'o1' }),
    orderPaid('o1', 4600),
    orderShipped('o1'),
  ];
}

describe('ReturnItems', () => {
  it('takes units back from a shipped order: the return is recorded on the order, refunded, and the stock comes back', () => {
    expect(given(...shipped).state.products.get('MUG')?.stock).toBe(8);
    const state = given(...shipped)
      .when(returnOf('MUG', 1))
      .then(returned('id-1', [line(mug, 1)], 1250), released('MUG', 1));
    expect(state.products.get('MUG')?.stock).toBe(9);
    expect(state.orders.get('o1')?.returns).toEqual([{ returnId: 'id-1', lines: [line(mug, 1)], refundedCents: 1250, returnedAt: NOW }]);
    expect(state.orders.get('o1')?.status).toBe('shipped');
  });

  it('sums a SKU named on two lines of the command', () => {
    given(...shipped)
      .when({
        type: 'ReturnItems',
        orderId: 'o1',
        lines: [
          { sku: 'MUG', quantity: 1 },
          { sku: 'MUG', quantity: 1 },
        ],
      })
      .then(returned('id-1', [line(mug, 2)], 2500), released('MUG', 2));
  });

  it('refunds the returned goods’ share of what was paid, so the discount is taken off in proportion', () => {
    // 1 of 3 mugs is 1250 of 5100 before the code: 4600 × 1250 / 5100 = 1127.45…
    given(...shippedWithDiscount())
      .when(returnOf('MUG', 1))
      .then(returned('id-1', [line(mug, 1)], 1127), released('MUG', 1));
  });

  it('refunds exactly what was paid when the whole order comes back in parts, whatever the rounding', () => {
    // Value returned so far → share of 4600: 1250 → 1127; 1925 → 1736; 4425 → 3991; 5100 → 4600.
    const steps = [
      ['MUG', 1, 1127],
      ['TEA', 1, 609],
      ['MUG', 2, 2255],
      ['TEA', 1, 609],
    ] as const;
    let history = shippedWithDiscount();
    steps.forEach(([sku, n, refund], i) => {
      const unit = sku === 'MUG' ? mug : tea;
      const expected = [returned('id-1', [line(unit, n)], refund), released(sku, n)];
      given(...history)
        .when(returnOf(sku, n))
        .then(...expected);
      history = [...history, returned(`r${i}`, [line(unit, n)], refund), released(sku, n)];
    });
    const order = fold(history).orders.get('o1')!;
    expect(order.returns?.reduce((sum, r) => sum + r.refundedCents, 0)).toBe(4600);
    expect(fold(history).products.get('MUG')?.stock).toBe(10);
    expect(
      given(...history)
        .when(returnOf('MUG', 1))
        .thenRejects('invalid-order-status').message,
    ).toBe('Order #1 cannot take a return: every item was returned already.');
  });

  it('refuses more than was shipped and not yet returned, saying how many are left', () => {
    expect(
      given(...shipped)
        .when(returnOf('MUG', 3))
        .thenRejects('too-many-returned').message,
    ).toBe('Order #1 cannot take back 3 × Blue mug: only 2 left to return.');
    const afterOne = [...shipped, returned('r1', [line(mug, 1)], 1250), released('MUG', 1)];
    expect(
      given(...afterOne)
        .when(returnOf('MUG', 2))
        .thenRejects('too-many-returned').message,
    ).toBe('Order #1 cannot take back 2 × Blue mug: only 1 left to return.');
    given(...afterOne)
      .when(returnOf('MUG', 1))
      .then(returned('id-1', [line(mug, 1)], 1250), released('MUG', 1));
  });

  it('refuses a SKU that is not on the order', () => {
    const history = [productRegistered(tea, 5), ...shipped];
    expect(
      given(...history)
        .when(returnOf('TEA', 1))
        .thenRejects('too-many-returned').message,
    ).toBe('TEA is not on order #1.');
  });

  it.each([
    ['placed', adaOrderedTwoMugs(), 'Order #1 cannot take a return: it has not shipped yet.'],
    ['paid', [...adaOrderedTwoMugs(), orderPaid('o1', 2500)], 'Order #1 cannot take a return: it has not shipped yet.'],
    ['cancelled', [...adaOrderedTwoMugs(), orderCancelled('o1'), released('MUG', 2)], 'Order #1 cannot take a return: it was cancelled.'],
  ])('refuses an order that is %s', (_what, history, sentence) => {
    expect(
      given(...history)
        .when(returnOf('MUG', 1))
        .thenRejects('invalid-order-status').message,
    ).toBe(sentence);
  });

  it('refuses an unknown order, and an empty or non-positive return as invalid', () => {
    given(...shipped)
      .when({ type: 'ReturnItems', orderId: 'nope', lines: [{ sku: 'MUG', quantity: 1 }] })
      .thenRejects('unknown-order');
    const empty = given(...shipped)
      .when({ type: 'ReturnItems', orderId: 'o1', lines: [] })
      .thenInvalid('lines');
    expect(empty.issues[0]?.message).toBe('Choose at least one item to return.');
    given(...shipped)
      .when(returnOf('MUG', 0))
      .thenInvalid('lines.0.quantity');
  });

  it('is flagged by what-if when its order is not shipped, or the units were returned already', () => {
    const [again] = stored([returned('r2', [line(mug, 2)], 2500)]);
    expect(whyInapplicable(fold(shipped), again!)).toBeNull();
    expect(whyInapplicable(fold(shipped.slice(0, -1)), again!)).toBe('the order is paid');
    expect(whyInapplicable(fold([...shipped, returned('r1', [line(mug, 1)], 1250)]), again!)).toBe(
      'Order #1 cannot take back 2 × Blue mug: only 1 left to return.',
    );
    expect(whyInapplicable(fold([]), again!)).toBe('the order does not exist');
  });
});
