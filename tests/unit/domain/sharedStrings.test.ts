import { Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { withCatalogStrings } from '../../../src/domain/sharedStrings';
import type { PricedLine, Product } from '../../../src/domain';

const products = IMap<string, Product>([['MUG', { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 3, discontinued: false }]]);

describe('withCatalogStrings', () => {
  it('keeps every line’s values: a name the catalog no longer has and an unknown sku stay as they were', () => {
    const lines: PricedLine[] = [
      { sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 },
      { sku: 'MUG', name: 'Blue mug (old label)', quantity: 1, unitPriceCents: 1100 },
      { sku: 'GONE', name: 'Something else', quantity: 4, unitPriceCents: 99 },
    ];
    const shared = withCatalogStrings(products, lines);
    expect(shared).toEqual(lines);
    expect(shared).not.toBe(lines);
    expect(lines[0]).toEqual({ sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 });
  });

  it('gives an empty list for no lines', () => {
    expect(withCatalogStrings(products, [])).toEqual([]);
  });
});
