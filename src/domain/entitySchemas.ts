import * as z from 'zod/mini';

/** The shop's entities: restore events carry them whole, and their types come from here. */
const integer = () => z.number().check(z.refine(Number.isInteger));
const atLeast = (min: number) => integer().check(z.gte(min));

export const PricedLineSchema = z.object({ sku: z.string(), name: z.string(), quantity: atLeast(1), unitPriceCents: atLeast(0) });
export const CartLineSchema = z.object({ sku: z.string(), quantity: atLeast(1) });

export const ProductSchema = z.object({
  sku: z.string(),
  name: z.string(),
  priceCents: atLeast(0),
  /** Units on the shelf: restocks add, placed orders reserve, cancellations give back. */
  stock: integer(),
  discontinued: z.boolean(),
});

export const CustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  deleted: z.boolean(),
  registeredAt: z.string(),
});

/** A discount taken off an order at checkout; events and entities from before discount codes have none. */
export const AppliedDiscountSchema = z.object({ code: z.string(), amountCents: atLeast(0) });
const noDiscountBefore = () => z.optional(z.nullable(AppliedDiscountSchema));

export const PendingCheckoutSchema = z.object({
  checkoutId: z.string(),
  lines: z.readonly(z.array(PricedLineSchema)),
  /** After the discount. */
  totalCents: integer(),
  requestedAt: z.string(),
  discount: noDiscountBefore(),
});

export const CartSchema = z.object({
  customerId: z.string(),
  lines: z.readonly(z.array(CartLineSchema)),
  /** Set between CheckoutRequested and its outcome; the cart is frozen meanwhile. */
  pendingCheckout: z.nullable(PendingCheckoutSchema),
  /** Why the last checkout failed, until the cart changes again. */
  lastCheckoutError: z.nullable(z.string()),
  /** The discount code the customer applied (absent: none, as in carts from before discount codes). */
  discountCode: z.optional(z.string()),
});

/** Goods sent back from a shipped order, with what was refunded for them; their units went back into stock. */
export const OrderReturnSchema = z.object({
  returnId: z.string(),
  lines: z.readonly(z.array(PricedLineSchema)),
  refundedCents: atLeast(0),
  returnedAt: z.string(),
});

export const OrderStatusSchema = z.enum(['placed', 'paid', 'shipped', 'cancelled']);

export const OrderSchema = z.object({
  id: z.string(),
  /** 1, 2, 3 … in the order orders were placed; what people call an order by. */
  number: integer(),
  customerId: z.string(),
  lines: z.readonly(z.array(PricedLineSchema)),
  /** After the discount. */
  totalCents: integer(),
  discount: noDiscountBefore(),
  status: OrderStatusSchema,
  placedAt: z.string(),
  paidAt: z.nullable(z.string()),
  shippedAt: z.nullable(z.string()),
  cancelledAt: z.nullable(z.string()),
  /** Returns from the shop screens, oldest first; orders from before them have none. */
  returns: z.optional(z.readonly(z.array(OrderReturnSchema))),
});

/** Goods a customer sent back (imported return invoices); their quantities went back into stock. */
export const ReturnSchema = z.object({
  id: z.string(),
  invoiceNo: z.string(),
  customerId: z.string(),
  lines: z.readonly(z.array(PricedLineSchema)),
  refundedCents: integer(),
  recordedAt: z.string(),
});

/** A code the shop owner created: a percentage or a fixed amount off, with optional conditions. */
export const DiscountCodeSchema = z.object({
  code: z.string(),
  off: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('percent'), percent: atLeast(1).check(z.lte(100)) }),
    z.object({ kind: z.literal('amount'), amountCents: atLeast(1) }),
  ]),
  minimumOrderCents: z.nullable(atLeast(0)),
  /** ISO dates (YYYY-MM-DD), both days included. */
  validFrom: z.nullable(z.string()),
  validUntil: z.nullable(z.string()),
  active: z.boolean(),
});

export type PricedLine = z.infer<typeof PricedLineSchema>;
export type CartLine = z.infer<typeof CartLineSchema>;
export type Product = z.infer<typeof ProductSchema>;
export type Customer = z.infer<typeof CustomerSchema>;
export type PendingCheckout = z.infer<typeof PendingCheckoutSchema>;
export type Cart = z.infer<typeof CartSchema>;
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type OrderReturn = z.infer<typeof OrderReturnSchema>;
export type Return = z.infer<typeof ReturnSchema>;
export type AppliedDiscount = z.infer<typeof AppliedDiscountSchema>;
export type DiscountCode = z.infer<typeof DiscountCodeSchema>;
