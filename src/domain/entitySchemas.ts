import { z } from 'zod';
import type { Cart, Customer, Order, Product } from './state';

/** Whole entities as restore events carry them; checked against the read model's types below. */
const pricedLine = z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().min(1), unitPriceCents: z.number().int().min(0) });

export const ProductSchema = z.object({
  sku: z.string(),
  name: z.string(),
  priceCents: z.number().int().min(0),
  stock: z.number().int(),
  discontinued: z.boolean(),
});

export const CustomerSchema = z.object({ id: z.string(), name: z.string(), deleted: z.boolean(), registeredAt: z.string() });

export const CartSchema = z.object({
  customerId: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })),
  pendingCheckout: z.object({ checkoutId: z.string(), lines: z.array(pricedLine), totalCents: z.number().int(), requestedAt: z.string() }).nullable(),
  lastCheckoutError: z.string().nullable(),
});

export const OrderSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  customerId: z.string(),
  lines: z.array(pricedLine),
  totalCents: z.number().int(),
  status: z.enum(['placed', 'paid', 'shipped', 'cancelled']),
  placedAt: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

// The schemas and the read model's interfaces must describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesAgree: [
  Same<z.infer<typeof ProductSchema>, Product>,
  Same<z.infer<typeof CustomerSchema>, Customer>,
  Same<z.infer<typeof OrderSchema>['status'], Order['status']>,
  Same<z.infer<typeof CartSchema>['lines'][number], Cart['lines'][number]>,
] = [true, true, true, true];
void shapesAgree;
