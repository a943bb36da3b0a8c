import { DomainError, type DecideContext } from '../es';
import type { CommandOf } from './commands';
import { pending, type ShopEvent, type ShopPendingEvent } from './events';
import { requireCustomer, requireOrder, requireProduct, requireStock } from './rules';
import { adjustStock } from './returns';
import { customerIdFrom, withCatalogStrings } from './sharedStrings';
import { patch, type Order, type PricedLine, type ShopState } from './state';
import { cartStream, customerTag, orderStream, productStream, productTag } from './streams';

export type OrderCommand = CommandOf<'PlaceOrder' | 'PayOrder' | 'ShipOrder' | 'CancelOrder'>;
type OrderEvent = Exclude<Extract<ShopEvent, { type: `Order${string}` }>, { type: `${string}Restored` }>;

export function decideOrders(state: ShopState, command: OrderCommand, _context: DecideContext): ShopPendingEvent[] {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(state, command);
    case 'PayOrder': {
      const order = requireOrder(state, command.orderId);
      if (order.status !== 'placed') throw statusError(order, 'paid');
      return [
        pending(orderStream(order.id), 'OrderPaid', { orderId: order.id, amountCents: order.totalCents }, [customerTag(order.customerId)]),
      ];
    }
    case 'ShipOrder': {
      const order = requireOrder(state, command.orderId);
      if (order.status !== 'paid') throw statusError(order, 'shipped');
      return [pending(orderStream(order.id), 'OrderShipped', { orderId: order.id }, [customerTag(order.customerId)])];
    }
    case 'CancelOrder': {
      const order = requireOrder(state, command.orderId);
      if (order.status === 'shipped' || order.status === 'cancelled') throw statusError(order, 'cancelled');
      return [
        pending(orderStream(order.id), 'OrderCancelled', { orderId: order.id }, [customerTag(order.customerId)]),
        ...quantitiesBySku(order.lines).map(([sku, quantity]) =>
          pending(productStream(sku), 'StockReleased', { sku, quantity, orderId: order.id }, [
            productTag(sku),
            customerTag(order.customerId),
          ]),
        ),
      ];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/**
 * Turns a pending checkout into an order, reserves its stock and empties the cart, all in one
 * commit. The order takes the checkout's id, so running this twice (two tabs) places one order.
 */
function placeOrder(state: ShopState, command: CommandOf<'PlaceOrder'>): ShopPendingEvent[] {
  const { customerId, checkoutId } = command;
  const checkout = state.carts.get(customerId)?.pendingCheckout;
  if (state.orders.has(checkoutId) || checkout?.checkoutId !== checkoutId) return [];
  requireCustomer(state, customerId);
  const totals = quantitiesBySku(checkout.lines);
  for (const [sku, quantity] of totals) {
    const product = requireProduct(state, sku);
    if (product.discontinued) {
      throw new DomainError('product-discontinued', `${product.name} was discontinued before the order could be placed.`, { sku });
    }
    requireStock(product, quantity);
  }
  const who = customerTag(customerId);
  return [
    pending(
      orderStream(checkoutId),
      'OrderPlaced',
      { orderId: checkoutId, customerId, lines: [...checkout.lines], totalCents: checkout.totalCents },
      [who],
    ),
    ...totals.map(([sku, quantity]) =>
      pending(productStream(sku), 'StockReserved', { sku, quantity, orderId: checkoutId }, [productTag(sku), who]),
    ),
    pending(cartStream(customerId), 'CartCheckedOut', { customerId, orderId: checkoutId }, [who]),
  ];
}

export function evolveOrders(state: ShopState, event: OrderEvent): ShopState {
  switch (event.type) {
    case 'OrderPlaced':
    case 'OrderImported': {
      const { orderId, totalCents } = event.payload;
      const customerId = customerIdFrom(state.customers, event.payload.customerId);
      const lines = withCatalogStrings(state.products, event.payload.lines);
      const order: Order = {
        id: orderId,
        number: state.orderIds.size + 1,
        customerId,
        lines,
        totalCents,
        status: 'placed',
        placedAt: event.at,
        paidAt: null,
        shippedAt: null,
        cancelledAt: null,
      };
      const placed = { ...state, orders: state.orders.set(orderId, order), orderIds: state.orderIds.push(orderId) };
      // A checkout reserves stock with events of its own; an imported order carries its stock movement.
      return event.type === 'OrderImported' ? { ...placed, products: adjustStock(state.products, lines, -1) } : placed;
    }
    case 'OrderPaid':
      return { ...state, orders: patch(state.orders, event.payload.orderId, (o) => ({ ...o, status: 'paid', paidAt: event.at })) };
    case 'OrderShipped':
      return { ...state, orders: patch(state.orders, event.payload.orderId, (o) => ({ ...o, status: 'shipped', shippedAt: event.at })) };
    case 'OrderCancelled':
      return {
        ...state,
        orders: patch(state.orders, event.payload.orderId, (o) => ({ ...o, status: 'cancelled', cancelledAt: event.at })),
      };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** One entry per SKU, in first-seen order: the same SKU on two lines is reserved once, summed. */
function quantitiesBySku(lines: readonly PricedLine[]): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals];
}

const statusWords: Record<Order['status'], string> = {
  placed: 'is not paid yet',
  paid: 'is already paid',
  shipped: 'has already shipped',
  cancelled: 'was cancelled',
};

function statusError(order: Order, wanted: 'paid' | 'shipped' | 'cancelled'): DomainError {
  const verb = { paid: 'be paid', shipped: 'ship', cancelled: 'be cancelled' }[wanted];
  return new DomainError('invalid-order-status', `Order #${order.number} cannot ${verb}: it ${statusWords[order.status]}.`, {
    orderId: order.id,
    status: order.status,
  });
}
