import type { OrderReturn, PricedLine } from './entitySchemas';
import type { Order } from './state';

/** Units per SKU, in first-seen order. */
export function quantitiesBySku(lines: ReadonlyArray<{ sku: string; quantity: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return totals;
}

/** Units of each SKU of the order that were returned already. */
export function returnedBySku(order: Order): Map<string, number> {
  return quantitiesBySku((order.returns ?? []).flatMap((r) => r.lines));
}

/** Units of each SKU of the order that can still be returned: shipped minus returned. */
export function returnableBySku(order: Order): Map<string, number> {
  const returned = returnedBySku(order);
  const left = new Map<string, number>();
  for (const [sku, shipped] of quantitiesBySku(order.lines)) left.set(sku, shipped - (returned.get(sku) ?? 0));
  return left;
}

/**
 * The order's lines for `quantities` of each SKU, taken from its lines in order after the units
 * `skip` already took (an order may hold one SKU on lines of different prices).
 */
function linesFor(order: Order, quantities: ReadonlyMap<string, number>, skip: ReadonlyMap<string, number>): PricedLine[] {
  const toSkip = new Map(skip);
  const toTake = new Map(quantities);
  const taken: PricedLine[] = [];
  for (const line of order.lines) {
    const skipped = Math.min(line.quantity, toSkip.get(line.sku) ?? 0);
    toSkip.set(line.sku, (toSkip.get(line.sku) ?? 0) - skipped);
    const quantity = Math.min(line.quantity - skipped, toTake.get(line.sku) ?? 0);
    if (quantity === 0) continue;
    toTake.set(line.sku, (toTake.get(line.sku) ?? 0) - quantity);
    taken.push({ sku: line.sku, name: line.name, quantity, unitPriceCents: line.unitPriceCents });
  }
  return taken;
}

const valueOf = (lines: readonly PricedLine[]) => lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);

/**
 * The priced lines and the refund for returning `quantities` (per SKU) of a shipped order. The
 * refund is the returned goods' share of what was paid, so a discount is taken off in proportion;
 * it is worked out on everything returned so far minus what was refunded before, so that returning
 * the whole order in parts refunds exactly its total, never a cent more from rounding.
 */
export function pricedReturn(order: Order, quantities: ReadonlyMap<string, number>): Pick<OrderReturn, 'lines' | 'refundedCents'> {
  const before = returnedBySku(order);
  const lines = linesFor(order, quantities, before);
  const subtotal = valueOf(order.lines);
  const share = (value: number) => (subtotal === 0 ? 0 : Math.round((order.totalCents * value) / subtotal));
  const returnedBefore = valueOf(linesFor(order, before, new Map()));
  return { lines, refundedCents: share(returnedBefore + valueOf(lines)) - share(returnedBefore) };
}

/** Why these units cannot be returned from the order (more than shipped and not yet returned), or null. */
export function returnQuantityProblem(order: Order, quantities: ReadonlyMap<string, number>): string | null {
  const left = returnableBySku(order);
  for (const [sku, wanted] of quantities) {
    const available = left.get(sku);
    const name = order.lines.find((l) => l.sku === sku)?.name ?? sku;
    if (available === undefined) return `${name} is not on order #${order.number}.`;
    if (wanted > available) {
      const what = available === 0 ? 'none are left to return' : `only ${available} left to return`;
      return `Order #${order.number} cannot take back ${wanted} × ${name}: ${what}.`;
    }
  }
  return null;
}
