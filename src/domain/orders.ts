import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import type { ShopPendingEvent } from './events';
import { AppliedDiscountSchema } from './entitySchemas';
import { input, recorded } from './fields';
import { formatCents } from './money';
import { requireCustomer, requireOrderFor, requireProduct, requireStock } from './rules';
import { adjustStock } from './returns';
import { quantitiesBySku } from './orderReturns';
import { allowedFrom, type OrderAction } from './orderRules';
import { capitalize, itemsIn } from './sentences';
import { customerIdFrom, withCatalogStrings } from './sharedStrings';
import { pending, type CommandIn, type EventIn, type Slice } from './slice';
import { patch, type Order, type PricedLine, type ShopState } from './state';
import { cartStream, customerStream, customerTag, orderStream, productStream, productTag } from './streams';

const { id } = input;
const { cents, lines } = recorded;

const commands = {
  // Issued by the checkout process manager, not by people.
  PlaceOrder: z.object({ type: z.literal('PlaceOrder'), customerId: id, checkoutId: id }),
  PayOrder: z.object({ type: z.literal('PayOrder'), orderId: id }),
  ShipOrder: z.object({ type: z.literal('ShipOrder'), orderId: id }),
  CancelOrder: z.object({ type: z.literal('CancelOrder'), orderId: id }),
};

const events = {
  // totalCents is after the discount; orders from before discount codes have no `discount`.
  OrderPlaced: z.object({
    orderId: z.string(),
    customerId: z.string(),
    lines: lines,
    totalCents: cents,
    discount: z.optional(z.nullable(AppliedDiscountSchema)),
  }),
  OrderPaid: z.object({ orderId: z.string(), amountCents: cents }),
  OrderShipped: z.object({ orderId: z.string() }),
  OrderCancelled: z.object({ orderId: z.string() }),
  // From an order-history import: a past order with its own prices; it takes its stock out itself.
  OrderImported: z.object({
    orderId: z.string(),
    invoiceNo: z.string(),
    customerId: z.string(),
    lines: lines,
    totalCents: cents,
  }),
};

