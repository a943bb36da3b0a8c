import * as z from 'zod/mini';
import type { PendingEvent, ReplayEvent } from '../es';
import { CartSchema, CustomerSchema, OrderSchema, ProductSchema, ReturnSchema } from './entitySchemas';

const atLeast = (min: number) => z.number().check(z.refine(Number.isInteger), z.gte(min));
const cents = atLeast(0);
const count = atLeast(0);
const positive = atLeast(1);
const lines = z.array(z.object({ sku: z.string(), name: z.string(), quantity: positive, unitPriceCents: cents })).check(z.minLength(1));

const restoreFacts = { restoredTo: atLeast(0), purpose: z.enum(['restore', 'undo', 'redo']) };

/** Every event payload, by event type. The schemas check imported and old events; types come from them. */
export const eventSchemas = {
  ProductRegistered: z.object({ sku: z.string(), name: z.string(), priceCents: cents, stock: count }),
  ProductPriceChanged: z.object({ sku: z.string(), priceCents: cents, previousPriceCents: cents }),
  ProductRestocked: z.object({ sku: z.string(), quantity: positive }),
  ProductDiscontinued: z.object({ sku: z.string() }),
  StockReserved: z.object({ sku: z.string(), quantity: positive, orderId: z.string() }),
  StockReleased: z.object({ sku: z.string(), quantity: positive, orderId: z.string() }),

  CustomerRegistered: z.object({ customerId: z.string(), name: z.string() }),
  CustomerRenamed: z.object({ customerId: z.string(), name: z.string(), previousName: z.string() }),
  CustomerDeleted: z.object({ customerId: z.string() }),

  ItemAddedToCart: z.object({ customerId: z.string(), sku: z.string(), quantity: positive }),
  CartItemQuantityChanged: z.object({
    customerId: z.string(),
    sku: z.string(),
    quantity: positive,
    previousQuantity: count,
  }),
  ItemRemovedFromCart: z.object({ customerId: z.string(), sku: z.string() }),
  CartCleared: z.object({ customerId: z.string() }),
  CheckoutRequested: z.object({ customerId: z.string(), checkoutId: z.string(), lines: lines, totalCents: cents }),
  CheckoutRejected: z.object({ customerId: z.string(), checkoutId: z.string(), reason: z.string() }),
  CartCheckedOut: z.object({ customerId: z.string(), orderId: z.string() }),

  OrderPlaced: z.object({ orderId: z.string(), customerId: z.string(), lines: lines, totalCents: cents }),
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
  ReturnRecorded: z.object({
    returnId: z.string(),
    invoiceNo: z.string(),
    customerId: z.string(),
    lines: lines,
    refundedCents: cents,
  }),

  // Compensating events (restore, undo, redo): each sets one entity to a value, or removes it.
  ProductRestored: z.object({ sku: z.string(), product: z.nullable(ProductSchema), ...restoreFacts }),
  CustomerRestored: z.object({ customerId: z.string(), customer: z.nullable(CustomerSchema), ...restoreFacts }),
  CartRestored: z.object({ customerId: z.string(), cart: z.nullable(CartSchema), ...restoreFacts }),
  OrderRestored: z.object({ orderId: z.string(), order: z.nullable(OrderSchema), ...restoreFacts }),
  ReturnRestored: z.object({ returnId: z.string(), return: z.nullable(ReturnSchema), ...restoreFacts }),
};

export type EventType = keyof typeof eventSchemas;
export type EventPayloads = { [K in EventType]: z.infer<(typeof eventSchemas)[K]> };
/** A shop event as folds see it: its replay part, typed by its type (see `ReplayEvent`). */
export type ShopEvent = { [K in EventType]: ReplayEvent<K, EventPayloads[K]> }[EventType];
export type ShopPendingEvent = { [K in EventType]: PendingEvent<K, EventPayloads[K]> }[EventType];

export const eventTypes = Object.keys(eventSchemas) as EventType[];

export function isShopEvent<E extends ReplayEvent>(event: E): event is E & ShopEvent {
  return Object.hasOwn(eventSchemas, event.type);
}

/** Builds a pending event with its payload type checked against its event type. */
export function pending<K extends EventType>(streamId: string, type: K, payload: EventPayloads[K], tags: string[] = []): ShopPendingEvent {
  return { streamId, type, payload, tags } as ShopPendingEvent;
}

/** Coarse groups for colouring the timeline and filtering the audit log. */
export type EventCategory = 'catalog' | 'customers' | 'cart' | 'orders' | 'restore';

export function categoryOf(type: string): EventCategory {
  if (type.endsWith('Restored')) return 'restore';
  if (type.startsWith('Product') || type.startsWith('Stock')) return 'catalog';
  if (type.startsWith('Customer')) return 'customers';
  if (type.startsWith('Order') || type.startsWith('Return')) return 'orders';
  return 'cart';
}
