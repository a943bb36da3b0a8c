import type { StoredEvent } from '../es';
import { isShopEvent } from './events';
import type { Cart, ShopState } from './state';

/**
 * Why a recorded event could not have happened in `state` (null when it could). The time
 * machine's what-if replays use it to flag, rather than silently apply, events whose premises a
 * skipped event removed.
 */
export function whyInapplicable(state: ShopState, stored: StoredEvent): string | null {
  if (!isShopEvent(stored)) return null;
  const e = stored;
  const product = (sku: string) => state.products.get(sku);
  const customer = (id: string) => state.customers.get(id);
  const order = (id: string) => state.orders.get(id);
  const lineOf = (cart: Cart | undefined, sku: string) => cart?.lines.find((l) => l.sku === sku);
  const liveCustomer = (id: string) => {
    const c = customer(id);
    if (!c) return `customer ${id} does not exist`;
    return c.deleted ? `${c.name} was deleted` : null;
  };
  switch (e.type) {
    case 'ProductRegistered':
      return product(e.payload.sku) ? `SKU ${e.payload.sku} already exists` : null;
    case 'ProductPriceChanged':
    case 'ProductRestocked':
    case 'ProductDiscontinued':
      return product(e.payload.sku) ? null : `product ${e.payload.sku} does not exist`;
    case 'StockReserved': {
      const p = product(e.payload.sku);
      if (!p) return `product ${e.payload.sku} does not exist`;
      if (!order(e.payload.orderId)) return `order ${e.payload.orderId} was never placed`;
      return p.stock < e.payload.quantity ? `only ${p.stock} × ${p.name} in stock, ${e.payload.quantity} needed` : null;
    }
    case 'StockReleased':
      return product(e.payload.sku) && order(e.payload.orderId) ? null : `order ${e.payload.orderId} does not exist`;
    case 'CustomerRegistered':
      return customer(e.payload.customerId) ? `customer ${e.payload.customerId} already exists` : null;
    case 'CustomerRenamed':
    case 'CustomerDeleted':
      return liveCustomer(e.payload.customerId);
    case 'ItemAddedToCart': {
      const p = product(e.payload.sku);
      if (!p) return `product ${e.payload.sku} does not exist`;
      const inCart = lineOf(state.carts.get(e.payload.customerId), e.payload.sku)?.quantity ?? 0;
      if (inCart + e.payload.quantity > p.stock) return `only ${p.stock} × ${p.name} in stock`;
      return liveCustomer(e.payload.customerId);
    }
    case 'CartItemQuantityChanged':
    case 'ItemRemovedFromCart':
      return lineOf(state.carts.get(e.payload.customerId), e.payload.sku) ? null : `the cart holds no ${e.payload.sku}`;
    case 'CartCleared':
      return (state.carts.get(e.payload.customerId)?.lines.length ?? 0) > 0 ? null : 'the cart is already empty';
    case 'CheckoutRequested': {
      const cart = state.carts.get(e.payload.customerId);
      const same =
        cart !== undefined &&
        cart.lines.length === e.payload.lines.length &&
        e.payload.lines.every((l) => lineOf(cart, l.sku)?.quantity === l.quantity);
      return same ? null : 'the cart no longer holds what was checked out';
    }
    case 'CheckoutRejected':
    case 'CartCheckedOut': {
      const pendingId = state.carts.get(e.payload.customerId)?.pendingCheckout?.checkoutId;
      const id = e.type === 'CheckoutRejected' ? e.payload.checkoutId : e.payload.orderId;
      return pendingId === id ? null : 'there is no such checkout waiting';
    }
    case 'OrderPlaced':
      return state.carts.get(e.payload.customerId)?.pendingCheckout?.checkoutId === e.payload.orderId ? null : 'no checkout led to this order';
    case 'OrderPaid': {
      const o = order(e.payload.orderId);
      return o?.status === 'placed' ? null : o ? `the order is ${o.status}` : 'the order does not exist';
    }
    case 'OrderShipped': {
      const o = order(e.payload.orderId);
      return o?.status === 'paid' ? null : o ? `the order is ${o.status}` : 'the order does not exist';
    }
    case 'OrderCancelled': {
      const o = order(e.payload.orderId);
      return o && o.status !== 'shipped' && o.status !== 'cancelled' ? null : o ? `the order is ${o.status}` : 'the order does not exist';
    }
    case 'OrderImported':
    case 'ReturnRecorded': {
      const id = e.type === 'OrderImported' ? e.payload.orderId : e.payload.returnId;
      if ((e.type === 'OrderImported' ? state.orders : state.returns).has(id)) return `invoice ${e.payload.invoiceNo} is already in the shop`;
      return customer(e.payload.customerId) ? null : `customer ${e.payload.customerId} does not exist`;
    }
    case 'ProductRestored':
    case 'CustomerRestored':
    case 'CartRestored':
    case 'OrderRestored':
    case 'ReturnRestored':
      // Compensations set a value outright; they apply to any state.
      return null;
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
}
