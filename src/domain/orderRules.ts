import type { Order, OrderStatus } from './state';
import { returnableBySku } from './orderReturns';

/** What the shop owner can do to an order. */
export type OrderAction = 'pay' | 'ship' | 'cancel' | 'return';

/** The statuses each action applies from: decide, the what-if rules and the buttons all read this. */
export const allowedFrom: Readonly<Record<OrderAction, readonly OrderStatus[]>> = {
  pay: ['placed'],
  ship: ['paid'],
  cancel: ['placed', 'paid'],
  return: ['shipped'],
};

const verbs: Record<OrderAction, string> = { pay: 'be paid', ship: 'ship', cancel: 'be cancelled', return: 'take a return' };

const statusWords: Record<OrderStatus, string> = {
  placed: 'is not paid yet',
  paid: 'is already paid',
  shipped: 'has already shipped',
  cancelled: 'was cancelled',
};

/** Why `action` cannot apply to `order` now, as the refusal says it; null when it can. */
export function whyOrderCannot(order: Order, action: OrderAction): string | null {
  const cannot = `Order #${order.number} cannot ${verbs[action]}`;
  if (!allowedFrom[action].includes(order.status)) {
    const why = action === 'return' && order.status !== 'cancelled' ? 'has not shipped yet' : statusWords[order.status];
    return `${cannot}: it ${why}.`;
  }
  if (action === 'return' && [...returnableBySku(order).values()].every((n) => n === 0)) {
    return `${cannot}: every item was returned already.`;
  }
  return null;
}
