import { describe, expect, it } from 'vitest';
import {
  collections,
  decide,
  describeEvent,
  basedOn,
  entitiesToRestore,
  evolveAll,
  namesFrom,
  parseCommand,
  shopFromSnapshotRows,
  shopSnapshotRows,
  shopToJson,
  streamsRead,
  whyInapplicable,
  type DiscountCode,
} from '../../../src/domain';
import { event, fixedContext, fold, given, stored, type SpecEvent } from '../../support/spec';
import { customerRegistered, itemAdded, line, mug, productRegistered, tea } from '../../support/shopEvents';
import { canonicalShop } from '../../support/canonical';

const code = (c: Partial<DiscountCode> & Pick<DiscountCode, 'code' | 'off'>): DiscountCode => ({
  minimumOrderCents: null,
  validFrom: null,
  validUntil: null,
  active: true,
  ...c,
});
const created = (c: DiscountCode): SpecEvent => event(`discount-${c.code}`, 'DiscountCodeCreated', c);
const summer10 = code({ code: 'SUMMER10', off: { kind: 'percent', percent: 10 } });
const five = code({ code: 'FIVE', off: { kind: 'amount', amountCents: 500 } });
const applied = (customerId: string, c: string): SpecEvent => event(`cart-${customerId}`, 'DiscountCodeApplied', { customerId, code: c });
const deactivated = (c: string): SpecEvent => event(`discount-${c}`, 'DiscountCodeDeactivated', { code: c });

const shop = [productRegistered(mug, 20), productRegistered(tea, 20), customerRegistered('ada', 'Ada Lovelace')];
/** 2 × 12.50 + 1 × 6.75 = 31.75 */
const adasCart = [...shop, itemAdded('ada', 'MUG', 2), itemAdded('ada', 'TEA', 1)];
const lines = [line(mug, 2), line(tea, 1)];
const checkout = { type: 'CheckoutCart', customerId: 'ada' };
const requested = (totalCents: number, discount?: { code: string; amountCents: number }) =>
  event('cart-ada', 'CheckoutRequested', { customerId: 'ada', checkoutId: 'id-1', lines, totalCents, ...(discount && { discount }) });

describe('CreateDiscountCode', () => {
  it('creates a percentage code, trimmed and upper-cased, with no conditions', () => {
    const state = given()
      .when({ type: 'CreateDiscountCode', code: '  summer10 ', off: { kind: 'percent', percent: 10 }, active: true })
      .then(created(summer10));
    expect(state.discountCodes.get('SUMMER10')).toEqual(summer10);
  });

  it('creates a fixed-amount code with a minimum order and dates, inactive', () => {
    const c = code({ ...five, minimumOrderCents: 2000, validFrom: '2026-06-01', validUntil: '2026-06-01', active: false });
    given()
      .when({
        type: 'CreateDiscountCode',
        code: 'FIVE',
        off: five.off,
        minimumOrderCents: 2000,
        validFrom: '2026-06-01',
        validUntil: '2026-06-01',
        active: false,
      })
      .then(created(c));
  });

  it('refuses a code that exists, with a sentence', () => {
    const error = given(created(summer10))
      .when({ type: 'CreateDiscountCode', code: 'Summer10', off: { kind: 'amount', amountCents: 100 }, active: true })
      .thenRejects('duplicate-code');
    expect(error.message).toBe('There is already a discount code SUMMER10.');
  });

  it('refuses an end before the start', () => {
    const error = given()
      .when({ type: 'CreateDiscountCode', code: 'LATE', off: five.off, validFrom: '2026-06-02', validUntil: '2026-06-01', active: true })
      .thenRejects('invalid-validity');
    expect(error.message).toBe('Code LATE cannot end (2026-06-01) before it starts (2026-06-02).');
  });

  it.each([
    ['code', { code: 'AB' }, 'A code has at least 3 characters.'],
    ['code', { code: 'A'.repeat(21) }, 'A code has at most 20 characters.'],
    ['code', { code: 'NO SPACE' }, 'A code may hold only letters A–Z, digits and hyphens.'],
    ['off.percent', { off: { kind: 'percent', percent: 0 } }, 'The percentage must be at least 1.'],
    ['off.percent', { off: { kind: 'percent', percent: 101 } }, 'The percentage must be at most 100.'],
    ['off.percent', { off: { kind: 'percent', percent: 12.5 } }, 'The percentage must be a whole number.'],
    ['off.amountCents', { off: { kind: 'amount', amountCents: 0 } }, 'The amount off must be more than 0.'],
    ['minimumOrderCents', { minimumOrderCents: -1 }, 'The minimum order cannot be negative.'],
    ['validFrom', { validFrom: '1 June' }, 'Valid from must be a date like 2026-06-01.'],
    ['validUntil', { validUntil: '2026-02-30' }, 'Valid until is not a real date.'],
  ])('says in words what is wrong with %s', (path, change, message) => {
    const error = given()
      .when({ type: 'CreateDiscountCode', code: 'GOOD-1', off: five.off, active: true, ...change })
      .thenInvalid(path);
    expect(error.issues.map((i) => i.message)).toContain(message);
  });
});

