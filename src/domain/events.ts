import { z } from 'zod';
import type { PendingEvent, StoredEvent } from '../es';
import { CartSchema, CustomerSchema, OrderSchema, ProductSchema } from './entitySchemas';

const cents = z.number().int().min(0);
const count = z.number().int().min(0);
const pricedLine = z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().min(1), unitPriceCents: cents });

const restoreFacts = { restoredTo: z.number().int().min(0), purpose: z.enum(['restore', 'undo', 'redo']) };

/** Every event payload, by event type. The schemas check imported and old events; types come from them. */
export const eventSchemas = {
  ProductRegistered: z.object({ sku: z.string(), name: z.string(), priceCents: cents, stock: count }),
  ProductPriceChanged: z.object({ sku: z.string(), priceCents: cents, previousPriceCents: cents }),
  ProductRestocked: z.object({ sku: z.string(), quantity: z.number().int().min(1) }),
  ProductDiscontinued: z.object({ sku: z.string() }),
  StockReserved: z.object({ sku: z.string(), quantity: z.number().int().min(1), orderId: z.string() }),
  StockReleased: z.object({ sku: z.string(), quantity: z.number().int().min(1), orderId: z.string() }),

  CustomerRegistered: z.object({ customerId: z.string(), name: z.string() }),
  CustomerRenamed: z.object({ customerId: z.string(), name: z.string(), previousName: z.string() }),
  CustomerDeleted: z.object({ customerId: z.string() }),

  ItemAddedToCart: z.object({ customerId: z.string(), sku: z.string(), quantity: z.number().int().min(1) }),
  CartItemQuantityChanged: z.object({
    customerId: z.string(),
    sku: z.string(),
    quantity: z.number().int().min(1),
    previousQuantity: count,
  }),
  ItemRemovedFromCart: z.object({ customerId: z.string(), sku: z.string() }),
  CartCleared: z.object({ customerId: z.string() }),
  CheckoutRequested: z.object({ customerId: z.string(), checkoutId: z.string(), lines: z.array(pricedLine).min(1), totalCents: cents }),
  CheckoutRejected: z.object({ customerId: z.string(), checkoutId: z.string(), reason: z.string() }),
  CartCheckedOut: z.object({ customerId: z.string(), orderId: z.string() }),

  OrderPlaced: z.object({ orderId: z.string(), customerId: z.string(), lines: z.array(pricedLine).min(1), totalCents: cents }),
  OrderPaid: z.object({ orderId: z.string(), amountCents: cents }),
  OrderShipped: z.object({ orderId: z.string() }),
  OrderCancelled: z.object({ orderId: z.string() }),
  // From an order-history import: a past order with its own prices; it takes its stock out itself.
  OrderImported: z.object({
    orderId: z.string(),
    invoiceNo: z.string(),
    customerId: z.string(),
    lines: z.array(pricedLine).min(1),
    totalCents: cents,
  }),
  ReturnRecorded: z.object({
    returnId: z.string(),
    invoiceNo: z.string(),
    customerId: z.string(),
    lines: z.array(pricedLine).min(1),
    refundedCents: cents,
  }),

  // Compensating events (restore, undo, redo): each sets one entity to a value, or removes it.
  ProductRestored: z.object({ sku: z.string(), product: ProductSchema.nullable(), ...restoreFacts }),
  CustomerRestored: z.object({ customerId: z.string(), customer: CustomerSchema.nullable(), ...restoreFacts }),
  CartRestored: z.object({ customerId: z.string(), cart: CartSchema.nullable(), ...restoreFacts }),
  OrderRestored: z.object({ orderId: z.string(), order: OrderSchema.nullable(), ...restoreFacts }),
};

export type EventType = keyof typeof eventSchemas;
export type EventPayloads = { [K in EventType]: z.infer<(typeof eventSchemas)[K]> };
export type ShopEvent = { [K in EventType]: StoredEvent<K, EventPayloads[K]> }[EventType];
export type ShopPendingEvent = { [K in EventType]: PendingEvent<K, EventPayloads[K]> }[EventType];

export const eventTypes = Object.keys(eventSchemas) as EventType[];

export function isShopEvent(event: StoredEvent): event is ShopEvent {
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
