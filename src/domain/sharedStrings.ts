import type { Map as IMap } from 'immutable';
import type { PricedLine, Product } from './state';

/**
 * The lines with their sku and name strings taken from the catalog when they are equal. Equal
 * values, fewer bytes: every event read from the log or from a worker brings its own copy of each
 * string, and an order keeps its lines for good. On a 540,000-line import this is most of what
 * the page keeps, and what its garbage collector has to copy.
 */
export function withCatalogStrings(products: IMap<string, Product>, lines: readonly PricedLine[]): readonly PricedLine[] {
  // A literal per line and a sized array: allocation sites V8 can learn to place straight in the
  // old generation, since these objects live as long as their order.
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
