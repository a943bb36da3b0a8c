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

export const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);
export const itemsIn = (lines: ReadonlyArray<{ quantity: number }>) => items(lines.reduce((n, l) => n + l.quantity, 0));

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function restoredWhy(payload: { restoredTo: number; purpose: 'restore' | 'undo' | 'redo' }): string {
  if (payload.purpose === 'undo') return 'Undo';
  if (payload.purpose === 'redo') return 'Redo';
  return `Restored to #${payload.restoredTo}`;
}
