import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import { DiscountCodeSchema, type AppliedDiscount, type DiscountCode } from './entitySchemas';
import { input } from './fields';
import { formatCents, formatOff } from './money';
import { liveCustomerProblem, requireEditableCart } from './rules';
import { pending, type CommandIn, type Slice } from './slice';
import { emptyCart, patch, type Cart, type ShopState } from './state';
import { cartStream, customerStream, customerTag, discountCodeStream, discountCodeTag, productStream } from './streams';

/** What people type as a code: trimmed and upper-cased before it is checked or looked up. */
const codeText = z.string().check(z.trim(), z.toUpperCase());
const newCode = codeText.check(
  z.minLength(3, { error: 'A code has at least 3 characters.' }),
  z.maxLength(20, { error: 'A code has at most 20 characters.' }),
  z.regex(/^[A-Z0-9-]*$/, { error: 'A code may hold only letters A–Z, digits and hyphens.' }),
);
const code = codeText.check(z.minLength(1, { error: 'Enter a code.' }), z.maxLength(40, { error: 'There is no such code.' }));
const whole = (what: string, min: number, max: number, tooSmall: string, tooBig: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .check(
      z.refine(Number.isInteger, { error: `${what} must be a whole number.` }),
      z.gte(min, { error: tooSmall }),
      z.lte(max, { error: tooBig }),
    );
const isoDate = (what: string) =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what} must be a date like 2026-06-01.` }),
    z.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
      error: `${what} is not a real date.`,
    }),
  );
const optional = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

const off = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    percent: whole('The percentage', 1, 100, 'The percentage must be at least 1.', 'The percentage must be at most 100.'),
  }),
  z.object({
    kind: z.literal('amount'),
    amountCents: whole('The amount', 1, 100_000_000, 'The amount off must be more than 0.', 'The amount off must be at most 1,000,000.00.'),
  }),
]);

const commands = {
  CreateDiscountCode: z.object({
    type: z.literal('CreateDiscountCode'),
    code: newCode,
    off,
    minimumOrderCents: optional(
      whole('The minimum order', 0, 100_000_000, 'The minimum order cannot be negative.', 'The minimum order is too big.'),
    ),
    validFrom: optional(isoDate('Valid from')),
    validUntil: optional(isoDate('Valid until')),
    active: z.boolean(),
  }),
  DeactivateDiscountCode: z.object({ type: z.literal('DeactivateDiscountCode'), code }),
  ReactivateDiscountCode: z.object({ type: z.literal('ReactivateDiscountCode'), code }),
  ApplyDiscountCode: z.object({ type: z.literal('ApplyDiscountCode'), customerId: input.id, code }),
  RemoveDiscountCode: z.object({ type: z.literal('RemoveDiscountCode'), customerId: input.id }),
};

const events = {
  DiscountCodeCreated: DiscountCodeSchema,
  DiscountCodeDeactivated: z.object({ code: z.string() }),
  DiscountCodeReactivated: z.object({ code: z.string() }),
  DiscountCodeApplied: z.object({ customerId: z.string(), code: z.string() }),
  DiscountCodeRemovedFromCart: z.object({ customerId: z.string(), code: z.string() }),
};

function decide(state: ShopState, command: CommandIn<typeof commands>, context: DecideContext) {
  switch (command.type) {
    case 'CreateDiscountCode': {
      const { code, off, active } = command;
      if (state.discountCodes.has(code)) throw new DomainError('duplicate-code', `There is already a discount code ${code}.`, { code });
      const validFrom = command.validFrom ?? null;
      const validUntil = command.validUntil ?? null;
      if (validFrom && validUntil && validUntil < validFrom) {
        throw new DomainError('invalid-validity', `Code ${code} cannot end (${validUntil}) before it starts (${validFrom}).`, { code });
      }
      const created = { code, off, minimumOrderCents: command.minimumOrderCents ?? null, validFrom, validUntil, active };
      return [pending(discountCodeStream(code), 'DiscountCodeCreated', created, [discountCodeTag(code)])];
    }
    case 'DeactivateDiscountCode':
    case 'ReactivateDiscountCode': {
      const wanted = command.type === 'ReactivateDiscountCode';
      const found = requireCode(state, command.code);
      if (found.active === wanted) {
        throw new DomainError('same-status', `Code ${found.code} is already ${wanted ? 'active' : 'inactive'}.`, { code: found.code });
      }
      const type = wanted ? 'DiscountCodeReactivated' : 'DiscountCodeDeactivated';
      return [pending(discountCodeStream(found.code), type, { code: found.code }, [discountCodeTag(found.code)])];
    }
    case 'ApplyDiscountCode': {
      const { customer, cart } = requireEditableCart(state, command.customerId);
      if (cart?.discountCode === command.code) {
        throw new DomainError('code-already-applied', `${customer.name}'s cart already has code ${command.code}.`, { code: command.code });
      }
      discountFor(state, command.code, subtotalOf(state, cart), context.now);
      const { customerId, code } = command;
      return [
        pending(cartStream(customerId), 'DiscountCodeApplied', { customerId, code }, [customerTag(customerId), discountCodeTag(code)]),
      ];
    }
    case 'RemoveDiscountCode': {
      const { customer, cart } = requireEditableCart(state, command.customerId);
      const applied = cart?.discountCode;
      if (!applied) throw new DomainError('no-code-applied', `${customer.name}'s cart has no discount code.`, {});
      const { customerId } = command;
      return [
        pending(cartStream(customerId), 'DiscountCodeRemovedFromCart', { customerId, code: applied }, [
          customerTag(customerId),
          discountCodeTag(applied),
        ]),
      ];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function requireCode(state: ShopState, code: string): DiscountCode {
  const found = state.discountCodes.get(code);
  if (!found) throw new DomainError('unknown-code', `There is no discount code ${code}.`, { code });
  return found;
}

/** The cart's worth at today's prices, before any discount. */
export function subtotalOf(state: ShopState, cart: Cart | undefined): number {
  return (cart?.lines ?? []).reduce((sum, l) => sum + l.quantity * (state.products.get(l.sku)?.priceCents ?? 0), 0);
}

/** Why a code cannot be used on `day` (YYYY-MM-DD), in a sentence; null when it can. */
function unusableOn(found: DiscountCode, day: string): string | null {
  if (!found.active) return `Code ${found.code} is not active.`;
  if (found.validFrom && day < found.validFrom) return `Code ${found.code} is not valid until ${found.validFrom}.`;
  if (found.validUntil && day > found.validUntil) return `Code ${found.code} expired on ${found.validUntil}.`;
  return null;
}

/** What a code's reduction comes to on a subtotal: never more than the subtotal, percentages rounded to whole cents. */
export function amountOff(found: DiscountCode, subtotalCents: number): number {
  const cents = found.off.kind === 'percent' ? Math.round((subtotalCents * found.off.percent) / 100) : found.off.amountCents;
  return Math.min(cents, subtotalCents);
}

/**
 * The discount `code` gives on `subtotalCents` at `now`, or a DomainError saying why it cannot be
 * used (unknown, inactive, outside its dates, below its minimum order). Applying and checkout both ask.
 */
export function discountFor(state: ShopState, code: string, subtotalCents: number, now: string): AppliedDiscount {
  const found = requireCode(state, code);
  const problem = unusableOn(found, now.slice(0, 10));
  if (problem) throw new DomainError('code-not-usable', problem, { code });
  if (found.minimumOrderCents !== null && subtotalCents < found.minimumOrderCents) {
    throw new DomainError(
      'below-minimum-order',
      `Code ${code} needs an order of at least ${formatCents(found.minimumOrderCents)}; the cart comes to ${formatCents(subtotalCents)}.`,
      { code, minimumOrderCents: found.minimumOrderCents, subtotalCents },
    );
  }
  return { code, amountCents: amountOff(found, subtotalCents) };
}

/** The cart without a code (absent, as carts from before discount codes are). */
export function withoutCode(cart: Cart): Cart {
  const { discountCode: _removed, ...rest } = cart;
  return rest;
}

const setActive = (active: boolean) => (state: ShopState, e: { payload: { code: string } }) => ({
  ...state,
  discountCodes: patch(state.discountCodes, e.payload.code, (d) => ({ ...d, active })),
});
const theCode = ({ code }: { code: string }) => [discountCodeStream(code)];
const codeProblem = (state: ShopState, code: string) => (state.discountCodes.has(code) ? null : `code ${code} does not exist`);
const words = (d: DiscountCode) =>
  [
    formatOff(d.off),
    d.minimumOrderCents !== null && `on orders of at least ${formatCents(d.minimumOrderCents)}`,
    d.validFrom && `from ${d.validFrom}`,
    d.validUntil && `until ${d.validUntil}`,
  ]
    .filter(Boolean)
    .join(', ');

/** Discount codes: the owner creates and switches them; a customer applies one to the cart, checkout takes it off. */
export const discountsSlice: Slice<typeof commands, typeof events> = {
  name: 'discounts',
  category: 'cart',
  commands,
  events,
  decide,
  evolve: {
    DiscountCodeCreated: (state, { payload }) => ({ ...state, discountCodes: state.discountCodes.set(payload.code, { ...payload }) }),
    DiscountCodeDeactivated: setActive(false),
    DiscountCodeReactivated: setActive(true),
    // A customer with no cart yet gets an empty one holding the code.
    DiscountCodeApplied: (state, { payload: { customerId, code } }) => ({
      ...state,
      carts: state.carts.set(customerId, { ...(state.carts.get(customerId) ?? emptyCart(customerId)), discountCode: code }),
    }),
    DiscountCodeRemovedFromCart: (state, { payload: { customerId } }) => ({
      ...state,
      carts: patch(state.carts, customerId, withoutCode),
    }),
  },
  describe: {
    DiscountCodeCreated: ({ payload: d }) => `Code ${d.code} (${words(d)}) was created${d.active ? '' : ', inactive'}`,
    DiscountCodeDeactivated: ({ payload: p }) => `Code ${p.code} was deactivated`,
    DiscountCodeReactivated: ({ payload: p }) => `Code ${p.code} was reactivated`,
    DiscountCodeApplied: ({ payload: p }, names) => `${names.customer(p.customerId)} applied code ${p.code} to the cart`,
    DiscountCodeRemovedFromCart: ({ payload: p }, names) => `${names.customer(p.customerId)} removed code ${p.code} from the cart`,
  },
  whyInapplicable: {
    DiscountCodeCreated: (state, { payload: { code } }) => (state.discountCodes.has(code) ? `code ${code} already exists` : null),
    DiscountCodeDeactivated: (state, { payload: { code } }) =>
      codeProblem(state, code) ?? (state.discountCodes.get(code)!.active ? null : `code ${code} is already inactive`),
    DiscountCodeReactivated: (state, { payload: { code } }) =>
      codeProblem(state, code) ?? (state.discountCodes.get(code)!.active ? `code ${code} is already active` : null),
    DiscountCodeApplied: (state, event) => {
      const found = state.discountCodes.get(event.payload.code);
      if (!found) return `code ${event.payload.code} does not exist`;
      const problem = unusableOn(found, event.at.slice(0, 10));
      return problem ? problem.slice(0, -1).replace(/^Code/, 'code') : liveCustomerProblem(state, event.payload.customerId);
    },
    DiscountCodeRemovedFromCart: (state, { payload: { customerId, code } }) =>
      state.carts.get(customerId)?.discountCode === code ? null : `the cart does not hold code ${code}`,
  },
  reads: {
    CreateDiscountCode: theCode,
    DeactivateDiscountCode: theCode,
    ReactivateDiscountCode: theCode,
    // The minimum order is checked against the cart's lines at their products' prices.
    ApplyDiscountCode: ({ customerId, code }, state) => [
      cartStream(customerId),
      customerStream(customerId),
      discountCodeStream(code),
      ...(state.carts.get(customerId)?.lines ?? []).map((l) => productStream(l.sku)),
    ],
    RemoveDiscountCode: ({ customerId }) => [cartStream(customerId), customerStream(customerId)],
  },
};