describe('DeactivateDiscountCode and ReactivateDiscountCode', () => {
  it('switch a code off and on again', () => {
    const off = given(created(summer10)).when({ type: 'DeactivateDiscountCode', code: 'summer10' }).then(deactivated('SUMMER10'));
    expect(off.discountCodes.get('SUMMER10')?.active).toBe(false);
    const on = given(created(summer10), deactivated('SUMMER10'))
      .when({ type: 'ReactivateDiscountCode', code: 'SUMMER10' })
      .then(event('discount-SUMMER10', 'DiscountCodeReactivated', { code: 'SUMMER10' }));
    expect(on.discountCodes.get('SUMMER10')?.active).toBe(true);
  });

  it('refuse a code already in that state, or unknown', () => {
    expect(given(created(summer10)).when({ type: 'ReactivateDiscountCode', code: 'SUMMER10' }).thenRejects('same-status').message).toBe(
      'Code SUMMER10 is already active.',
    );
    expect(given().when({ type: 'DeactivateDiscountCode', code: 'NOPE' }).thenRejects('unknown-code').message).toBe(
      'There is no discount code NOPE.',
    );
  });
});

describe('ApplyDiscountCode and RemoveDiscountCode', () => {
  it('keep the applied code on the cart, and take it off again', () => {
    const state = given(...adasCart, created(summer10))
      .when({ type: 'ApplyDiscountCode', customerId: 'ada', code: ' summer10' })
      .then(applied('ada', 'SUMMER10'));
    expect(state.carts.get('ada')?.discountCode).toBe('SUMMER10');
    const removed = given(...adasCart, created(summer10), applied('ada', 'SUMMER10'))
      .when({ type: 'RemoveDiscountCode', customerId: 'ada' })
      .then(event('cart-ada', 'DiscountCodeRemovedFromCart', { customerId: 'ada', code: 'SUMMER10' }));
    expect(removed.carts.get('ada')).toEqual(fold(adasCart).carts.get('ada'));
  });

  it.each([
    ['an unknown code', [], 'NOPE', 'unknown-code', 'There is no discount code NOPE.'],
    ['an inactive code', [created(summer10), deactivated('SUMMER10')], 'SUMMER10', 'code-not-usable', 'Code SUMMER10 is not active.'],
    [
      'a code not valid yet',
      [created(code({ ...five, validFrom: '2026-03-02' }))],
      'FIVE',
      'code-not-usable',
      'Code FIVE is not valid until 2026-03-02.',
    ],
    [
      'an expired code',
      [created(code({ ...five, validUntil: '2026-02-28' }))],
      'FIVE',
      'code-not-usable',
      'Code FIVE expired on 2026-02-28.',
    ],
    [
      'a cart below the minimum order',
      [created(code({ ...five, minimumOrderCents: 5000 }))],
      'FIVE',
      'below-minimum-order',
      'Code FIVE needs an order of at least 50.00; the cart comes to 31.75.',
    ],
  ])('refuse %s with a sentence', (_what, history, c, errorCode, message) => {
    expect(
      given(...adasCart, ...history)
        .when({ type: 'ApplyDiscountCode', customerId: 'ada', code: c })
        .thenRejects(errorCode).message,
    ).toBe(message);
  });

  it('accept a code on its first and last day (dates are whole days)', () => {
    given(...adasCart, created(code({ ...five, validFrom: '2026-03-01', validUntil: '2026-03-01' })))
      .when({ type: 'ApplyDiscountCode', customerId: 'ada', code: 'FIVE' })
      .then(applied('ada', 'FIVE'));
  });

  it('refuse the same code twice, and removing when there is none', () => {
    given(...adasCart, created(five), applied('ada', 'FIVE'))
      .when({ type: 'ApplyDiscountCode', customerId: 'ada', code: 'FIVE' })
      .thenRejects('code-already-applied');
    expect(
      given(...adasCart)
        .when({ type: 'RemoveDiscountCode', customerId: 'ada' })
        .thenRejects('no-code-applied').message,
    ).toBe("Ada Lovelace's cart has no discount code.");
  });

  it('read the cart, the customer, the code and the products in the cart', () => {
    const state = fold([...adasCart, created(five)]);
    expect(streamsRead(state, parseCommand({ type: 'ApplyDiscountCode', customerId: 'ada', code: 'FIVE' }))).toEqual(
      expect.arrayContaining(['cart-ada', 'customer-ada', 'discount-FIVE', 'product-MUG', 'product-TEA']),
    );
  });
});

