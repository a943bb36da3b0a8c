import { DomainError, type DecideContext } from '../es';
import type { CommandOf } from './commands';
import { pending, type ShopEvent, type ShopPendingEvent } from './events';
import { requireEditableCart, requireOnSale, requireStock } from './rules';
import { emptyCart, patch, type Cart, type CartLine, type ShopState } from './state';
import { cartStream, customerTag, productTag } from './streams';

export type CartCommand = CommandOf<
  'AddItemToCart' | 'ChangeCartItemQuantity' | 'RemoveItemFromCart' | 'ClearCart' | 'CheckoutCart' | 'RejectCheckout'
>;
type CartEvent = Extract<
  ShopEvent,
  {
    type:
      | 'ItemAddedToCart'
      | 'CartItemQuantityChanged'
      | 'ItemRemovedFromCart'
      | 'CartCleared'
      | 'CheckoutRequested'
      | 'CheckoutRejected'
      | 'CartCheckedOut';
  }
>;

export function decideCart(state: ShopState, command: CartCommand, context: DecideContext): ShopPendingEvent[] {
  const { customerId } = command;
  const stream = cartStream(customerId);
  const who = customerTag(customerId);
  switch (command.type) {
    case 'AddItemToCart': {
      const { cart } = requireEditableCart(state, customerId);
      const product = requireOnSale(state, command.sku);
      const inCart = findLine(cart, command.sku)?.quantity ?? 0;
      requireStock(product, inCart + command.quantity);
      return [
        pending(stream, 'ItemAddedToCart', { customerId, sku: command.sku, quantity: command.quantity }, [who, productTag(command.sku)]),
      ];
    }
    case 'ChangeCartItemQuantity': {
      const { customer, cart } = requireEditableCart(state, customerId);
      const line = requireLine(cart, command.sku, customer.name);
      const product = requireOnSale(state, command.sku);
      if (line.quantity === command.quantity) {
        throw new DomainError('same-quantity', `The cart already holds ${line.quantity} × ${product.name}.`, { sku: command.sku });
      }
      requireStock(product, command.quantity);
      return [
        pending(
          stream,
          'CartItemQuantityChanged',
          { customerId, sku: command.sku, quantity: command.quantity, previousQuantity: line.quantity },
          [who, productTag(command.sku)],
        ),
      ];
    }
    case 'RemoveItemFromCart': {
      const { customer, cart } = requireEditableCart(state, customerId);
      requireLine(cart, command.sku, customer.name);
      return [pending(stream, 'ItemRemovedFromCart', { customerId, sku: command.sku }, [who, productTag(command.sku)])];
    }
    case 'ClearCart': {
      const { customer, cart } = requireEditableCart(state, customerId);
      requireNonEmpty(cart, customer.name);
      return [pending(stream, 'CartCleared', { customerId }, [who])];
    }
    case 'CheckoutCart': {
      const { customer, cart } = requireEditableCart(state, customerId);
      const lines = requireNonEmpty(cart, customer.name).map((line) => {
        const product = requireOnSale(state, line.sku);
        requireStock(product, line.quantity);
        return { sku: line.sku, name: product.name, quantity: line.quantity, unitPriceCents: product.priceCents };
      });
      const totalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
      return [pending(stream, 'CheckoutRequested', { customerId, checkoutId: context.newId(), lines, totalCents }, [who])];
    }
    case 'RejectCheckout': {
      const cart = state.carts.get(customerId);
      // Already settled (another tab got there first): nothing left to reject.
      if (cart?.pendingCheckout?.checkoutId !== command.checkoutId) return [];
      return [pending(stream, 'CheckoutRejected', { customerId, checkoutId: command.checkoutId, reason: command.reason }, [who])];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export function evolveCart(state: ShopState, event: CartEvent): ShopState {
  const { customerId } = event.payload;
  const change = (fn: (cart: Cart) => Cart): ShopState => ({
    ...state,
    carts: state.carts.set(customerId, fn(state.carts.get(customerId) ?? emptyCart(customerId))),
  });
  switch (event.type) {
    case 'ItemAddedToCart': {
      const { sku, quantity } = event.payload;
      return change((cart) => {
        const exists = cart.lines.some((l) => l.sku === sku);
        const lines = exists
          ? cart.lines.map((l) => (l.sku === sku ? { sku, quantity: l.quantity + quantity } : l))
          : [...cart.lines, { sku, quantity }];
        return { ...cart, lines, lastCheckoutError: null };
      });
    }
    case 'CartItemQuantityChanged': {
      const { sku, quantity } = event.payload;
      return change((cart) => ({
        ...cart,
        lines: cart.lines.map((l) => (l.sku === sku ? { sku, quantity } : l)),
        lastCheckoutError: null,
      }));
    }
    case 'ItemRemovedFromCart':
      return change((cart) => ({ ...cart, lines: cart.lines.filter((l) => l.sku !== event.payload.sku), lastCheckoutError: null }));
    case 'CartCleared':
      return change((cart) => ({ ...cart, lines: [], lastCheckoutError: null }));
    case 'CheckoutRequested': {
      const { checkoutId, lines, totalCents } = event.payload;
      return change((cart) => ({
        ...cart,
        pendingCheckout: { checkoutId, lines, totalCents, requestedAt: event.at },
        lastCheckoutError: null,
      }));
    }
    case 'CheckoutRejected':
      return change((cart) => ({ ...cart, pendingCheckout: null, lastCheckoutError: event.payload.reason }));
    case 'CartCheckedOut':
      return {
        ...state,
        carts: patch(state.carts, customerId, (cart) => ({ ...cart, lines: [], pendingCheckout: null, lastCheckoutError: null })),
      };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function findLine(cart: Cart | undefined, sku: string): CartLine | undefined {
  return cart?.lines.find((l) => l.sku === sku);
}

function requireLine(cart: Cart | undefined, sku: string, owner: string): CartLine {
  const line = findLine(cart, sku);
  if (!line) throw new DomainError('not-in-cart', `${owner}'s cart holds no item with SKU ${sku}.`, { sku });
  return line;
}

function requireNonEmpty(cart: Cart | undefined, owner: string): readonly CartLine[] {
  if (!cart || cart.lines.length === 0) throw new DomainError('empty-cart', `${owner}'s cart is empty.`, {});
  return cart.lines;
}
