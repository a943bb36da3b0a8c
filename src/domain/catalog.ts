import { DomainError, type DecideContext } from '../es';
import type { CommandOf } from './commands';
import { pending, type ShopEvent, type ShopPendingEvent } from './events';
import { requireOnSale } from './rules';
import { patch, type ShopState } from './state';
import { productStream, productTag } from './streams';

export type CatalogCommand = CommandOf<'RegisterProduct' | 'ChangePrice' | 'Restock' | 'DiscontinueProduct'>;
type CatalogEvent = Exclude<Extract<ShopEvent, { type: `Product${string}` | `Stock${string}` }>, { type: `${string}Restored` }>;

export function decideCatalog(state: ShopState, command: CatalogCommand, _context: DecideContext): ShopPendingEvent[] {
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
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export function evolveCatalog(state: ShopState, event: CatalogEvent): ShopState {
  const { products } = state;
  switch (event.type) {
    case 'ProductRegistered': {
      const { sku, name, priceCents, stock } = event.payload;
      return { ...state, products: products.set(sku, { sku, name, priceCents, stock, discontinued: false }) };
    }
    case 'ProductPriceChanged':
      return { ...state, products: patch(products, event.payload.sku, (p) => ({ ...p, priceCents: event.payload.priceCents })) };
    case 'ProductRestocked':
    case 'StockReleased':
      return { ...state, products: patch(products, event.payload.sku, (p) => ({ ...p, stock: p.stock + event.payload.quantity })) };
    case 'StockReserved':
      return { ...state, products: patch(products, event.payload.sku, (p) => ({ ...p, stock: p.stock - event.payload.quantity })) };
    case 'ProductDiscontinued':
      return { ...state, products: patch(products, event.payload.sku, (p) => ({ ...p, discontinued: true })) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
