// zod/mini: the same schemas, tree-shakable, a third of the bytes of the chained API.
import * as z from 'zod/mini';
import { ValidationError } from '../es';

const trimmed = (min: number, max: number, tooShort: string, tooLong: string) =>
  z.string().check(z.trim(), z.minLength(min, { error: tooShort }), z.maxLength(max, { error: tooLong }));
const sku = trimmed(1, 40, 'Enter a SKU.', 'A SKU has at most 40 characters.');
const name = (what: string) => trimmed(1, 80, `Enter ${what}.`, `${what[0]!.toUpperCase()}${what.slice(1)} has at most 80 characters.`);
const id = trimmed(1, 64, 'An id is required.', 'An id has at most 64 characters.');
const wholeNumber = (what: string, unit: string, min: number, max: number, tooSmall: string, tooBig: string) =>
  z.number({ error: `${what} must be a number.` }).check(
    z.refine(Number.isInteger, { error: `${what} must be ${unit}.` }),
    z.gte(min, { error: tooSmall }),
    z.lte(max, { error: tooBig }),
  );
const quantity = wholeNumber('Quantity', 'a whole number', 1, 1_000_000, 'Quantity must be at least 1.', 'Quantity must be at most 1,000,000.');
const priceCents = wholeNumber('Price', 'in whole cents', 0, 100_000_000, 'Price cannot be negative.', 'Price must be at most 1,000,000.00.');
const stock = wholeNumber('Stock', 'a whole number', 0, 1_000_000_000, 'Stock cannot be negative.', 'Stock must be at most 1,000,000,000.');
const position = z.number().check(z.refine(Number.isInteger), z.gte(0));

/** Every command, by type. Commands are imperative; each becomes zero or more past-tense events. */
export const Command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterProduct'), sku, name: name('a product name'), priceCents, stock }),
  z.object({ type: z.literal('ChangePrice'), sku, priceCents }),
  z.object({ type: z.literal('Restock'), sku, quantity }),
  z.object({ type: z.literal('DiscontinueProduct'), sku }),

  z.object({ type: z.literal('RegisterCustomer'), customerId: z.optional(id), name: name('a name') }),
  z.object({ type: z.literal('RenameCustomer'), customerId: id, name: name('a name') }),
  z.object({ type: z.literal('DeleteCustomer'), customerId: id }),

  z.object({ type: z.literal('AddItemToCart'), customerId: id, sku, quantity }),
  z.object({ type: z.literal('ChangeCartItemQuantity'), customerId: id, sku, quantity }),
  z.object({ type: z.literal('RemoveItemFromCart'), customerId: id, sku }),
  z.object({ type: z.literal('ClearCart'), customerId: id }),
  z.object({ type: z.literal('CheckoutCart'), customerId: id }),

  // Issued by the checkout process manager, not by people.
  z.object({ type: z.literal('PlaceOrder'), customerId: id, checkoutId: id }),
  z.object({ type: z.literal('RejectCheckout'), customerId: id, checkoutId: id, reason: z.string().check(z.minLength(1)) }),

  z.object({ type: z.literal('PayOrder'), orderId: id }),
  z.object({ type: z.literal('ShipOrder'), orderId: id }),
  z.object({ type: z.literal('CancelOrder'), orderId: id }),

  // Sent by the time machine (restore a point, undo, redo): set entities back to given values.
  z.object({
    type: z.literal('RestoreEntities'),
    restoredTo: position,
    purpose: z.enum(['restore', 'undo', 'redo']),
    entities: z.array(z.object({ kind: z.enum(['product', 'customer', 'cart', 'order', 'return']), id, value: z.unknown() })),
  }),
]);

export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Checks raw input against the command schemas; a failure lists each problem in plain words. */
export function parseCommand(input: unknown): Command {
  const result = Command.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}
