import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '../../../src/es';
import { onCheckoutEvent, onPlaceOrderRejected, pendingCheckouts } from '../../../src/domain';
import { event, fold, given, stored } from '../../support/spec';
import {
  checkoutRequested,
  customerDeleted,
  customerRegistered,
  itemAdded,
  line,
  mug,
  orderPlacedFrom,
  productDiscontinued,
  productRegistered,
  tea,
} from '../../support/shopEvents';

const shop = [productRegistered(mug, 5), productRegistered(tea, 3), customerRegistered('ada', 'Ada')];
const cartWithMugsAndTea = [...shop, itemAdded('ada', 'MUG', 2), itemAdded('ada', 'TEA', 3)];
const checkout = { type: 'CheckoutCart', customerId: 'ada' };

describe('CheckoutCart', () => {
  it('requests a checkout with each line priced now, the total and a new checkout id', () => {
    const state = given(...cartWithMugsAndTea)
      .when(checkout)
      .then(
        event('cart-ada', 'CheckoutRequested', {
          customerId: 'ada',
          checkoutId: 'id-1',
          lines: [
            { sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 },
            { sku: 'TEA', name: 'Earl Grey', quantity: 3, unitPriceCents: 675 },
          ],
          totalCents: 2 * 1250 + 3 * 675,
        }),
      );
    const cart = state.carts.get('ada');
    expect(cart?.pendingCheckout).toMatchObject({ checkoutId: 'id-1', totalCents: 4525 });
    // Lines stay until the order is placed: the cart is only frozen.
    expect(cart?.lines).toHaveLength(2);
  });

  it('uses the price at checkout, not the price when the item was added', () => {
    given(
      ...shop,
      itemAdded('ada', 'MUG', 1),
      event('product-MUG', 'ProductPriceChanged', { sku: 'MUG', priceCents: 999, previousPriceCents: 1250 }),
    )
      .when(checkout)
      .then(checkoutRequested('ada', 'id-1', [{ sku: 'MUG', name: 'Blue mug', quantity: 1, unitPriceCents: 999 }]));
  });

  it('refuses an empty cart', () => {
    given(...shop)
      .when(checkout)
      .thenRejects('empty-cart');
  });

  it('refuses a cart holding a discontinued product', () => {
    given(...cartWithMugsAndTea, productDiscontinued('TEA'))
      .when(checkout)
      .thenRejects('product-discontinued');
  });

  it('refuses a cart holding more than the stock left (another order took it)', () => {
    const bobsOrder = [line(tea, 2)];
    given(
      ...cartWithMugsAndTea,
      customerRegistered('bob', 'Bob'),
      itemAdded('bob', 'TEA', 2),
      checkoutRequested('bob', 'b1', bobsOrder),
      ...orderPlacedFrom('bob', 'b1', bobsOrder),
    )
      .when(checkout)
      .thenRejects('insufficient-stock');
  });

  it('refuses a second checkout while one is pending', () => {
    given(...cartWithMugsAndTea, checkoutRequested('ada', 'k1', [line(mug, 2), line(tea, 3)]))
      .when(checkout)
      .thenRejects('checkout-in-progress');
  });

  it('refuses a deleted customer', () => {
    given(...cartWithMugsAndTea, customerDeleted('ada'))
      .when(checkout)
      .thenRejects('customer-deleted');
  });

  it('rejects a command without a customer as invalid', () => {
    given(...shop)
      .when({ type: 'CheckoutCart' })
      .thenInvalid('customerId');
  });
});

