import { event, type SpecEvent } from './spec';

/**
 * Hand-written histories for the specifications. Stream ids are spelled out rather than taken
 * from src/domain/streams.ts, so a change of naming shows up as a failing specification.
 */
export const mug = { sku: 'MUG', name: 'Blue mug', priceCents: 1250 };
export const tea = { sku: 'TEA', name: 'Earl Grey', priceCents: 675 };

export const productRegistered = (p: { sku: string; name: string; priceCents: number }, stock: number): SpecEvent =>
  event(`product-${p.sku}`, 'ProductRegistered', { sku: p.sku, name: p.name, priceCents: p.priceCents, stock });

export const productDiscontinued = (sku: string): SpecEvent => event(`product-${sku}`, 'ProductDiscontinued', { sku });

export const customerRegistered = (customerId: string, name: string): SpecEvent =>
  event(`customer-${customerId}`, 'CustomerRegistered', { customerId, name, email: null });

export const customerDeleted = (customerId: string): SpecEvent => event(`customer-${customerId}`, 'CustomerDeleted', { customerId });

export const itemAdded = (customerId: string, sku: string, quantity: number): SpecEvent =>
  event(`cart-${customerId}`, 'ItemAddedToCart', { customerId, sku, quantity });

export interface Line {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export const line = (p: { sku: string; name: string; priceCents: number }, quantity: number): Line => ({
  sku: p.sku,
  name: p.name,
  quantity,
  unitPriceCents: p.priceCents,
});

const total = (lines: Line[]) => lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);

export const checkoutRequested = (customerId: string, checkoutId: string, lines: Line[]): SpecEvent =>
  event(`cart-${customerId}`, 'CheckoutRequested', { customerId, checkoutId, lines, totalCents: total(lines) });

/** What PlaceOrder writes for a checkout: the order, one reservation per SKU, the emptied cart. */
export const orderPlacedFrom = (customerId: string, orderId: string, lines: Line[]): SpecEvent[] => [
  event(`order-${orderId}`, 'OrderPlaced', { orderId, customerId, lines, totalCents: total(lines) }),
  ...lines.map((l) => event(`product-${l.sku}`, 'StockReserved', { sku: l.sku, quantity: l.quantity, orderId })),
  event(`cart-${customerId}`, 'CartCheckedOut', { customerId, orderId }),
];

export const orderPaid = (orderId: string, amountCents: number): SpecEvent =>
  event(`order-${orderId}`, 'OrderPaid', { orderId, amountCents });
export const orderShipped = (orderId: string): SpecEvent => event(`order-${orderId}`, 'OrderShipped', { orderId });
export const orderCancelled = (orderId: string): SpecEvent => event(`order-${orderId}`, 'OrderCancelled', { orderId });

/** Ada with 2 mugs (stock 10) in her cart, checked out as order o1 (stock 8 after). */
export function adaOrderedTwoMugs(): SpecEvent[] {
  const lines = [line(mug, 2)];
  return [
    productRegistered(mug, 10),
    customerRegistered('ada', 'Ada'),
    itemAdded('ada', 'MUG', 2),
    checkoutRequested('ada', 'o1', lines),
    ...orderPlacedFrom('ada', 'o1', lines),
  ];
}
