import { z } from 'zod';
import { ValidationError } from '../es';

const sku = z.string().trim().min(1, 'Enter a SKU.').max(40, 'A SKU has at most 40 characters.');
const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}.`)
    .max(80, `${what[0]!.toUpperCase()}${what.slice(1)} has at most 80 characters.`);
const id = z.string().trim().min(1).max(64);
const quantity = z
  .number({ error: 'Quantity must be a number.' })
  .int('Quantity must be a whole number.')
  .min(1, 'Quantity must be at least 1.')
  .max(1_000_000, 'Quantity must be at most 1,000,000.');
const priceCents = z
  .number({ error: 'Price must be a number.' })
  .int('Price must be in whole cents.')
  .min(0, 'Price cannot be negative.')
  .max(100_000_000, 'Price must be at most 1,000,000.00.');
const stock = z
  .number({ error: 'Stock must be a number.' })
  .int('Stock must be a whole number.')
  .min(0, 'Stock cannot be negative.')
  .max(1_000_000_000);

/** Every command, by type. Commands are imperative; each becomes zero or more past-tense events. */
export const Command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterProduct'), sku, name: name('a product name'), priceCents, stock }),
  z.object({ type: z.literal('ChangePrice'), sku, priceCents }),
  z.object({ type: z.literal('Restock'), sku, quantity }),
  z.object({ type: z.literal('DiscontinueProduct'), sku }),

  z.object({ type: z.literal('RegisterCustomer'), customerId: id.optional(), name: name('a name') }),
  z.object({ type: z.literal('RenameCustomer'), customerId: id, name: name('a name') }),
  z.object({ type: z.literal('DeleteCustomer'), customerId: id }),

  z.object({ type: z.literal('AddItemToCart'), customerId: id, sku, quantity }),
  z.object({ type: z.literal('ChangeCartItemQuantity'), customerId: id, sku, quantity }),
  z.object({ type: z.literal('RemoveItemFromCart'), customerId: id, sku }),
  z.object({ type: z.literal('ClearCart'), customerId: id }),
  z.object({ type: z.literal('CheckoutCart'), customerId: id }),

  // Issued by the checkout process manager, not by people.
  z.object({ type: z.literal('PlaceOrder'), customerId: id, checkoutId: id }),
  z.object({ type: z.literal('RejectCheckout'), customerId: id, checkoutId: id, reason: z.string().min(1) }),

  z.object({ type: z.literal('PayOrder'), orderId: id }),
  z.object({ type: z.literal('ShipOrder'), orderId: id }),
  z.object({ type: z.literal('CancelOrder'), orderId: id }),

  // Sent by the time machine (restore a point, undo, redo): set entities back to given values.
  z.object({
    type: z.literal('RestoreEntities'),
    restoredTo: z.number().int().min(0),
    purpose: z.enum(['restore', 'undo', 'redo']),
    entities: z.array(z.object({ kind: z.enum(['product', 'customer', 'cart', 'order']), id, value: z.unknown() })),
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
