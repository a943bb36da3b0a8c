import type { Map as IMap } from 'immutable';
import * as z from 'zod/mini';
import { recorded } from './fields';
import { formatCents } from './money';
import { itemsIn } from './sentences';
import { customerIdFrom, withCatalogStrings } from './sharedStrings';
import type { Slice } from './slice';
import type { PricedLine, Product } from './state';

const events = {
  ReturnRecorded: z.object({
    returnId: z.string(),
    invoiceNo: z.string(),
    customerId: z.string(),
    lines: recorded.lines,
    refundedCents: recorded.cents,
  }),
};

/** Returns: goods sent back (from imported return invoices); no command makes one. */
export const returnsSlice: Slice<Record<never, never>, typeof events> = {
  name: 'returns',
  category: 'orders',
  commands: {},
  events,
  decide: () => [],
  evolve: {
    ReturnRecorded: (state, event) => {
      const { returnId, invoiceNo, refundedCents } = event.payload;
      const customerId = customerIdFrom(state.customers, event.payload.customerId);
      const lines = withCatalogStrings(state.products, event.payload.lines);
      return {
        ...state,
        products: adjustStock(state.products, lines, +1),
        returns: state.returns.set(returnId, { id: returnId, invoiceNo, customerId, lines, refundedCents, recordedAt: event.at }),
      };
    },
  },
  describe: {
    ReturnRecorded: ({ payload: p }, names) =>
      `${names.customer(p.customerId)} returned ${itemsIn(p.lines)} (invoice ${p.invoiceNo}); ${formatCents(p.refundedCents)} refunded`,
  },
  whyInapplicable: {
    ReturnRecorded: (state, { payload: p }) => {
      if (state.returns.has(p.returnId)) return `invoice ${p.invoiceNo} is already in the shop`;
      return state.customers.get(p.customerId) ? null : `customer ${p.customerId} does not exist`;
    },
  },
  reads: {},
};

/** Moves each line's quantity into (+1) or out of (−1) stock; one map edit session for the whole list. */
export function adjustStock(products: IMap<string, Product>, lines: readonly PricedLine[], direction: 1 | -1): IMap<string, Product> {
  return products.withMutations((map) => {
    for (const line of lines) {
      const product = map.get(line.sku);
      if (product) map.set(line.sku, { ...product, stock: product.stock + direction * line.quantity });
    }
  });
}
