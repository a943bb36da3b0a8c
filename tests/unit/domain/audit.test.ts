import { describe, expect, it } from 'vitest';
import { describeEvent, eventTypes, namesFrom, type EventPayloads, type EventType } from '../../../src/domain';
import type { StoredEvent } from '../../../src/es';
import { fold, stored } from '../../support/spec';
import { adaOrderedTwoMugs, customerRegistered, line, mug } from '../../support/shopEvents';

const lines = [line(mug, 2)];

/**
 * One hand-made payload per event type and the sentence the audit log must show for it, with
 * names resolved from the state below (Ada, Blue mug, order #1). Typed by EventType, so a new
 * event type does not compile until it has a sample here.
 */
const samples: { [K in EventType]: { payload: EventPayloads[K]; sentence: string } } = {
  ProductRegistered: {
    payload: { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 20 },
    sentence: 'Blue mug (SKU MUG) was added to the catalog at 12.50 with 20 in stock',
  },
  ProductPriceChanged: {
    payload: { sku: 'MUG', priceCents: 1500, previousPriceCents: 1250 },
    sentence: 'The price of Blue mug changed from 12.50 to 15.00',
  },
  ProductRestocked: { payload: { sku: 'MUG', quantity: 5 }, sentence: 'Blue mug was restocked with 5 more' },
  ProductDiscontinued: { payload: { sku: 'MUG' }, sentence: 'Blue mug was discontinued' },
  ProductReinstated: { payload: { sku: 'MUG' }, sentence: 'Blue mug was put back on sale' },
  StockReserved: { payload: { sku: 'MUG', quantity: 2, orderId: 'o1' }, sentence: '2 × Blue mug reserved for order #1' },
  StockReleased: { payload: { sku: 'MUG', quantity: 2, orderId: 'o1' }, sentence: '2 × Blue mug went back into stock from order #1' },
  CustomerRegistered: { payload: { customerId: 'ada', name: 'Ada', email: null }, sentence: 'Ada became a customer' },
  CustomerRenamed: { payload: { customerId: 'ada', name: 'Ada L.', previousName: 'Ada' }, sentence: 'Ada was renamed to Ada L.' },
  CustomerDeleted: { payload: { customerId: 'ada' }, sentence: 'Ada was deleted' },
  ItemAddedToCart: { payload: { customerId: 'ada', sku: 'MUG', quantity: 2 }, sentence: 'Ada added 2 × Blue mug to their cart' },
  CartItemQuantityChanged: {
    payload: { customerId: 'ada', sku: 'MUG', quantity: 3, previousQuantity: 2 },
    sentence: 'Ada changed Blue mug from 2 to 3 in their cart',
  },
  ItemRemovedFromCart: { payload: { customerId: 'ada', sku: 'MUG' }, sentence: 'Ada removed Blue mug from their cart' },
  CartCleared: { payload: { customerId: 'ada' }, sentence: 'Ada emptied their cart' },
  CheckoutRequested: {
    payload: { customerId: 'ada', checkoutId: 'o1', lines, totalCents: 2500 },
    sentence: 'Ada checked out 2 items for 25.00',
  },
  CheckoutRejected: {
    payload: { customerId: 'ada', checkoutId: 'o1', reason: 'Blue mug was discontinued.' },
    sentence: "Ada's checkout was refused: Blue mug was discontinued.",
  },
  CartCheckedOut: { payload: { customerId: 'ada', orderId: 'o1' }, sentence: "Ada's cart became order #1" },
  OrderPlaced: {
    payload: { orderId: 'o1', customerId: 'ada', lines, totalCents: 2500 },
    sentence: 'Order #1 was placed for Ada: 2 items, 25.00',
  },
  OrderPaid: { payload: { orderId: 'o1', amountCents: 2500 }, sentence: 'Order #1 was paid (25.00)' },
  OrderShipped: { payload: { orderId: 'o1' }, sentence: 'Order #1 was shipped' },
  OrderCancelled: { payload: { orderId: 'o1' }, sentence: 'Order #1 was cancelled' },
  OrderImported: {
    payload: { orderId: 'o1', invoiceNo: '536365', customerId: 'ada', lines, totalCents: 2500 },
    sentence: 'Order #1 (invoice 536365) was imported for Ada: 2 items, 25.00',
  },
  ItemsReturned: {
    payload: { orderId: 'o1', returnId: 'r1', lines: [line(mug, 1)], refundedCents: 1125 },
    sentence: '1 × Blue mug returned from order #1; 11.25 refunded',
  },
  ReturnRecorded: {
    payload: { returnId: 'r1', invoiceNo: 'C536379', customerId: 'ada', lines, refundedCents: 2500 },
    sentence: 'Ada returned 2 items (invoice C536379); 25.00 refunded',
  },
  ProductRestored: {
    payload: {
      sku: 'MUG',
      product: { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 20, discontinued: false },
      restoredTo: 12,
      purpose: 'restore',
    },
    sentence: 'Restored to #12: Blue mug set back to 12.50, 20 in stock',
  },
  CustomerRestored: {
    payload: {
      customerId: 'ada',
      customer: { id: 'ada', name: 'Ada', email: null, deleted: true, registeredAt: '2026-01-01T00:00:00.000Z' },
      restoredTo: 3,
      purpose: 'restore',
    },
    sentence: 'Restored to #3: Ada set back (deleted)',
  },
  CartRestored: {
    payload: {
      customerId: 'ada',
      cart: { customerId: 'ada', lines: [{ sku: 'MUG', quantity: 2 }], pendingCheckout: null, lastCheckoutError: null },
      restoredTo: 5,
      purpose: 'undo',
    },
    sentence: "Undo: Ada's cart set back to 2 items",
  },
  OrderRestored: { payload: { orderId: 'o1', order: null, restoredTo: 6, purpose: 'redo' }, sentence: 'Redo: order #1 removed' },
  ReturnRestored: {
    payload: { returnId: 'r1', return: null, restoredTo: 3, purpose: 'restore' },
    sentence: 'Restored to #3: return r1 removed',
  },
  DiscountCodeCreated: {
    payload: {
      code: 'SUMMER10',
      off: { kind: 'percent', percent: 10 },
      minimumOrderCents: null,
      validFrom: null,
      validUntil: null,
      active: true,
    },
    sentence: 'Code SUMMER10 (10% off) was created',
  },
  DiscountCodeDeactivated: { payload: { code: 'SUMMER10' }, sentence: 'Code SUMMER10 was deactivated' },
  DiscountCodeReactivated: { payload: { code: 'SUMMER10' }, sentence: 'Code SUMMER10 was reactivated' },
  DiscountCodeApplied: { payload: { customerId: 'ada', code: 'SUMMER10' }, sentence: 'Ada applied code SUMMER10 to the cart' },
  DiscountCodeRemovedFromCart: { payload: { customerId: 'ada', code: 'SUMMER10' }, sentence: 'Ada removed code SUMMER10 from the cart' },
  DiscountCodeRestored: {
    payload: {
      code: 'FIVE',
      discountCode: {
        code: 'FIVE',
        off: { kind: 'amount', amountCents: 500 },
        minimumOrderCents: 2000,
        validFrom: null,
        validUntil: null,
        active: false,
      },
      restoredTo: 4,
      purpose: 'undo',
    },
    sentence: 'Undo: code FIVE set back to 5.00 off, inactive',
  },
};

