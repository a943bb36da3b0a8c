import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { input } from '../../../src/domain/fields';
import { importedOrderId } from '../../../src/domain';
import { importLimits } from '../../../src/importing';

const ok = (schema: z.ZodMiniType, value: unknown) => z.safeParse(schema, value).success;

describe('the import applies the limits of the commands', () => {
  it('allows exactly the lengths the command schemas allow', () => {
    expect([ok(input.sku, 'S'.repeat(importLimits.skuChars)), ok(input.sku, 'S'.repeat(importLimits.skuChars + 1))]).toEqual([true, false]);
    const name = input.name('a product name');
    expect([ok(name, 'N'.repeat(importLimits.nameChars)), ok(name, 'N'.repeat(importLimits.nameChars + 1))]).toEqual([true, false]);
    expect([ok(input.id, '1'.repeat(importLimits.idChars)), ok(input.id, '1'.repeat(importLimits.idChars + 1))]).toEqual([true, false]);
    // The order and return ids are made from the invoice number.
    const invoice = (n: number) => importedOrderId('9'.repeat(n));
    expect([ok(input.id, invoice(importLimits.invoiceChars)), ok(input.id, invoice(importLimits.invoiceChars + 1))]).toEqual([true, false]);
    // A customer's name is made from the id.
    expect(ok(input.name('a name'), `Customer ${'1'.repeat(importLimits.idChars)}`)).toBe(true);
  });

  it('allows exactly the amounts the command schemas allow, and keeps every sum an exact integer', () => {
    expect([ok(input.quantity, importLimits.quantity), ok(input.quantity, importLimits.quantity + 1)]).toEqual([true, false]);
    expect([ok(input.priceCents, importLimits.priceCents), ok(input.priceCents, importLimits.priceCents + 1)]).toEqual([true, false]);
    expect([ok(input.stock, importLimits.stock), ok(input.stock, importLimits.stock + 1)]).toEqual([true, false]);
    expect(Number.isSafeInteger(importLimits.quantity * importLimits.priceCents)).toBe(true);
    expect(importLimits.totalCents).toBe(Number.MAX_SAFE_INTEGER);
  });
});
