import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import { input, recorded } from './fields';
import { requireOnSale, requireProduct } from './rules';
import { formatCents } from './money';
import { pending, type CommandIn, type Slice } from './slice';
import { patch, type ShopState } from './state';
import { productStream, productTag } from './streams';

const { sku } = input;
const { cents, count, positive } = recorded;

const commands = {
  RegisterProduct: z.object({
    type: z.literal('RegisterProduct'),
    sku,
    name: input.name('a product name'),
    priceCents: input.priceCents,
    stock: input.stock,
  }),
  ChangePrice: z.object({ type: z.literal('ChangePrice'), sku, priceCents: input.priceCents }),
  Restock: z.object({ type: z.literal('Restock'), sku, quantity: input.quantity }),
  DiscontinueProduct: z.object({ type: z.literal('DiscontinueProduct'), sku }),
  ReinstateProduct: z.object({ type: z.literal('ReinstateProduct'), sku }),
};

const events = {
  ProductRegistered: z.object({ sku: z.string(), name: z.string(), priceCents: cents, stock: count }),
  ProductPriceChanged: z.object({ sku: z.string(), priceCents: cents, previousPriceCents: cents }),
  ProductRestocked: z.object({ sku: z.string(), quantity: positive }),
  ProductDiscontinued: z.object({ sku: z.string() }),
  ProductReinstated: z.object({ sku: z.string() }),
  StockReserved: z.object({ sku: z.string(), quantity: positive, orderId: z.string() }),
  StockReleased: z.object({ sku: z.string(), quantity: positive, orderId: z.string() }),
};

function decide(state: ShopState, command: CommandIn<typeof commands>, _context: DecideContext) {
  const stream = productStream(command.sku);
  const tags = [productTag(command.sku)];
  switch (command.type) {
    case 'RegisterProduct': {
      const existing = state.products.get(command.sku);
      if (existing) {
        throw new DomainError('duplicate-sku', `SKU ${command.sku} is already used by ${existing.name}.`, { sku: command.sku });
      }
      const { sku, name, priceCents, stock } = command;
      return [pending(stream, 'ProductRegistered', { sku, name, priceCents, stock }, tags)];
    }
    case 'ChangePrice': {
      const product = requireOnSale(state, command.sku);
      if (product.priceCents === command.priceCents) {
        throw new DomainError('same-price', `${product.name} already costs that much.`, { sku: command.sku });
      }
      return [
        pending(
          stream,
          'ProductPriceChanged',
          { sku: command.sku, priceCents: command.priceCents, previousPriceCents: product.priceCents },
          tags,
        ),
      ];
    }
    case 'Restock':
      requireOnSale(state, command.sku);
      return [pending(stream, 'ProductRestocked', { sku: command.sku, quantity: command.quantity }, tags)];
    case 'DiscontinueProduct':
      requireOnSale(state, command.sku);
      return [pending(stream, 'ProductDiscontinued', { sku: command.sku }, tags)];
    case 'ReinstateProduct': {
      const product = requireProduct(state, command.sku);
      if (!product.discontinued) {
        throw new DomainError('not-discontinued', `${product.name} is on sale already.`, { sku: command.sku });
      }
      return [pending(stream, 'ProductReinstated', { sku: command.sku }, tags)];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

const addStock = (state: ShopState, e: { payload: { sku: string; quantity: number } }): ShopState => ({
  ...state,
  products: patch(state.products, e.payload.sku, (p) => ({ ...p, stock: p.stock + e.payload.quantity })),
});
const exists = (state: ShopState, sku: string) => (state.products.get(sku) ? null : `product ${sku} does not exist`);
const theProduct = ({ sku }: { sku: string }) => [productStream(sku)];

/** The catalog: products, their prices and their stock. */
export const catalogSlice: Slice<typeof commands, typeof events> = {
  name: 'catalog',
  category: 'catalog',
  commands,
  events,
  decide,
  evolve: {
    ProductRegistered: (state, { payload: { sku, name, priceCents, stock } }) => ({
      ...state,
      products: state.products.set(sku, { sku, name, priceCents, stock, discontinued: false }),
    }),
    ProductPriceChanged: (state, e) => ({
      ...state,
      products: patch(state.products, e.payload.sku, (p) => ({ ...p, priceCents: e.payload.priceCents })),
    }),
    ProductRestocked: addStock,
    StockReleased: addStock,
    StockReserved: (state, e) => ({
      ...state,
      products: patch(state.products, e.payload.sku, (p) => ({ ...p, stock: p.stock - e.payload.quantity })),
    }),
    ProductDiscontinued: (state, e) => ({
      ...state,
      products: patch(state.products, e.payload.sku, (p) => ({ ...p, discontinued: true })),
    }),
    ProductReinstated: (state, e) => ({
      ...state,
      products: patch(state.products, e.payload.sku, (p) => ({ ...p, discontinued: false })),
    }),
  },
  describe: {
    ProductRegistered: ({ payload: p }) =>
      `${p.name} (SKU ${p.sku}) was added to the catalog at ${formatCents(p.priceCents)} with ${p.stock} in stock`,
    ProductPriceChanged: ({ payload: p }, names) =>
      `The price of ${names.product(p.sku)} changed from ${formatCents(p.previousPriceCents)} to ${formatCents(p.priceCents)}`,
    ProductRestocked: ({ payload: p }, names) => `${names.product(p.sku)} was restocked with ${p.quantity} more`,
    ProductDiscontinued: ({ payload: p }, names) => `${names.product(p.sku)} was discontinued`,
    ProductReinstated: ({ payload: p }, names) => `${names.product(p.sku)} was put back on sale`,
    StockReserved: ({ payload: p }, names) => `${p.quantity} × ${names.product(p.sku)} reserved for ${names.order(p.orderId)}`,
    StockReleased: ({ payload: p }, names) => `${p.quantity} × ${names.product(p.sku)} went back into stock from ${names.order(p.orderId)}`,
  },
  whyInapplicable: {
    ProductRegistered: (state, { payload: { sku } }) => (state.products.get(sku) ? `SKU ${sku} already exists` : null),
    ProductPriceChanged: (state, e) => exists(state, e.payload.sku),
    ProductRestocked: (state, e) => exists(state, e.payload.sku),
    ProductDiscontinued: (state, e) => exists(state, e.payload.sku),
    ProductReinstated: (state, e) =>
      exists(state, e.payload.sku) ?? (state.products.get(e.payload.sku)!.discontinued ? null : `${e.payload.sku} is not discontinued`),
    StockReserved: (state, { payload: { sku, orderId, quantity } }) => {
      const p = state.products.get(sku);
      if (!p) return `product ${sku} does not exist`;
      if (!state.orders.get(orderId)) return `order ${orderId} was never placed`;
      return p.stock < quantity ? `only ${p.stock} × ${p.name} in stock, ${quantity} needed` : null;
    },
    StockReleased: (state, { payload: { sku, orderId } }) =>
      state.products.get(sku) && state.orders.get(orderId) ? null : `order ${orderId} does not exist`,
  },
  reads: {
    RegisterProduct: theProduct,
    ChangePrice: theProduct,
    Restock: theProduct,
    DiscontinueProduct: theProduct,
    ReinstateProduct: theProduct,
  },
};