describe('PlaceOrder', () => {
  const lines = [line(mug, 2), line(tea, 3)];
  const requested = [...cartWithMugsAndTea, checkoutRequested('ada', 'k1', lines)];
  const place = { type: 'PlaceOrder', customerId: 'ada', checkoutId: 'k1' };

  it('places the order, reserves stock per SKU and empties the cart, in one decision', () => {
    const state = given(...requested)
      .when(place)
      .then(
        event('order-k1', 'OrderPlaced', { orderId: 'k1', customerId: 'ada', lines, totalCents: 4525 }),
        event('product-MUG', 'StockReserved', { sku: 'MUG', quantity: 2, orderId: 'k1' }),
        event('product-TEA', 'StockReserved', { sku: 'TEA', quantity: 3, orderId: 'k1' }),
        event('cart-ada', 'CartCheckedOut', { customerId: 'ada', orderId: 'k1' }),
      );
    expect(state.orders.get('k1')).toMatchObject({ number: 1, status: 'placed', customerId: 'ada', totalCents: 4525, paidAt: null });
    expect(state.orderIds.toArray()).toEqual(['k1']);
    expect(state.products.get('MUG')?.stock).toBe(3);
    expect(state.products.get('TEA')?.stock).toBe(0);
    expect(state.carts.get('ada')).toMatchObject({ lines: [], pendingCheckout: null, lastCheckoutError: null });
  });

  it('numbers orders in the order they were placed', () => {
    const first = [line(mug, 1)];
    const state = given(
      ...shop,
      customerRegistered('bob', 'Bob'),
      itemAdded('bob', 'MUG', 1),
      checkoutRequested('bob', 'b1', first),
      ...orderPlacedFrom('bob', 'b1', first),
      itemAdded('ada', 'TEA', 1),
      checkoutRequested('ada', 'k1', [line(tea, 1)]),
    )
      .when(place)
      .then(...orderPlacedFrom('ada', 'k1', [line(tea, 1)]));
    expect(state.orders.get('k1')?.number).toBe(2);
    expect(state.orderIds.toArray()).toEqual(['b1', 'k1']);
  });

  it('reserves a SKU that appears on two lines once, summed', () => {
    const twice = [line(mug, 1), line(mug, 2)];
    given(...shop, itemAdded('ada', 'MUG', 3), checkoutRequested('ada', 'k1', twice))
      .when(place)
      .then(
        event('order-k1', 'OrderPlaced', { orderId: 'k1', customerId: 'ada', lines: twice, totalCents: 3 * 1250 }),
        event('product-MUG', 'StockReserved', { sku: 'MUG', quantity: 3, orderId: 'k1' }),
        event('cart-ada', 'CartCheckedOut', { customerId: 'ada', orderId: 'k1' }),
      );
  });

  it('refuses a product discontinued after the checkout was requested', () => {
    const error = given(...requested, productDiscontinued('MUG'))
      .when(place)
      .thenRejects('product-discontinued');
    expect(error.message).toBe('Blue mug was discontinued before the order could be placed.');
  });

  it('refuses when the stock ran out after the checkout was requested', () => {
    const bobs = [line(tea, 1)];
    given(
      ...requested,
      customerRegistered('bob', 'Bob'),
      itemAdded('bob', 'TEA', 1),
      checkoutRequested('bob', 'b1', bobs),
      ...orderPlacedFrom('bob', 'b1', bobs),
    )
      .when(place)
      .thenRejects('insufficient-stock');
  });

  it('places nothing a second time for the same checkout (two tabs)', () => {
    given(...requested, ...orderPlacedFrom('ada', 'k1', lines))
      .when(place)
      .thenNothing();
  });

  it('places nothing for a checkout that is not pending', () => {
    given(...cartWithMugsAndTea)
      .when(place)
      .thenNothing();
  });

  it('places nothing for another checkout id than the pending one', () => {
    given(...requested)
      .when({ ...place, checkoutId: 'other' })
      .thenNothing();
  });

  it('places nothing when the customer was deleted meanwhile (the cart went with them)', () => {
    given(...requested, customerDeleted('ada'))
      .when(place)
      .thenNothing();
  });
});

describe('RejectCheckout', () => {
  const requested = [...cartWithMugsAndTea, checkoutRequested('ada', 'k1', [line(mug, 2), line(tea, 3)])];
  const reject = { type: 'RejectCheckout', customerId: 'ada', checkoutId: 'k1', reason: 'Blue mug was discontinued.' };

  it('records the reason on the cart, unfreezes it and keeps its lines', () => {
    const state = given(...requested)
      .when(reject)
      .then(event('cart-ada', 'CheckoutRejected', { customerId: 'ada', checkoutId: 'k1', reason: 'Blue mug was discontinued.' }));
    expect(state.carts.get('ada')).toMatchObject({ pendingCheckout: null, lastCheckoutError: 'Blue mug was discontinued.' });
    expect(state.carts.get('ada')?.lines).toHaveLength(2);
  });

  it('does nothing when that checkout is no longer pending', () => {
    given(...requested, ...orderPlacedFrom('ada', 'k1', [line(mug, 2), line(tea, 3)]))
      .when(reject)
      .thenNothing();
  });

  it('does nothing for another checkout id', () => {
    given(...requested)
      .when({ ...reject, checkoutId: 'k0' })
      .thenNothing();
  });

  it('rejects an empty reason as invalid', () => {
    given(...requested)
      .when({ ...reject, reason: '' })
      .thenInvalid('reason');
  });
});

describe('the checkout process manager', () => {
  it('turns a CheckoutRequested event into PlaceOrder and ignores every other event', () => {
    const [added, requested] = stored([itemAdded('ada', 'MUG', 1), checkoutRequested('ada', 'k1', [line(mug, 1)])]);
    expect(onCheckoutEvent(requested!)).toEqual({ type: 'PlaceOrder', customerId: 'ada', checkoutId: 'k1' });
    expect(onCheckoutEvent(added!)).toBeNull();
  });

  it('turns a refused PlaceOrder into RejectCheckout with the refusal as reason', () => {
    const command = { type: 'PlaceOrder', customerId: 'ada', checkoutId: 'k1' } as const;
    expect(onPlaceOrderRejected(command, new DomainError('insufficient-stock', 'Not enough Blue mug.'))).toEqual({
      type: 'RejectCheckout',
      customerId: 'ada',
      checkoutId: 'k1',
      reason: 'Not enough Blue mug.',
    });
  });

  it('does not turn a failure that is not a rule (storage, validation) into a refusal', () => {
    const command = { type: 'PlaceOrder', customerId: 'ada', checkoutId: 'k1' } as const;
    expect(onPlaceOrderRejected(command, new Error('disk on fire'))).toBeNull();
    expect(onPlaceOrderRejected(command, new ValidationError([{ path: 'x', message: 'bad' }]))).toBeNull();
  });

  it('finds the checkouts still waiting for an outcome', () => {
    const state = fold([
      ...shop,
      customerRegistered('bob', 'Bob'),
      itemAdded('ada', 'MUG', 1),
      checkoutRequested('ada', 'k1', [line(mug, 1)]),
      itemAdded('bob', 'TEA', 1),
      checkoutRequested('bob', 'b1', [line(tea, 1)]),
      ...orderPlacedFrom('bob', 'b1', [line(tea, 1)]),
    ]);
    expect(pendingCheckouts(state)).toEqual([{ type: 'PlaceOrder', customerId: 'ada', checkoutId: 'k1' }]);
  });
});
