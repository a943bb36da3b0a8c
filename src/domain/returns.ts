import type { Map as IMap } from 'immutable';
import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import type { ShopPendingEvent } from './events';
import { input, recorded } from './fields';
import { formatCents } from './money';
import { pricedReturn, quantitiesBySku, returnQuantityProblem } from './orderReturns';
import { requireOrderFor } from './rules';
import { itemsIn } from './sentences';
import { customerIdFrom, withCatalogStrings } from './sharedStrings';
import { pending, type CommandIn, type Slice } from './slice';
import { patch, type PricedLine, type Product, type ShopState } from './state';
import { customerTag, orderStream, productStream, productTag } from './streams';

const commands = {
  // Units per SKU to take back from a shipped order; a SKU may appear on several lines (summed).
  ReturnItems: z.object({
    type: z.literal('ReturnItems'),
    orderId: input.id,
    lines: z
      .array(z.object({ sku: input.sku, quantity: input.quantity }))
      .check(z.minLength(1, { error: 'Choose at least one item to return.' })),
  }),
};

const events = {
  // A return from the shop screens, on its order's stream; StockReleased events put the units back.
  ItemsReturned: z.object({ orderId: z.string(), returnId: z.string(), lines: recorded.lines, refundedCents: recorded.cents }),
  ReturnRecorded: z.object({
    returnId: z.string(),
    invoiceNo: z.string(),
    customerId: z.string(),
    lines: recorded.lines,
    refundedCents: recorded.cents,
  }),
};

function decide(state: ShopState, command: CommandIn<typeof commands>, context: DecideContext): ShopPendingEvent[] {
  const order = requireOrderFor(state, command.orderId, 'return');
  const quantities = quantitiesBySku(command.lines);
  const problem = returnQuantityProblem(order, quantities);
  if (problem) throw new DomainError('too-many-returned', problem, { orderId: order.id });
  const { lines, refundedCents } = pricedReturn(order, quantities);
  const who = customerTag(order.customerId);
  return [
    pending(orderStream(order.id), 'ItemsReturned', { orderId: order.id, returnId: context.newId(), lines: [...lines], refundedCents }, [
      who,
      ...[...quantities.keys()].map(productTag),
    ]),
    ...[...quantities].map(([sku, quantity]) =>
      pending(productStream(sku), 'StockReleased', { sku, quantity, orderId: order.id }, [productTag(sku), who]),
    ),
  ];
}

/** Returns: goods sent back, from a shipped order (ReturnItems) or from imported return invoices. */
export const returnsSlice: Slice<typeof commands, typeof events> = {
  name: 'returns',
  category: 'orders',
  commands,
  events,
  decide,
  evolve: {
    ItemsReturned: (state, e) => ({
      ...state,
      orders: patch(state.orders, e.payload.orderId, (o) => ({
        ...o,
        returns: [
          ...(o.returns ?? []),
          { returnId: e.payload.returnId, lines: e.payload.lines, refundedCents: e.payload.refundedCents, returnedAt: e.at },
        ],
      })),
    }),
    ReturnRecorded: (state, event) => {
      const { returnId, invoiceNo, refundedCents } = event.payload;
      const customerId = customerIdFrom(state.customers, event.payload.customerId);
      const lines = withCatalogStrings(state.products, event.payload.lines);
      return {
        ...state,
        products: adjustStock(state.products, lines, +1),
        returns: state.returns.set(returnId, { id: returnId, invoiceNo, customerId, lines, refundedCents, recordedAt: event.at }),
      };
    },
  },
  describe: {
    ItemsReturned: ({ payload: p }, names) =>
      `${p.lines.map((l) => `${l.quantity} × ${names.product(l.sku)}`).join(', ')} returned from ${names.order(p.orderId)}; ${formatCents(p.refundedCents)} refunded`,
    ReturnRecorded: ({ payload: p }, names) =>
      `${names.customer(p.customerId)} returned ${itemsIn(p.lines)} (invoice ${p.invoiceNo}); ${formatCents(p.refundedCents)} refunded`,
  },
  whyInapplicable: {
    ItemsReturned: (state, { payload: p }) => {
      const order = state.orders.get(p.orderId);
      if (!order) return 'the order does not exist';
      if (order.status !== 'shipped') return `the order is ${order.status}`;
      return returnQuantityProblem(order, quantitiesBySku(p.lines));
    },
    ReturnRecorded: (state, { payload: p }) => {
      if (state.returns.has(p.returnId)) return `invoice ${p.invoiceNo} is already in the shop`;
      return state.customers.get(p.customerId) ? null : `customer ${p.customerId} does not exist`;
    },
  },
  // The order (its status and what came back before) and the products that take the units back.
  reads: {
    ReturnItems: ({ orderId, lines }) => [orderStream(orderId), ...new Set(lines.map((l) => productStream(l.sku)))],
  },
};

/** Moves each line's quantity into (+1) or out of (−1) stock; one map edit session for the whole list. */
export function adjustStock(products: IMap<string, Product>, lines: readonly PricedLine[], direction: 1 | -1): IMap<string, Product> {
  return products.withMutations((map) => {
    for (const line of lines) {
      const product = map.get(line.sku);
      if (product) map.set(line.sku, { ...product, stock: product.stock + direction * line.quantity });
    }
  });
}
