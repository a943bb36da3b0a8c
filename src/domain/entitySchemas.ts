import * as z from 'zod/mini';
import type { Cart, Customer, Order, Product, Return } from './state';

/** Whole entities as restore events carry them; checked against the read model's types below. */
const integer = () => z.number().check(z.refine(Number.isInteger));
const atLeast = (min: number) => integer().check(z.gte(min));
const pricedLine = z.object({ sku: z.string(), name: z.string(), quantity: atLeast(1), unitPriceCents: atLeast(0) });

export const ProductSchema = z.object({
  sku: z.string(),
  name: z.string(),
  priceCents: atLeast(0),
  stock: integer(),
  discontinued: z.boolean(),
});

export const CustomerSchema = z.object({ id: z.string(), name: z.string(), deleted: z.boolean(), registeredAt: z.string() });

export const CartSchema = z.object({
  customerId: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: atLeast(1) })),
  pendingCheckout: z.nullable(z.object({ checkoutId: z.string(), lines: z.array(pricedLine), totalCents: integer(), requestedAt: z.string() })),
  lastCheckoutError: z.nullable(z.string()),
});

export const OrderSchema = z.object({
  id: z.string(),
  number: integer(),
  customerId: z.string(),
  lines: z.array(pricedLine),
  totalCents: integer(),
  status: z.enum(['placed', 'paid', 'shipped', 'cancelled']),
  placedAt: z.string(),
  paidAt: z.nullable(z.string()),
  shippedAt: z.nullable(z.string()),
  cancelledAt: z.nullable(z.string()),
});

export const ReturnSchema = z.object({
  id: z.string(),
  invoiceNo: z.string(),
  customerId: z.string(),
  lines: z.array(pricedLine),
  refundedCents: integer(),
  recordedAt: z.string(),
});

// The schemas and the read model's interfaces must describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesAgree: [
  Same<z.infer<typeof ProductSchema>, Product>,
  Same<z.infer<typeof CustomerSchema>, Customer>,
  Same<z.infer<typeof OrderSchema>['status'], Order['status']>,
  Same<z.infer<typeof CartSchema>['lines'][number], Cart['lines'][number]>,
  Same<z.infer<typeof ReturnSchema>['refundedCents'], Return['refundedCents']>,
] = [true, true, true, true, true];
void shapesAgree;
