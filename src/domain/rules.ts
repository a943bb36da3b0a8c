import { DomainError } from '../es';
import { whyOrderCannot, type OrderAction } from './orderRules';
import type { Cart, Customer, Order, Product, ShopState } from './state';

/** Lookups that either return the thing a command needs or reject it with a sentence. */

export function requireProduct(state: ShopState, sku: string): Product {
  const product = state.products.get(sku);
  if (!product) throw new DomainError('unknown-product', `There is no product with SKU ${sku}.`, { sku });
  return product;
}

/** Why the product cannot be sold (the refusal, and the reason its Add to cart button shows), or null. */
export function whyNotOnSale(product: Product): string | null {
  return product.discontinued ? `${product.name} is discontinued and can no longer be sold.` : null;
}

export function requireOnSale(state: ShopState, sku: string): Product {
  const product = requireProduct(state, sku);
  const why = whyNotOnSale(product);
  if (why) throw new DomainError('product-discontinued', why, { sku });
  return product;
}

/** The order, if `action` applies to it; else refused with the sentence the order's buttons show. */
export function requireOrderFor(state: ShopState, orderId: string, action: OrderAction): Order {
  const order = requireOrder(state, orderId);
  const why = whyOrderCannot(order, action);
  if (why) throw new DomainError('invalid-order-status', why, { orderId: order.id, status: order.status });
  return order;
}

export function requireCustomer(state: ShopState, customerId: string): Customer {
  const customer = state.customers.get(customerId);
  if (!customer) throw new DomainError('unknown-customer', `There is no customer with id ${customerId}.`, { customerId });
  if (customer.deleted) {
    throw new DomainError('customer-deleted', `${customer.name} was deleted and can no longer shop.`, { customerId });
  }
  return customer;
}

export function requireOrder(state: ShopState, orderId: string): Order {
  const order = state.orders.get(orderId);
  if (!order) throw new DomainError('unknown-order', `There is no order with id ${orderId}.`, { orderId });
  return order;
}

/** A cart that may be changed: its owner exists and no checkout is under way. */
export function requireEditableCart(state: ShopState, customerId: string): { customer: Customer; cart: Cart | undefined } {
  const customer = requireCustomer(state, customerId);
  const cart = state.carts.get(customerId);
  if (cart?.pendingCheckout) {
    throw new DomainError('checkout-in-progress', `${customer.name}'s cart is being checked out; wait for the order.`, { customerId });
  }
  return { customer, cart };
}

export function requireStock(product: Product, wanted: number): void {
  if (wanted > product.stock) {
    const left = product.stock === 0 ? 'none are left' : `only ${product.stock} left`;
    throw new DomainError('insufficient-stock', `Not enough ${product.name} in stock: ${wanted} wanted, ${left}.`, {
      sku: product.sku,
      wanted,
      stock: product.stock,
    });
  }
}

/** Why a customer cannot act in `state` (what-if rules), or null. */
export function liveCustomerProblem(state: ShopState, customerId: string): string | null {
  const c = state.customers.get(customerId);
  if (!c) return `customer ${customerId} does not exist`;
  return c.deleted ? `${c.name} was deleted` : null;
}
