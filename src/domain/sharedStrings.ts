import type { Map as IMap } from 'immutable';
import type { Customer, PricedLine, Product } from './state';

/**
 * The lines with their sku and name strings taken from the catalog when they are equal: an order
 * keeps its lines for good, and each event brings its own copy of every string
 * (docs/decisions/003-checkpoints.md). Values read back are shared by the registry's hints instead.
 */
export function withCatalogStrings(products: IMap<string, Product>, lines: readonly PricedLine[]): readonly PricedLine[] {
  const shared: PricedLine[] = new Array<PricedLine>(lines.length);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const product = products.get(line.sku);
    shared[i] = {
      sku: product ? product.sku : line.sku,
      name: product && product.name === line.name ? product.name : line.name,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
    };
  }
  return shared;
}

/** The customer's own id string when the customer is known (an order keeps it for good). */
export function customerIdFrom(customers: IMap<string, Customer>, customerId: string): string {
  return customers.get(customerId)?.id ?? customerId;
}
