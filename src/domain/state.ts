import { List, Map as IMap } from 'immutable';

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  /** Units on the shelf: restocks add, placed orders reserve, cancellations give back. */
  stock: number;
  discontinued: boolean;
}

export interface Customer {
  id: string;
  name: string;
  deleted: boolean;
  registeredAt: string;
}

export interface CartLine {
  sku: string;
  quantity: number;
}

export interface PricedLine {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface PendingCheckout {
  checkoutId: string;
  lines: readonly PricedLine[];
  totalCents: number;
  requestedAt: string;
}

export interface Cart {
  customerId: string;
  lines: readonly CartLine[];
  /** Set between CheckoutRequested and its outcome; the cart is frozen meanwhile. */
  pendingCheckout: PendingCheckout | null;
  /** Why the last checkout failed, until the cart changes again. */
  lastCheckoutError: string | null;
}

/** Goods a customer sent back (imported return invoices); their quantities went back into stock. */
export interface Return {
  id: string;
  invoiceNo: string;
  customerId: string;
  lines: readonly PricedLine[];
  refundedCents: number;
  recordedAt: string;
}

export type OrderStatus = 'placed' | 'paid' | 'shipped' | 'cancelled';

export interface Order {
  id: string;
  /** 1, 2, 3 … in the order orders were placed; what people call an order by. */
  number: number;
  customerId: string;
  lines: readonly PricedLine[];
  totalCents: number;
  status: OrderStatus;
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  cancelledAt: string | null;
}

/**
 * The shop's read model. Collections are persistent maps (structural sharing), so a state from the
 * past can be kept beside the present at the cost of what changed, not of a full copy.
 */
export interface ShopState {
  products: IMap<string, Product>;
  customers: IMap<string, Customer>;
  carts: IMap<string, Cart>;
  orders: IMap<string, Order>;
  /** Order ids in placing order (newest last). */
  orderIds: List<string>;
  returns: IMap<string, Return>;
}

export function initialShopState(): ShopState {
  return { products: IMap(), customers: IMap(), carts: IMap(), orders: IMap(), orderIds: List(), returns: IMap() };
}

/** Whether two shops hold as many of each thing: a cheap check before taking one for the other. */
export function sameSizes(a: ShopState, b: ShopState): boolean {
  return (
    a.products.size === b.products.size &&
    a.customers.size === b.customers.size &&
    a.carts.size === b.carts.size &&
    a.orders.size === b.orders.size &&
    a.orderIds.size === b.orderIds.size &&
    a.returns.size === b.returns.size
  );
}

export const emptyCart = (customerId: string): Cart => ({
  customerId,
  lines: [],
  pendingCheckout: null,
  lastCheckoutError: null,
});

/** Replaces an entry by `change(entry)`; an absent key leaves the map as it is. */
export function patch<K, V>(map: IMap<K, V>, key: K, change: (value: V) => V): IMap<K, V> {
  const value = map.get(key);
  return value === undefined ? map : map.set(key, change(value));
}
