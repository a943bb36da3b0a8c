import type { StoredEvent } from '../es';
import { isShopEvent, type ShopEvent } from './events';
import { formatCents } from './money';
import type { ShopState } from './state';

/** How the audit log names the people and things an event mentions. */
export interface Names {
  customer(customerId: string): string;
  product(sku: string): string;
  order(orderId: string): string;
}

/** Names as a given state knows them; things it has never heard of are shown by their ids. */
export function namesFrom(state: ShopState): Names {
  return {
    customer: (id) => state.customers.get(id)?.name ?? `customer ${id.slice(0, 8)}`,
    product: (sku) => state.products.get(sku)?.name ?? sku,
    order: (id) => {
      const number = state.orders.get(id)?.number;
      return number === undefined ? `order ${id.slice(0, 8)}` : `order #${number}`;
    },
  };
}

const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);

/** One plain sentence per event, as the audit log shows it. */
export function describeEvent(stored: StoredEvent, names: Names): string {
  if (!isShopEvent(stored)) return `${stored.type} (recorded by a newer version of Rewind)`;
  const e: ShopEvent = stored;
  switch (e.type) {
    case 'ProductRegistered':
      return `${e.payload.name} (SKU ${e.payload.sku}) was added to the catalog at ${formatCents(e.payload.priceCents)} with ${e.payload.stock} in stock`;
    case 'ProductPriceChanged':
      return `The price of ${names.product(e.payload.sku)} changed from ${formatCents(e.payload.previousPriceCents)} to ${formatCents(e.payload.priceCents)}`;
    case 'ProductRestocked':
      return `${names.product(e.payload.sku)} was restocked with ${e.payload.quantity} more`;
    case 'ProductDiscontinued':
      return `${names.product(e.payload.sku)} was discontinued`;
    case 'StockReserved':
      return `${e.payload.quantity} × ${names.product(e.payload.sku)} reserved for ${names.order(e.payload.orderId)}`;
    case 'StockReleased':
      return `${e.payload.quantity} × ${names.product(e.payload.sku)} went back into stock from ${names.order(e.payload.orderId)}`;
    case 'CustomerRegistered':
      return `${e.payload.name} became a customer`;
    case 'CustomerRenamed':
      return `${e.payload.previousName} was renamed to ${e.payload.name}`;
    case 'CustomerDeleted':
      return `${names.customer(e.payload.customerId)} was deleted`;
    case 'ItemAddedToCart':
      return `${names.customer(e.payload.customerId)} added ${e.payload.quantity} × ${names.product(e.payload.sku)} to their cart`;
    case 'CartItemQuantityChanged':
      return `${names.customer(e.payload.customerId)} changed ${names.product(e.payload.sku)} from ${e.payload.previousQuantity} to ${e.payload.quantity} in their cart`;
    case 'ItemRemovedFromCart':
      return `${names.customer(e.payload.customerId)} removed ${names.product(e.payload.sku)} from their cart`;
    case 'CartCleared':
      return `${names.customer(e.payload.customerId)} emptied their cart`;
    case 'CheckoutRequested':
      return `${names.customer(e.payload.customerId)} checked out ${items(e.payload.lines.reduce((n, l) => n + l.quantity, 0))} for ${formatCents(e.payload.totalCents)}`;
    case 'CheckoutRejected':
      return `${names.customer(e.payload.customerId)}'s checkout was refused: ${e.payload.reason}`;
    case 'CartCheckedOut':
      return `${names.customer(e.payload.customerId)}'s cart became ${names.order(e.payload.orderId)}`;
    case 'OrderPlaced':
      return `${capitalize(names.order(e.payload.orderId))} was placed for ${names.customer(e.payload.customerId)}: ${items(e.payload.lines.reduce((n, l) => n + l.quantity, 0))}, ${formatCents(e.payload.totalCents)}`;
    case 'OrderPaid':
      return `${capitalize(names.order(e.payload.orderId))} was paid (${formatCents(e.payload.amountCents)})`;
    case 'OrderShipped':
      return `${capitalize(names.order(e.payload.orderId))} was shipped`;
    case 'OrderCancelled':
      return `${capitalize(names.order(e.payload.orderId))} was cancelled`;
    case 'OrderImported':
      return `${capitalize(names.order(e.payload.orderId))} (invoice ${e.payload.invoiceNo}) was imported for ${names.customer(e.payload.customerId)}: ${items(e.payload.lines.reduce((n, l) => n + l.quantity, 0))}, ${formatCents(e.payload.totalCents)}`;
    case 'ReturnRecorded':
      return `${names.customer(e.payload.customerId)} returned ${items(e.payload.lines.reduce((n, l) => n + l.quantity, 0))} (invoice ${e.payload.invoiceNo}); ${formatCents(e.payload.refundedCents)} refunded`;
    case 'ProductRestored':
      return `${restoredWhy(e.payload)}: ${e.payload.product ? `${e.payload.product.name} set back to ${formatCents(e.payload.product.priceCents)}, ${e.payload.product.stock} in stock${e.payload.product.discontinued ? ', discontinued' : ''}` : `${names.product(e.payload.sku)} removed from the catalog`}`;
    case 'CustomerRestored':
      return `${restoredWhy(e.payload)}: ${e.payload.customer ? `${e.payload.customer.name} set back${e.payload.customer.deleted ? ' (deleted)' : ''}` : `${names.customer(e.payload.customerId)} removed`}`;
    case 'CartRestored':
      return `${restoredWhy(e.payload)}: ${names.customer(e.payload.customerId)}'s cart set back to ${items(e.payload.cart?.lines.reduce((n, l) => n + l.quantity, 0) ?? 0)}`;
    case 'OrderRestored':
      return `${restoredWhy(e.payload)}: ${e.payload.order ? `order #${e.payload.order.number} set back to ${e.payload.order.status}` : `${names.order(e.payload.orderId)} removed`}`;
    case 'ReturnRestored':
      return `${restoredWhy(e.payload)}: ${e.payload.return ? `return of invoice ${e.payload.return.invoiceNo} set back` : `return ${e.payload.returnId} removed`}`;
    default: {
      const unhandled: never = e;
      return unhandled;
    }
  }
}

function restoredWhy(payload: { restoredTo: number; purpose: 'restore' | 'undo' | 'redo' }): string {
  if (payload.purpose === 'undo') return 'Undo';
  if (payload.purpose === 'redo') return 'Redo';
  return `Restored to #${payload.restoredTo}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
