import type { ShopState } from './state';

/** How the audit log names the people and things an event mentions. */
export interface Names {
  customer(customerId: string): string;
  product(sku: string): string;
  order(orderId: string): string;
}

/**
 * Names as the given states know them, the first that knows a thing winning (the present, then a
 * past that still had what was since removed); things none has heard of are shown by their ids.
 */
export function namesFrom(state: ShopState, ...older: ShopState[]): Names {
  const states = [state, ...older];
  const find = <T>(read: (s: ShopState) => T | undefined): T | undefined => {
    for (const s of states) {
      const found = read(s);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    customer: (id) => find((s) => s.customers.get(id)?.name) ?? `customer ${id.slice(0, 8)}`,
    product: (sku) => find((s) => s.products.get(sku)?.name) ?? sku,
    order: (id) => {
      const number = find((s) => s.orders.get(id)?.number);
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
