import { describe, expect, it } from 'vitest';
import { event, given } from '../../support/spec';
import {
  checkoutRequested,
  customerDeleted,
  customerRegistered,
  itemAdded,
  line,
  mug,
  productDiscontinued,
  productRegistered,
  tea,
} from '../../support/shopEvents';

const shop = [productRegistered(mug, 5), productRegistered(tea, 3), customerRegistered('ada', 'Ada')];
const pendingCheckout = checkoutRequested('ada', 'k1', [line(mug, 2)]);

describe('AddItemToCart', () => {
  const add = (sku: string, quantity: unknown) => ({ type: 'AddItemToCart', customerId: 'ada', sku, quantity });

  it('puts the item in the customer cart', () => {
    const state = given(...shop)
      .when(add('MUG', 2))
      .then(event('cart-ada', 'ItemAddedToCart', { customerId: 'ada', sku: 'MUG', quantity: 2 }));
    expect(state.carts.get('ada')?.lines).toEqual([{ sku: 'MUG', quantity: 2 }]);
  });

  it('adds to the line already in the cart rather than adding a second line', () => {
    const state = given(...shop, itemAdded('ada', 'MUG', 2), itemAdded('ada', 'TEA', 1))
      .when(add('MUG', 3))
      .then(event('cart-ada', 'ItemAddedToCart', { customerId: 'ada', sku: 'MUG', quantity: 3 }));
    expect(state.carts.get('ada')?.lines).toEqual([
      { sku: 'MUG', quantity: 5 },
      { sku: 'TEA', quantity: 1 },
    ]);
  });

  it('refuses an unknown product', () => {
    expect(
      given(...shop)
        .when(add('NOPE', 1))
        .thenRejects('unknown-product').details,
    ).toEqual({ sku: 'NOPE' });
  });

  it('refuses a discontinued product', () => {
    given(...shop, productDiscontinued('MUG'))
      .when(add('MUG', 1))
      .thenRejects('product-discontinued');
  });

  it('refuses more than the stock, with the facts', () => {
    const error = given(...shop)
      .when(add('MUG', 6))
      .thenRejects('insufficient-stock');
    expect(error.details).toEqual({ sku: 'MUG', wanted: 6, stock: 5 });
    expect(error.message).toBe('Not enough Blue mug in stock: 6 wanted, only 5 left.');
  });

  it('counts what is already in the cart against the stock', () => {
    given(...shop, itemAdded('ada', 'MUG', 4))
      .when(add('MUG', 2))
      .thenRejects('insufficient-stock');
  });

  it('accepts exactly the stock', () => {
    given(...shop, itemAdded('ada', 'MUG', 4))
      .when(add('MUG', 1))
      .then(event('cart-ada', 'ItemAddedToCart', { customerId: 'ada', sku: 'MUG', quantity: 1 }));
  });

  it('says none are left when the stock is empty', () => {
    const error = given(productRegistered(mug, 0), customerRegistered('ada', 'Ada')).when(add('MUG', 1)).thenRejects('insufficient-stock');
    expect(error.message).toContain('none are left');
  });

  it('refuses a deleted customer', () => {
    given(...shop, customerDeleted('ada'))
      .when(add('MUG', 1))
      .thenRejects('customer-deleted');
  });

  it('refuses an unknown customer', () => {
    given(...shop)
      .when({ type: 'AddItemToCart', customerId: 'nobody', sku: 'MUG', quantity: 1 })
      .thenRejects('unknown-customer');
  });

  it('refuses while the cart is being checked out', () => {
    given(...shop, itemAdded('ada', 'MUG', 2), pendingCheckout)
      .when(add('TEA', 1))
      .thenRejects('checkout-in-progress');
  });

  it.each([0, -1, 1.5, '2', Number.NaN, null, 1_000_001])('rejects a quantity of %s as invalid', (quantity) => {
    given(...shop)
      .when(add('MUG', quantity))
      .thenInvalid('quantity');
  });

  it('clears the last checkout error', () => {
    const refused = event('cart-ada', 'CheckoutRejected', { customerId: 'ada', checkoutId: 'k1', reason: 'Sold out.' });
    const before = given(...shop, itemAdded('ada', 'MUG', 2), pendingCheckout, refused);
    expect(before.state.carts.get('ada')?.lastCheckoutError).toBe('Sold out.');
    const after = before.when(add('TEA', 1)).then(event('cart-ada', 'ItemAddedToCart', { customerId: 'ada', sku: 'TEA', quantity: 1 }));
    expect(after.carts.get('ada')?.lastCheckoutError).toBeNull();
  });
});

