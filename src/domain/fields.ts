import * as z from 'zod/mini';

/** Schema pieces the slices' commands and events share. */
const trimmed = (min: number, max: number, tooShort: string, tooLong: string) =>
  z.string().check(z.trim(), z.minLength(min, { error: tooShort }), z.maxLength(max, { error: tooLong }));
const wholeNumber = (what: string, unit: string, min: number, max: number, tooSmall: string, tooBig: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .check(
      z.refine(Number.isInteger, { error: `${what} must be ${unit}.` }),
      z.gte(min, { error: tooSmall }),
      z.lte(max, { error: tooBig }),
    );

/** What people type into a command, checked with sentences for them. */
export const input = {
  sku: trimmed(1, 40, 'Enter a SKU.', 'A SKU has at most 40 characters.'),
  name: (what: string) => trimmed(1, 80, `Enter ${what}.`, `${what[0]!.toUpperCase()}${what.slice(1)} has at most 80 characters.`),
  id: trimmed(1, 64, 'An id is required.', 'An id has at most 64 characters.'),
  quantity: wholeNumber('Quantity', 'a whole number', 1, 1_000_000, 'Quantity must be at least 1.', 'Quantity must be at most 1,000,000.'),
  priceCents: wholeNumber('Price', 'in whole cents', 0, 100_000_000, 'Price cannot be negative.', 'Price must be at most 1,000,000.00.'),
  stock: wholeNumber('Stock', 'a whole number', 0, 1_000_000_000, 'Stock cannot be negative.', 'Stock must be at most 1,000,000,000.'),
  position: z.number().check(z.refine(Number.isInteger), z.gte(0)),
  email: z
    .string()
    .check(
      z.trim(),
      z.maxLength(254, { error: 'An email address has at most 254 characters.' }),
      z.regex(/^[^\s@]+@[^\s@]+$/, { error: 'Enter an email address like name@example.com.' }),
    ),
};

/** What recorded events hold. */
const atLeast = (min: number) => z.number().check(z.refine(Number.isInteger), z.gte(min));
export const recorded = {
  atLeast,
  cents: atLeast(0),
  count: atLeast(0),
  positive: atLeast(1),
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: atLeast(1), unitPriceCents: atLeast(0) })).check(z.minLength(1)),
};

export const restorePurpose = z.enum(['restore', 'undo', 'redo']);
