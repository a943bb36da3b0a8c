import { describe, expect, it } from 'vitest';
import { whyInapplicable } from '../../../src/domain';
import { event, fold, given, stored } from '../../support/spec';
import { adaOrderedTwoMugs, mug, orderCancelled, productDiscontinued, productRegistered, tea } from '../../support/shopEvents';

describe('RegisterProduct', () => {
  const register = { type: 'RegisterProduct', sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 20 };

  it('adds a product to the catalog, on sale, with its stock', () => {
    const state = given()
      .when(register)
      .then(event('product-MUG', 'ProductRegistered', { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 20 }));
    expect(state.products.get('MUG')).toEqual({ sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 20, discontinued: false });
  });

  it('trims the SKU and the name', () => {
    given()
      .when({ ...register, sku: '  MUG ', name: ' Blue mug  ' })
      .then(event('product-MUG', 'ProductRegistered', { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 20 }));
  });

  it('accepts a free product with nothing in stock', () => {
    given()
      .when({ ...register, priceCents: 0, stock: 0 })
      .then(event('product-MUG', 'ProductRegistered', { sku: 'MUG', name: 'Blue mug', priceCents: 0, stock: 0 }));
  });

  it('refuses a SKU that is already used, naming the product that has it', () => {
    const error = given(productRegistered(mug, 5))
      .when({ ...register, name: 'Red mug' })
      .thenRejects('duplicate-sku');
    expect(error.message).toContain('Blue mug');
  });

  it('refuses a SKU even when its product was discontinued', () => {
    given(productRegistered(mug, 5), productDiscontinued('MUG')).when(register).thenRejects('duplicate-sku');
  });

  it.each([
    ['an empty SKU', { sku: '   ' }, 'sku'],
    ['an empty name', { name: '' }, 'name'],
    ['a name over 80 characters', { name: 'x'.repeat(81) }, 'name'],
    ['a negative price', { priceCents: -1 }, 'priceCents'],
    ['a price in fractions of a cent', { priceCents: 12.5 }, 'priceCents'],
    ['a price that is not a number', { priceCents: Number.NaN }, 'priceCents'],
    ['negative stock', { stock: -3 }, 'stock'],
    ['fractional stock', { stock: 1.5 }, 'stock'],
    ['stock given as text', { stock: '4' }, 'stock'],
  ])('rejects %s as invalid', (_what, change, path) => {
    given()
      .when({ ...register, ...change })
      .thenInvalid(path);
  });

  it('rejects an unknown command type', () => {
    given().when({ type: 'StealProduct', sku: 'MUG' }).thenInvalid('type');
  });
});

describe('ChangePrice', () => {
  it('records the new and the previous price', () => {
    const state = given(productRegistered(mug, 5))
      .when({ type: 'ChangePrice', sku: 'MUG', priceCents: 1500 })
      .then(event('product-MUG', 'ProductPriceChanged', { sku: 'MUG', priceCents: 1500, previousPriceCents: 1250 }));
    expect(state.products.get('MUG')?.priceCents).toBe(1500);
  });

  it('refuses an unknown product', () => {
    given(productRegistered(mug, 5)).when({ type: 'ChangePrice', sku: 'NOPE', priceCents: 100 }).thenRejects('unknown-product');
  });

  it('refuses a discontinued product', () => {
    given(productRegistered(mug, 5), productDiscontinued('MUG'))
      .when({ type: 'ChangePrice', sku: 'MUG', priceCents: 100 })
      .thenRejects('product-discontinued');
  });

  it('refuses the price it already has', () => {
    given(productRegistered(mug, 5)).when({ type: 'ChangePrice', sku: 'MUG', priceCents: 1250 }).thenRejects('same-price');
  });

  it('rejects a negative price as invalid', () => {
    given(productRegistered(mug, 5)).when({ type: 'ChangePrice', sku: 'MUG', priceCents: -5 }).thenInvalid('priceCents');
  });
});

