import { describe, expect, it } from 'vitest';
import { NOW, event, given } from '../../support/spec';
import {
  adaOrderedTwoMugs,
  checkoutRequested,
  itemAdded,
  line,
  mug,
  orderCancelled,
  orderPaid,
  orderPlacedFrom,
  orderShipped,
  productRegistered,
  tea,
} from '../../support/shopEvents';

const placed = adaOrderedTwoMugs();
const paid = [...placed, orderPaid('o1', 2500)];
const shipped = [...paid, orderShipped('o1')];
const cancelled = [...placed, orderCancelled('o1'), event('product-MUG', 'StockReleased', { sku: 'MUG', quantity: 2, orderId: 'o1' })];

describe('PayOrder', () => {
  const pay = { type: 'PayOrder', orderId: 'o1' };

  it('pays a placed order for its total', () => {
    const state = given(...placed)
      .when(pay)
      .then(orderPaid('o1', 2500));
    expect(state.orders.get('o1')).toMatchObject({ status: 'paid', paidAt: NOW });
  });

  it('refuses an unknown order', () => {
    given(...placed)
      .when({ type: 'PayOrder', orderId: 'nope' })
      .thenRejects('unknown-order');
  });

  it.each([
    ['already paid', paid, 'paid'],
    ['shipped', shipped, 'shipped'],
    ['cancelled', cancelled, 'cancelled'],
  ])('refuses an order that is %s', (_what, history, status) => {
    const error = given(...history)
      .when(pay)
      .thenRejects('invalid-order-status');
    expect(error.details).toEqual({ orderId: 'o1', status });
    expect(error.message).toMatch(/^Order #1 cannot be paid/);
  });

  it('rejects an empty order id as invalid', () => {
    given(...placed)
      .when({ type: 'PayOrder', orderId: '' })
      .thenInvalid('orderId');
  });
});

describe('ShipOrder', () => {
  const ship = { type: 'ShipOrder', orderId: 'o1' };

  it('ships a paid order', () => {
    const state = given(...paid)
      .when(ship)
      .then(orderShipped('o1'));
    expect(state.orders.get('o1')).toMatchObject({ status: 'shipped', shippedAt: NOW });
  });

  it('refuses an order that is not paid yet', () => {
    const error = given(...placed)
      .when(ship)
      .thenRejects('invalid-order-status');
    expect(error.message).toBe('Order #1 cannot ship: it is not paid yet.');
  });

  it('refuses an order that has already shipped', () => {
    given(...shipped)
      .when(ship)
      .thenRejects('invalid-order-status');
  });

  it('refuses a cancelled order', () => {
    given(...cancelled)
      .when(ship)
      .thenRejects('invalid-order-status');
  });

  it('refuses an unknown order', () => {
    given().when(ship).thenRejects('unknown-order');
  });
});

describe('CancelOrder', () => {
  const cancel = { type: 'CancelOrder', orderId: 'o1' };

  it('cancels a placed order and puts its stock back', () => {
    const state = given(...placed)
      .when(cancel)
      .then(orderCancelled('o1'), event('product-MUG', 'StockReleased', { sku: 'MUG', quantity: 2, orderId: 'o1' }));
    expect(state.orders.get('o1')).toMatchObject({ status: 'cancelled', cancelledAt: NOW });
    expect(given(...placed).state.products.get('MUG')?.stock).toBe(8);
    expect(state.products.get('MUG')?.stock).toBe(10);
  });

  it('cancels a paid order too', () => {
    given(...paid)
      .when(cancel)
      .then(orderCancelled('o1'), event('product-MUG', 'StockReleased', { sku: 'MUG', quantity: 2, orderId: 'o1' }));
  });

  it('releases each SKU of a several-line order once, summed', () => {
    const lines = [line(mug, 1), line(tea, 2), line(mug, 3)];
    const history = [
      ...adaOrderedTwoMugs(),
      productRegistered(tea, 5),
      itemAdded('ada', 'MUG', 4),
      itemAdded('ada', 'TEA', 2),
      checkoutRequested('ada', 'o2', lines),
      ...orderPlacedFrom('ada', 'o2', lines),
    ];
    const state = given(...history)
      .when({ type: 'CancelOrder', orderId: 'o2' })
      .then(
        orderCancelled('o2'),
        event('product-MUG', 'StockReleased', { sku: 'MUG', quantity: 4, orderId: 'o2' }),
        event('product-TEA', 'StockReleased', { sku: 'TEA', quantity: 2, orderId: 'o2' }),
      );
    expect(state.products.get('TEA')?.stock).toBe(5);
  });

  it('refuses a shipped order', () => {
    const error = given(...shipped)
      .when(cancel)
      .thenRejects('invalid-order-status');
    expect(error.message).toBe('Order #1 cannot be cancelled: it has already shipped.');
  });

  it('refuses an order that is already cancelled, so stock is not returned twice', () => {
    given(...cancelled)
      .when(cancel)
      .thenRejects('invalid-order-status');
  });

  it('refuses an unknown order', () => {
    given().when(cancel).thenRejects('unknown-order');
  });
});