function decide(state: ShopState, command: CommandIn<typeof commands>, _context: DecideContext): ShopPendingEvent[] {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(state, command);
    case 'PayOrder': {
      const order = requireOrderFor(state, command.orderId, 'pay');
      return [
        pending(orderStream(order.id), 'OrderPaid', { orderId: order.id, amountCents: order.totalCents }, [customerTag(order.customerId)]),
      ];
    }
    case 'ShipOrder': {
      const order = requireOrderFor(state, command.orderId, 'ship');
      return [pending(orderStream(order.id), 'OrderShipped', { orderId: order.id }, [customerTag(order.customerId)])];
    }
    case 'CancelOrder': {
      const order = requireOrderFor(state, command.orderId, 'cancel');
      return [
        pending(orderStream(order.id), 'OrderCancelled', { orderId: order.id }, [customerTag(order.customerId)]),
        ...bySku(order.lines).map(([sku, quantity]) =>
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
function placeOrder(state: ShopState, command: z.infer<typeof commands.PlaceOrder>): ShopPendingEvent[] {
  const { customerId, checkoutId } = command;
  const checkout = state.carts.get(customerId)?.pendingCheckout;
  if (state.orders.has(checkoutId) || checkout?.checkoutId !== checkoutId) return [];
  requireCustomer(state, customerId);
  const totals = bySku(checkout.lines);
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
      {
        orderId: checkoutId,
        customerId,
        lines: [...checkout.lines],
        totalCents: checkout.totalCents,
        ...(checkout.discount && { discount: checkout.discount }),
      },
      [who],
    ),
    ...totals.map(([sku, quantity]) =>
      pending(productStream(sku), 'StockReserved', { sku, quantity, orderId: checkoutId }, [productTag(sku), who]),
    ),
    pending(cartStream(customerId), 'CartCheckedOut', { customerId, orderId: checkoutId }, [who]),
  ];
}

type Placing = EventIn<typeof events, 'OrderPlaced'> | EventIn<typeof events, 'OrderImported'>;

/** A new order, numbered by its place; its strings are the catalog's and its customer's (see sharedStrings). */
function placed(state: ShopState, event: Placing): ShopState {
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
  if (event.type === 'OrderPlaced' && event.payload.discount) order.discount = event.payload.discount;
  const next = { ...state, orders: state.orders.set(orderId, order), orderIds: state.orderIds.push(orderId) };
  // A checkout reserves stock with events of its own; an imported order carries its stock movement.
  return event.type === 'OrderImported' ? { ...next, products: adjustStock(state.products, lines, -1) } : next;
}

function statusProblem(state: ShopState, orderId: string, action: OrderAction): string | null {
  const o = state.orders.get(orderId);
  return o && allowedFrom[action].includes(o.status) ? null : o ? `the order is ${o.status}` : 'the order does not exist';
}

const theOrder = ({ orderId }: { orderId: string }) => [orderStream(orderId)];

/** Orders: placed from a checkout (or imported), then paid, shipped or cancelled. */
export const ordersSlice: Slice<typeof commands, typeof events> = {
  name: 'orders',
  category: 'orders',
  commands,
  events,
  decide,
  evolve: {
    OrderPlaced: placed,
    OrderImported: placed,
    OrderPaid: (state, e) => ({
      ...state,
      orders: patch(state.orders, e.payload.orderId, (o) => ({ ...o, status: 'paid', paidAt: e.at })),
    }),
    OrderShipped: (state, e) => ({
      ...state,
      orders: patch(state.orders, e.payload.orderId, (o) => ({ ...o, status: 'shipped', shippedAt: e.at })),
    }),
    OrderCancelled: (state, e) => ({
      ...state,
      orders: patch(state.orders, e.payload.orderId, (o) => ({ ...o, status: 'cancelled', cancelledAt: e.at })),
    }),
  },
  describe: {
    OrderPlaced: ({ payload: p }, names) =>
      `${capitalize(names.order(p.orderId))} was placed for ${names.customer(p.customerId)}: ${itemsIn(p.lines)}, ${formatCents(p.totalCents)}${p.discount ? ` after code ${p.discount.code} (${formatCents(p.discount.amountCents)} off)` : ''}`,
    OrderPaid: ({ payload: p }, names) => `${capitalize(names.order(p.orderId))} was paid (${formatCents(p.amountCents)})`,
    OrderShipped: ({ payload: p }, names) => `${capitalize(names.order(p.orderId))} was shipped`,
    OrderCancelled: ({ payload: p }, names) => `${capitalize(names.order(p.orderId))} was cancelled`,
    OrderImported: ({ payload: p }, names) =>
      `${capitalize(names.order(p.orderId))} (invoice ${p.invoiceNo}) was imported for ${names.customer(p.customerId)}: ${itemsIn(p.lines)}, ${formatCents(p.totalCents)}`,
  },
  whyInapplicable: {
    OrderPlaced: (state, { payload: p }) =>
      state.carts.get(p.customerId)?.pendingCheckout?.checkoutId === p.orderId ? null : 'no checkout led to this order',
    OrderPaid: (state, e) => statusProblem(state, e.payload.orderId, 'pay'),
    OrderShipped: (state, e) => statusProblem(state, e.payload.orderId, 'ship'),
    OrderCancelled: (state, e) => statusProblem(state, e.payload.orderId, 'cancel'),
    OrderImported: (state, { payload: p }) => {
      if (state.orders.has(p.orderId)) return `invoice ${p.invoiceNo} is already in the shop`;
      return state.customers.get(p.customerId) ? null : `customer ${p.customerId} does not exist`;
    },
  },
  reads: {
    PlaceOrder: ({ customerId, checkoutId }, state) => [
      cartStream(customerId),
      customerStream(customerId),
      orderStream(checkoutId),
      ...(state.carts.get(customerId)?.pendingCheckout?.lines ?? []).map((l) => productStream(l.sku)),
    ],
    PayOrder: theOrder,
    ShipOrder: theOrder,
    // Cancelling gives each line's stock back to its product.
    CancelOrder: ({ orderId }, state) => [
      orderStream(orderId),
      ...(state.orders.get(orderId)?.lines ?? []).map((l) => productStream(l.sku)),
    ],
  },
};

/** One entry per SKU, in first-seen order: the same SKU on two lines is reserved once, summed. */
const bySku = (lines: readonly PricedLine[]): Array<[string, number]> => [...quantitiesBySku(lines)];