describe('Restock', () => {
  it('adds units to the stock', () => {
    const state = given(productRegistered(mug, 5))
      .when({ type: 'Restock', sku: 'MUG', quantity: 7 })
      .then(event('product-MUG', 'ProductRestocked', { sku: 'MUG', quantity: 7 }));
    expect(state.products.get('MUG')?.stock).toBe(12);
  });

  it('refuses an unknown product', () => {
    given().when({ type: 'Restock', sku: 'MUG', quantity: 1 }).thenRejects('unknown-product');
  });

  it('refuses a discontinued product', () => {
    given(productRegistered(mug, 5), productDiscontinued('MUG'))
      .when({ type: 'Restock', sku: 'MUG', quantity: 1 })
      .thenRejects('product-discontinued');
  });

  it.each([0, -2, 2.5])('rejects a quantity of %s as invalid', (quantity) => {
    given(productRegistered(mug, 5)).when({ type: 'Restock', sku: 'MUG', quantity }).thenInvalid('quantity');
  });
});

describe('DiscontinueProduct', () => {
  it('takes a product off sale and keeps it in the catalog', () => {
    const state = given(productRegistered(mug, 5), productRegistered(tea, 3))
      .when({ type: 'DiscontinueProduct', sku: 'MUG' })
      .then(event('product-MUG', 'ProductDiscontinued', { sku: 'MUG' }));
    expect(state.products.get('MUG')).toMatchObject({ discontinued: true, stock: 5 });
    expect(state.products.get('TEA')?.discontinued).toBe(false);
  });

  it('refuses an unknown product', () => {
    given().when({ type: 'DiscontinueProduct', sku: 'MUG' }).thenRejects('unknown-product');
  });

  it('refuses a product that is already discontinued', () => {
    given(productRegistered(mug, 5), productDiscontinued('MUG'))
      .when({ type: 'DiscontinueProduct', sku: 'MUG' })
      .thenRejects('product-discontinued');
  });
});

describe('ReinstateProduct', () => {
  it('puts a discontinued product back on sale, with its stock, so it can be added to a cart again', () => {
    const state = given(productRegistered(mug, 5), productDiscontinued('MUG'))
      .when({ type: 'ReinstateProduct', sku: 'MUG' })
      .then(event('product-MUG', 'ProductReinstated', { sku: 'MUG' }));
    expect(state.products.get('MUG')).toMatchObject({ discontinued: false, stock: 5 });
    given(productRegistered(mug, 5), productDiscontinued('MUG'), event('product-MUG', 'ProductReinstated', { sku: 'MUG' }), {
      streamId: 'customer-ada',
      type: 'CustomerRegistered',
      payload: { customerId: 'ada', name: 'Ada', email: null },
    })
      .when({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 1 })
      .then(event('cart-ada', 'ItemAddedToCart', { customerId: 'ada', sku: 'MUG', quantity: 1 }));
  });

  it('refuses a product on sale, and an unknown one, with a sentence', () => {
    expect(given(productRegistered(mug, 5)).when({ type: 'ReinstateProduct', sku: 'MUG' }).thenRejects('not-discontinued').message).toBe(
      'Blue mug is on sale already.',
    );
    given().when({ type: 'ReinstateProduct', sku: 'MUG' }).thenRejects('unknown-product');
  });

  it('is flagged by what-if when the product was not discontinued', () => {
    const [reinstated] = stored([event('product-MUG', 'ProductReinstated', { sku: 'MUG' })]);
    expect(whyInapplicable(fold([productRegistered(mug, 5)]), reinstated!)).toBe('MUG is not discontinued');
    expect(whyInapplicable(fold([]), reinstated!)).toBe('product MUG does not exist');
    expect(whyInapplicable(fold([productRegistered(mug, 5), productDiscontinued('MUG')]), reinstated!)).toBeNull();
  });
});

describe('stock', () => {
  it('is reserved by a placed order and returned by its cancellation', () => {
    const placed = given(...adaOrderedTwoMugs()).state;
    expect(placed.products.get('MUG')?.stock).toBe(8);
    const cancelled = given(
      ...adaOrderedTwoMugs(),
      orderCancelled('o1'),
      event('product-MUG', 'StockReleased', { sku: 'MUG', quantity: 2, orderId: 'o1' }),
    ).state;
    expect(cancelled.products.get('MUG')?.stock).toBe(10);
  });
});
