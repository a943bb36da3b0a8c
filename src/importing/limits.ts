/**
 * The limits commands put on what they store (src/domain/fields.ts), as the import applies them
 * to each row: an imported product, customer or order must be one that commands can go on to
 * restock, rename, add to a cart or ship. tests/unit/importing/limits.test.ts checks that they
 * agree with the command schemas.
 */
export const importLimits = {
  /** A SKU (the stock code). */
  skuChars: 40,
  /** A product name (the description). */
  nameChars: 80,
  /** A customer id. */
  idChars: 64,
  /** The order or return id is "inv-" and the invoice number: an id of at most 64 characters. */
  invoiceChars: 60,
  /** Units of one row, sold or returned. */
  quantity: 1_000_000,
  /** 1,000,000.00 */
  priceCents: 100_000_000,
  /** What a product's sales may take out of stock, the most a product can be registered with. */
  stock: 1_000_000_000,
  /** Every sum of amounts (gross sales, returned amount, an invoice's total) stays an exact integer. */
  totalCents: Number.MAX_SAFE_INTEGER,
} as const;
