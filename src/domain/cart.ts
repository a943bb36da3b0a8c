import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import { discountFor, withoutCode } from './discounts';
import { AppliedDiscountSchema } from './entitySchemas';
import { input, recorded } from './fields';
import { formatCents } from './money';
import { liveCustomerProblem, requireEditableCart, requireOnSale, requireStock } from './rules';
import { itemsIn } from './sentences';
import { pending, type CommandIn, type Slice } from './slice';
import { emptyCart, patch, type Cart, type CartLine, type ShopState } from './state';
import { cartStream, customerStream, customerTag, discountCodeStream, productStream, productTag } from './streams';

const { id, sku, quantity } = input;
const { cents, count, positive, lines } = recorded;

const commands = {
  AddItemToCart: z.object({ type: z.literal('AddItemToCart'), customerId: id, sku, quantity }),
  ChangeCartItemQuantity: z.object({ type: z.literal('ChangeCartItemQuantity'), customerId: id, sku, quantity }),
  RemoveItemFromCart: z.object({ type: z.literal('RemoveItemFromCart'), customerId: id, sku }),
  ClearCart: z.object({ type: z.literal('ClearCart'), customerId: id }),
  CheckoutCart: z.object({ type: z.literal('CheckoutCart'), customerId: id }),
  // Issued by the checkout process manager, not by people.
  RejectCheckout: z.object({ type: z.literal('RejectCheckout'), customerId: id, checkoutId: id, reason: z.string().check(z.minLength(1)) }),
};

const events = {
  ItemAddedToCart: z.object({ customerId: z.string(), sku: z.string(), quantity: positive }),
  CartItemQuantityChanged: z.object({
    customerId: z.string(),
    sku: z.string(),
    quantity: positive,
    previousQuantity: count,
  }),
  ItemRemovedFromCart: z.object({ customerId: z.string(), sku: z.string() }),
  CartCleared: z.object({ customerId: z.string() }),
  // totalCents is after the discount; checkouts from before discount codes have no `discount`.
  CheckoutRequested: z.object({
    customerId: z.string(),
    checkoutId: z.string(),
    lines: lines,
    totalCents: cents,
    discount: z.optional(z.nullable(AppliedDiscountSchema)),
  }),
  CheckoutRejected: z.object({ customerId: z.string(), checkoutId: z.string(), reason: z.string() }),
  CartCheckedOut: z.object({ customerId: z.string(), orderId: z.string() }),
};