describe('checkout with a code', () => {
  it('takes a percentage off the subtotal, rounded to whole cents', () => {
    // 10% of 31.75 is 3.175: 3.18 off.
    const state = given(...adasCart, created(summer10), applied('ada', 'SUMMER10'))
      .when(checkout)
      .then(requested(3175 - 318, { code: 'SUMMER10', amountCents: 318 }));
    expect(state.carts.get('ada')?.pendingCheckout?.discount).toEqual({ code: 'SUMMER10', amountCents: 318 });
  });

  it('takes a fixed amount off, never below zero', () => {
    given(...adasCart, created(five), applied('ada', 'FIVE'))
      .when(checkout)
      .then(requested(3175 - 500, { code: 'FIVE', amountCents: 500 }));
    const big = code({ code: 'BIG', off: { kind: 'amount', amountCents: 10_000 } });
    given(...adasCart, created(big), applied('ada', 'BIG'))
      .when(checkout)
      .then(requested(0, { code: 'BIG', amountCents: 3175 }));
  });

  it('checks the minimum order again, on the subtotal at checkout', () => {
    const min = code({ ...five, minimumOrderCents: 3000 });
    const history = [...adasCart, created(min), applied('ada', 'FIVE')];
    given(...history)
      .when(checkout)
      .then(requested(2675, { code: 'FIVE', amountCents: 500 }));
    const error = given(...history, event('cart-ada', 'ItemRemovedFromCart', { customerId: 'ada', sku: 'TEA' }))
      .when(checkout)
      .thenRejects('below-minimum-order');
    expect(error.message).toBe(
      'Code FIVE needs an order of at least 30.00; the cart comes to 25.00. Remove it from the cart to check out without it.',
    );
  });

  it('checks the dates again, at checkout time', () => {
    const ends = code({ ...five, validUntil: '2026-02-28' });
    // Applied while valid (the code's window is checked against the decision's now, fixed at 2026-03-01).
    const error = given(...adasCart, created(ends), applied('ada', 'FIVE'))
      .when(checkout)
      .thenRejects('code-not-usable');
    expect(error.message).toBe('Code FIVE expired on 2026-02-28. Remove it from the cart to check out without it.');
  });

  it('refuses a code deactivated between applying it and checking out', () => {
    const error = given(...adasCart, created(five), applied('ada', 'FIVE'), deactivated('FIVE'))
      .when(checkout)
      .thenRejects('code-not-usable');
    expect(error.message).toBe('Code FIVE is not active. Remove it from the cart to check out without it.');
  });

  it('reads the code’s stream when the cart holds one', () => {
    const withCode = fold([...adasCart, created(five), applied('ada', 'FIVE')]);
    expect(streamsRead(withCode, parseCommand(checkout))).toContain('discount-FIVE');
    expect(streamsRead(fold(adasCart), parseCommand(checkout)).some((s) => s.startsWith('discount-'))).toBe(false);
  });

  it('records the discount on the order, with the total after it, and the cart forgets the code', () => {
    const history = [...adasCart, created(five), applied('ada', 'FIVE'), requested(2675, { code: 'FIVE', amountCents: 500 })];
    const [placed, ...rest] = decide(
      fold(history),
      parseCommand({ type: 'PlaceOrder', customerId: 'ada', checkoutId: 'id-1' }),
      fixedContext(),
    );
    expect(placed).toMatchObject({
      type: 'OrderPlaced',
      payload: { orderId: 'id-1', totalCents: 2675, discount: { code: 'FIVE', amountCents: 500 } },
    });
    const state = fold([
      ...history,
      ...[placed!, ...rest].map((e) => ({ streamId: e.streamId, type: e.type, payload: e.payload }) as SpecEvent),
    ]);
    expect(state.orders.get('id-1')).toMatchObject({ totalCents: 2675, discount: { code: 'FIVE', amountCents: 500 } });
    expect(state.carts.get('ada')?.discountCode).toBeUndefined();
    const names = namesFrom(state);
    expect(describeEvent(stored([placed as SpecEvent])[0]!, names)).toBe(
      'Order #1 was placed for Ada Lovelace: 3 items, 26.75 after code FIVE (5.00 off)',
    );
  });
});