describe('ChangeCartItemQuantity', () => {
  const change = (sku: string, quantity: unknown) => ({ type: 'ChangeCartItemQuantity', customerId: 'ada', sku, quantity });
  const withMugs = [...shop, itemAdded('ada', 'MUG', 2)];

  it('sets the line to the new quantity and records the old one', () => {
    const state = given(...withMugs)
      .when(change('MUG', 4))
      .then(event('cart-ada', 'CartItemQuantityChanged', { customerId: 'ada', sku: 'MUG', quantity: 4, previousQuantity: 2 }));
    expect(state.carts.get('ada')?.lines).toEqual([{ sku: 'MUG', quantity: 4 }]);
  });

  it('can lower the quantity', () => {
    given(...withMugs)
      .when(change('MUG', 1))
      .then(event('cart-ada', 'CartItemQuantityChanged', { customerId: 'ada', sku: 'MUG', quantity: 1, previousQuantity: 2 }));
  });

  it('refuses an item that is not in the cart', () => {
    given(...withMugs)
      .when(change('TEA', 1))
      .thenRejects('not-in-cart');
  });

  it('refuses the quantity the line already has', () => {
    given(...withMugs)
      .when(change('MUG', 2))
      .thenRejects('same-quantity');
  });

  it('refuses more than the stock', () => {
    given(...withMugs)
      .when(change('MUG', 6))
      .thenRejects('insufficient-stock');
  });

  it('refuses a product discontinued since it was added', () => {
    given(...withMugs, productDiscontinued('MUG'))
      .when(change('MUG', 1))
      .thenRejects('product-discontinued');
  });

  it('refuses a deleted customer', () => {
    given(...withMugs, customerDeleted('ada'))
      .when(change('MUG', 1))
      .thenRejects('customer-deleted');
  });

  it('refuses while the cart is being checked out', () => {
    given(...withMugs, pendingCheckout)
      .when(change('MUG', 1))
      .thenRejects('checkout-in-progress');
  });

  it.each([0, -4, 2.5])('rejects a quantity of %s as invalid', (quantity) => {
    given(...withMugs)
      .when(change('MUG', quantity))
      .thenInvalid('quantity');
  });
});

describe('RemoveItemFromCart', () => {
  const remove = (sku: string) => ({ type: 'RemoveItemFromCart', customerId: 'ada', sku });

  it('removes the line', () => {
    const state = given(...shop, itemAdded('ada', 'MUG', 2), itemAdded('ada', 'TEA', 1))
      .when(remove('MUG'))
      .then(event('cart-ada', 'ItemRemovedFromCart', { customerId: 'ada', sku: 'MUG' }));
    expect(state.carts.get('ada')?.lines).toEqual([{ sku: 'TEA', quantity: 1 }]);
  });

  it('removes an item even when its product was discontinued', () => {
    given(...shop, itemAdded('ada', 'MUG', 2), productDiscontinued('MUG'))
      .when(remove('MUG'))
      .then(event('cart-ada', 'ItemRemovedFromCart', { customerId: 'ada', sku: 'MUG' }));
  });

  it('refuses an item that is not in the cart', () => {
    given(...shop)
      .when(remove('MUG'))
      .thenRejects('not-in-cart');
  });

  it('refuses a deleted customer', () => {
    given(...shop, itemAdded('ada', 'MUG', 2), customerDeleted('ada'))
      .when(remove('MUG'))
      .thenRejects('customer-deleted');
  });

  it('refuses while the cart is being checked out', () => {
    given(...shop, itemAdded('ada', 'MUG', 2), pendingCheckout)
      .when(remove('MUG'))
      .thenRejects('checkout-in-progress');
  });
});

describe('ClearCart', () => {
  it('empties the cart', () => {
    const state = given(...shop, itemAdded('ada', 'MUG', 2), itemAdded('ada', 'TEA', 1))
      .when({ type: 'ClearCart', customerId: 'ada' })
      .then(event('cart-ada', 'CartCleared', { customerId: 'ada' }));
    expect(state.carts.get('ada')?.lines).toEqual([]);
  });

  it('refuses an empty cart', () => {
    given(...shop)
      .when({ type: 'ClearCart', customerId: 'ada' })
      .thenRejects('empty-cart');
  });

  it('refuses a cart whose lines were all removed', () => {
    given(...shop, itemAdded('ada', 'MUG', 2), event('cart-ada', 'ItemRemovedFromCart', { customerId: 'ada', sku: 'MUG' }))
      .when({ type: 'ClearCart', customerId: 'ada' })
      .thenRejects('empty-cart');
  });

  it('refuses while the cart is being checked out', () => {
    given(...shop, itemAdded('ada', 'MUG', 2), pendingCheckout)
      .when({ type: 'ClearCart', customerId: 'ada' })
      .thenRejects('checkout-in-progress');
  });

  it('refuses a deleted customer', () => {
    given(...shop, customerDeleted('ada'))
      .when({ type: 'ClearCart', customerId: 'ada' })
      .thenRejects('customer-deleted');
  });
});
