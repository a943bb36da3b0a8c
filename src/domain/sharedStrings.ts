import type { Map as IMap } from 'immutable';
import type { Customer, Order, PricedLine, Product, Return, ShopState } from './state';

/**
 * The lines with their sku and name strings taken from the catalog when they are equal. Equal
 * values, fewer bytes: every event read from the log or from a worker brings its own copy of each
 * string, and an order keeps its lines for good. On a 540,000-line import this is most of what
 * the page keeps, and what its garbage collector has to copy.
 */
export function withCatalogStrings(products: IMap<string, Product>, lines: readonly PricedLine[]): readonly PricedLine[] {
  const shared: PricedLine[] = new Array<PricedLine>(lines.length);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const product = products.get(line.sku);
    shared[i] = {
      sku: product ? product.sku : line.sku,
      name: product && product.name === line.name ? product.name : line.name,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
    };
  }
  return shared;
}

/** The customer's own id string when the customer is known (an order keeps it for good). */
export function customerIdFrom(customers: IMap<string, Customer>, customerId: string): string {
  return customers.get(customerId)?.id ?? customerId;
}

/** Where each collection keeps its key inside its values. */
const keyOf = {
  products: (p: Product) => p.sku,
  customers: (c: Customer) => c.id,
  carts: (c: { customerId: string }) => c.customerId,
  orders: (o: Order) => o.id,
  returns: (r: Return) => r.id,
} as const;

/** The entry's key as the string its value already holds, when they are equal. */
export function sharedKey(field: string, key: string, value: unknown): string {
  const natural = (keyOf as Record<string, ((v: never) => string) | undefined>)[field]?.(value as never);
  return natural === key ? natural : key;
}

/**
 * A state loaded from snapshot rows shares its strings the way a folded one does: each row came
 * back from IndexedDB with its own copies. With the fold's sharing above, this took the heap of a
 * million-event shop ready to scrub from 259.6 to 227.0 MB (tests/bench).
 */
export function withSharedStrings(state: ShopState): ShopState {
  const { products, customers } = state;
  const orders = state.orders.map(
    (order): Order => ({ ...order, customerId: customerIdFrom(customers, order.customerId), lines: withCatalogStrings(products, order.lines) }),
  );
  const returns = state.returns.map(
    (r): Return => ({ ...r, customerId: customerIdFrom(customers, r.customerId), lines: withCatalogStrings(products, r.lines) }),
  );
  const orderIds = state.orderIds.map((id) => orders.get(id)?.id ?? id);
  return { ...state, orders, returns, orderIds };
}
