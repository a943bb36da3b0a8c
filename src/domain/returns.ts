import type { ShopEvent } from './events';
import { customerIdFrom, withCatalogStrings } from './sharedStrings';
import type { PricedLine, Product, ShopState } from './state';
import type { Map as IMap } from 'immutable';

type ReturnEvent = Exclude<Extract<ShopEvent, { type: `Return${string}` }>, { type: `${string}Restored` }>;

export function evolveReturns(state: ShopState, event: ReturnEvent): ShopState {
  switch (event.type) {
    case 'ReturnRecorded': {
      const { returnId, invoiceNo, refundedCents } = event.payload;
      const customerId = customerIdFrom(state.customers, event.payload.customerId);
      const lines = withCatalogStrings(state.products, event.payload.lines);
      return {
        ...state,
        products: adjustStock(state.products, lines, +1),
        returns: state.returns.set(returnId, { id: returnId, invoiceNo, customerId, lines, refundedCents, recordedAt: event.at }),
      };
    }
    default: {
      const unhandled: never = event.type;
      return unhandled;
    }
  }
}

/** Moves each line's quantity into (+1) or out of (−1) stock; one map edit session for the whole list. */
export function adjustStock(products: IMap<string, Product>, lines: readonly PricedLine[], direction: 1 | -1): IMap<string, Product> {
  return products.withMutations((map) => {
    for (const line of lines) {
      const product = map.get(line.sku);
      if (product) map.set(line.sku, { ...product, stock: product.stock + direction * line.quantity });
    }
  });
}