function decide(state: ShopState, command: CommandIn<typeof commands>, context: DecideContext) {
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
      const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
      const discount = cart?.discountCode ? discountAtCheckout(state, cart.discountCode, subtotal, context.now) : null;
      const totalCents = subtotal - (discount?.amountCents ?? 0);
      const requested = { customerId, checkoutId: context.newId(), lines, totalCents, ...(discount && { discount }) };
      return [pending(stream, 'CheckoutRequested', requested, [who])];
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

/** A change to one customer's cart (the cart is made empty when it has none yet). */
function changeCart(state: ShopState, customerId: string, fn: (cart: Cart) => Cart): ShopState {
  return { ...state, carts: state.carts.set(customerId, fn(state.carts.get(customerId) ?? emptyCart(customerId))) };
}

const cartOf = (state: ShopState, customerId: string) => state.carts.get(customerId);
const theCart = ({ customerId }: { customerId: string }) => [cartStream(customerId), customerStream(customerId)];
const theCartAndProduct = (c: { customerId: string; sku: string }) => [...theCart(c), productStream(c.sku)];
/** A checkout reads every product in the cart, and the discount code it holds. */
const theCartAndItsProducts = (c: { customerId: string }, state: ShopState) => {
  const cart = cartOf(state, c.customerId);
  return [
    ...theCart(c),
    ...(cart?.lines ?? []).map((l) => productStream(l.sku)),
    ...(cart?.discountCode ? [discountCodeStream(cart.discountCode)] : []),
  ];
};
const pendingCheckoutProblem = (state: ShopState, customerId: string, checkoutId: string) =>
  cartOf(state, customerId)?.pendingCheckout?.checkoutId === checkoutId ? null : 'there is no such checkout waiting';

/** Carts: one per customer, frozen while a checkout is under way. */
export const cartSlice: Slice<typeof commands, typeof events> = {
  name: 'cart',
  category: 'cart',
  commands,
  events,
  decide,
  evolve: {
    ItemAddedToCart: (state, { payload: { customerId, sku, quantity } }) =>
      changeCart(state, customerId, (cart) => {
        const exists = cart.lines.some((l) => l.sku === sku);
        const lines = exists
          ? cart.lines.map((l) => (l.sku === sku ? { sku, quantity: l.quantity + quantity } : l))
          : [...cart.lines, { sku, quantity }];
        return { ...cart, lines, lastCheckoutError: null };
      }),
    CartItemQuantityChanged: (state, { payload: { customerId, sku, quantity } }) =>
      changeCart(state, customerId, (cart) => ({
        ...cart,
        lines: cart.lines.map((l) => (l.sku === sku ? { sku, quantity } : l)),
        lastCheckoutError: null,
      })),
    ItemRemovedFromCart: (state, { payload: { customerId, sku } }) =>
      changeCart(state, customerId, (cart) => ({ ...cart, lines: cart.lines.filter((l) => l.sku !== sku), lastCheckoutError: null })),
    CartCleared: (state, { payload: { customerId } }) =>
      changeCart(state, customerId, (cart) => ({ ...cart, lines: [], lastCheckoutError: null })),
    CheckoutRequested: (state, event) => {
      const { customerId, checkoutId, lines, totalCents, discount } = event.payload;
      return changeCart(state, customerId, (cart) => ({
        ...cart,
        pendingCheckout: { checkoutId, lines, totalCents, requestedAt: event.at, ...(discount && { discount }) },
        lastCheckoutError: null,
      }));
    },
    CheckoutRejected: (state, { payload: { customerId, reason } }) =>
      changeCart(state, customerId, (cart) => ({ ...cart, pendingCheckout: null, lastCheckoutError: reason })),
    CartCheckedOut: (state, { payload: { customerId } }) => ({
      ...state,
      carts: patch(state.carts, customerId, (cart) => ({
        ...withoutCode(cart),
        lines: [],
        pendingCheckout: null,
        lastCheckoutError: null,
      })),
    }),
  },
  describe: {
    ItemAddedToCart: ({ payload: p }, names) =>
      `${names.customer(p.customerId)} added ${p.quantity} × ${names.product(p.sku)} to their cart`,
    CartItemQuantityChanged: ({ payload: p }, names) =>
      `${names.customer(p.customerId)} changed ${names.product(p.sku)} from ${p.previousQuantity} to ${p.quantity} in their cart`,
    ItemRemovedFromCart: ({ payload: p }, names) => `${names.customer(p.customerId)} removed ${names.product(p.sku)} from their cart`,
    CartCleared: ({ payload: p }, names) => `${names.customer(p.customerId)} emptied their cart`,
    CheckoutRequested: ({ payload: p }, names) =>
      `${names.customer(p.customerId)} checked out ${itemsIn(p.lines)} for ${formatCents(p.totalCents)}${p.discount ? ` with code ${p.discount.code} (${formatCents(p.discount.amountCents)} off)` : ''}`,
    CheckoutRejected: ({ payload: p }, names) => `${names.customer(p.customerId)}'s checkout was refused: ${p.reason}`,
    CartCheckedOut: ({ payload: p }, names) => `${names.customer(p.customerId)}'s cart became ${names.order(p.orderId)}`,
  },
  whyInapplicable: {
    ItemAddedToCart: (state, { payload: { customerId, sku, quantity } }) => {
      const p = state.products.get(sku);
      if (!p) return `product ${sku} does not exist`;
      const inCart = findLine(cartOf(state, customerId), sku)?.quantity ?? 0;
      if (inCart + quantity > p.stock) return `only ${p.stock} × ${p.name} in stock`;
      return liveCustomerProblem(state, customerId);
    },
    CartItemQuantityChanged: (state, { payload: { customerId, sku } }) =>
      findLine(cartOf(state, customerId), sku) ? null : `the cart holds no ${sku}`,
    ItemRemovedFromCart: (state, { payload: { customerId, sku } }) =>
      findLine(cartOf(state, customerId), sku) ? null : `the cart holds no ${sku}`,
    CartCleared: (state, { payload: { customerId } }) =>
      (cartOf(state, customerId)?.lines.length ?? 0) > 0 ? null : 'the cart is already empty',
    CheckoutRequested: (state, { payload }) => {
      const cart = cartOf(state, payload.customerId);
      const same =
        cart !== undefined &&
        cart.lines.length === payload.lines.length &&
        payload.lines.every((l) => findLine(cart, l.sku)?.quantity === l.quantity);
      if (!same) return 'the cart no longer holds what was checked out';
      return payload.discount && cart.discountCode !== payload.discount.code
        ? `the cart no longer holds code ${payload.discount.code}`
        : null;
    },
    CheckoutRejected: (state, { payload: p }) => pendingCheckoutProblem(state, p.customerId, p.checkoutId),
    CartCheckedOut: (state, { payload: p }) => pendingCheckoutProblem(state, p.customerId, p.orderId),
  },
  reads: {
    AddItemToCart: theCartAndProduct,
    ChangeCartItemQuantity: theCartAndProduct,
    RemoveItemFromCart: theCart,
    ClearCart: theCart,
    CheckoutCart: theCartAndItsProducts,
    RejectCheckout: (c) => [cartStream(c.customerId)],
  },
};

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

/** The code is checked again at checkout, on the subtotal at today's prices. */
function discountAtCheckout(state: ShopState, code: string, subtotal: number, now: string) {
  try {
    return discountFor(state, code, subtotal, now);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw new DomainError(e.code, `${e.message} Remove it from the cart to check out without it.`, e.details);
  }
}