const names = namesFrom(fold(adaOrderedTwoMugs()));

function storedOf(type: string, payload: unknown): StoredEvent {
  return { ...stored([customerRegistered('x', 'x')])[0]!, type, payload };
}

describe('describeEvent', () => {
  it('has a sample for exactly the known event types', () => {
    expect(Object.keys(samples).sort()).toEqual([...eventTypes].sort());
  });

  it.each(eventTypes)('gives a plain sentence for %s', (type) => {
    const { payload, sentence } = samples[type];
    expect(describeEvent(storedOf(type, payload), names)).toBe(sentence);
  });

  it('says "1 item" rather than "1 items"', () => {
    const payload = { customerId: 'ada', checkoutId: 'o1', lines: [line(mug, 1)], totalCents: 1250 };
    expect(describeEvent(storedOf('CheckoutRequested', payload), names)).toBe('Ada checked out 1 item for 12.50');
  });

  it('names what the state has never heard of by its id', () => {
    const empty = namesFrom(fold([]));
    expect(describeEvent(storedOf('ItemAddedToCart', { customerId: 'c0ffee-1234-5678', sku: 'GONE', quantity: 1 }), empty)).toBe(
      'customer c0ffee-1 added 1 × GONE to their cart',
    );
    expect(describeEvent(storedOf('OrderShipped', { orderId: 'abcdef123456' }), empty)).toBe('Order abcdef12 was shipped');
  });

  it('describes an event type from a newer version without failing', () => {
    expect(describeEvent(storedOf('GiftWrapped', { orderId: 'o1' }), names)).toBe('GiftWrapped (recorded by a newer version of Rewind)');
  });
});