describe('older data', () => {
  it('replays checkouts and orders from before discount codes as having none', () => {
    const state = fold([
      ...adasCart,
      requested(3175),
      event('order-id-1', 'OrderPlaced', { orderId: 'id-1', customerId: 'ada', lines, totalCents: 3175 }),
    ]);
    expect(state.carts.get('ada')?.pendingCheckout?.discount ?? null).toBeNull();
    expect(state.orders.get('id-1')?.discount ?? null).toBeNull();
  });

  it('reads carts and orders stored before discount codes', () => {
    expect(
      collections.carts.schema.safeParse({ customerId: 'ada', lines: [], pendingCheckout: null, lastCheckoutError: null }).success,
    ).toBe(true);
    const order = {
      id: 'o',
      number: 1,
      customerId: 'ada',
      lines,
      totalCents: 3175,
      status: 'placed',
      placedAt: '',
      paidAt: null,
      shippedAt: null,
      cancelledAt: null,
    };
    expect(collections.orders.schema.safeParse(order).success).toBe(true);
    expect(collections.orders.schema.safeParse({ ...order, discount: null }).success).toBe(true);
  });
});

describe('discount codes through the generic mechanisms', () => {
  const history = [...adasCart, created(summer10), applied('ada', 'SUMMER10')];

  it('are restored to before the code existed: the code goes, and the cart drops it', () => {
    const before = fold(adasCart);
    const present = fold(history);
    const entities = entitiesToRestore(present, before);
    expect(entities).toEqual(
      expect.arrayContaining([
        { kind: 'discountCode', id: 'SUMMER10', value: null },
        { kind: 'cart', id: 'ada', value: before.carts.get('ada') },
      ]),
    );
    const events = decide(
      present,
      parseCommand({ type: 'RestoreEntities', restoredTo: adasCart.length, purpose: 'restore', entities: basedOn(entities, () => 0) }),
      fixedContext(),
    );
    const restoredEvents = stored(events as SpecEvent[], history.length);
    const after = evolveAll(present, restoredEvents);
    expect(after.discountCodes.has('SUMMER10')).toBe(false);
    expect(canonicalShop(after)).toBe(canonicalShop(before));
    const sentences = restoredEvents.map((e) => describeEvent(e, namesFrom(present)));
    expect(sentences).toContain(`Restored to #${adasCart.length}: code SUMMER10 removed`);
  });

  it('are saved in snapshots and shown in the JSON view, with the cart holding its code', () => {
    const state = fold(history);
    const rows = shopSnapshotRows(state, null);
    let step = rows.next();
    while (!step.done) step = rows.next();
    expect(step.value.put.map(([row]) => row)).toContain('discountCodes/SUMMER10');
    expect(canonicalShop(shopFromSnapshotRows(structuredClone(step.value.put)))).toBe(canonicalShop(state));
    const json = shopToJson(state) as { discountCodes: Record<string, unknown>; carts: Record<string, { discountCode?: string }> };
    expect(json.discountCodes.SUMMER10).toEqual(summer10);
    expect(json.carts.ada?.discountCode).toBe('SUMMER10');
  });

  it('are flagged by what-if when their code is gone, or switched off', () => {
    const [apply] = stored([applied('ada', 'SUMMER10')], 10, '2026-03-01T10:00:00.000Z');
    expect(whyInapplicable(fold(adasCart), apply!)).toBe('code SUMMER10 does not exist');
    expect(whyInapplicable(fold([...adasCart, created(summer10), deactivated('SUMMER10')]), apply!)).toBe('code SUMMER10 is not active');
    expect(whyInapplicable(fold([...adasCart, created(summer10)]), apply!)).toBeNull();
    const [create] = stored([created(summer10)]);
    expect(whyInapplicable(fold([created(summer10)]), create!)).toBe('code SUMMER10 already exists');
    const [remove] = stored([event('cart-ada', 'DiscountCodeRemovedFromCart', { customerId: 'ada', code: 'SUMMER10' })]);
    expect(whyInapplicable(fold(adasCart), remove!)).toBe('the cart does not hold code SUMMER10');
  });

  it('are worded in the audit log with people’s names', () => {
    const state = fold(history);
    const [create, apply] = stored([created(code({ ...five, minimumOrderCents: 2000, validUntil: '2026-08-31' })), applied('ada', 'FIVE')]);
    expect(describeEvent(create!, namesFrom(state))).toBe(
      'Code FIVE (5.00 off, on orders of at least 20.00, until 2026-08-31) was created',
    );
    expect(describeEvent(apply!, namesFrom(state))).toBe('Ada Lovelace applied code FIVE to the cart');
    const [checkedOut] = stored([requested(2858, { code: 'SUMMER10', amountCents: 317 })]);
    expect(describeEvent(checkedOut!, namesFrom(state))).toBe('Ada Lovelace checked out 3 items for 28.58 with code SUMMER10 (3.17 off)');
  });
});
