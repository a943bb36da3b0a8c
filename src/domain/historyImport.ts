import * as z from 'zod/mini';
import { DomainError } from '../es';
import { input } from './fields';
import { pending, type ShopPendingEvent } from './events';
import type { PricedLine, ShopState } from './state';
import { customerStream, customerTag, orderStream, productStream, productTag, returnStream } from './streams';

/** One line of an imported invoice; quantities are positive for returns too. */
export interface ImportedLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface ImportedInvoice {
  invoiceNo: string;
  kind: 'sale' | 'return';
  /** null: the file named no customer, so the invoice belongs to the Guest customer. */
  customerId: string | null;
  /** ISO time (UTC) of the invoice. */
  at: string;
  lines: ImportedLine[];
}

export interface ImportedProduct {
  sku: string;
  name: string;
  priceCents: number;
  /** What the file's sales take out of stock, so that the import never sells what is not there. */
  stock: number;
}

/** What an order-history file says, already checked and ordered: invoices by date, file order among equals. */
export interface ImportPlan {
  products: ReadonlyMap<string, ImportedProduct>;
  invoices: readonly ImportedInvoice[];
}

/**
 * What an import needs to know of the shop it goes into: plain lists, so that it can be handed
 * to a worker that decides and writes the import away from the page.
 */
export interface ShopFacts {
  /** Time of the shop's newest event; null for an empty shop. */
  lastEventAt: string | null;
  products: Array<[sku: string, name: string]>;
  customers: string[];
  orders: string[];
  returns: string[];
}

export function shopFacts(state: ShopState, lastEventAt: string | null): ShopFacts {
  return {
    lastEventAt,
    products: [...state.products.values()].map((p) => [p.sku, p.name]),
    customers: [...state.customers.keys()],
    orders: [...state.orders.keys()],
    returns: [...state.returns.keys()],
  };
}

export const guestCustomerId = 'guest';
export const importedOrderId = (invoiceNo: string) => `inv-${invoiceNo}`;
export const importedReturnId = (invoiceNo: string) => `inv-${invoiceNo}`;
const customerName = (customerId: string | null) => (customerId === null ? 'Guest' : `Customer ${customerId}`);

/**
 * The import decider: turns a whole order history into events, or refuses it as a whole.
 * History may only extend the shop's past forward in time, so an import goes into an empty shop
 * or starts no earlier than the shop's newest event. Products and customers are registered (or,
 * for products the shop already has, restocked) at the first invoice that needs them.
 */
export function decideHistoryImport(facts: ShopFacts, plan: ImportPlan): ShopPendingEvent[] {
  const first = plan.invoices[0];
  if (!first) throw new DomainError('nothing-to-import', 'The file holds no valid order or return, so there is nothing to import.');
  const { lastEventAt } = facts;
  if (lastEventAt !== null && first.at < lastEventAt) {
    throw new DomainError(
      'import-before-last-event',
      `The file starts on ${formatDay(first.at)}, before the shop's last event on ${formatDay(lastEventAt)}. ` +
        'Order history can only be added after what the shop already holds, so nothing was imported.',
      { firstAt: first.at, lastEventAt },
    );
  }

  checkPlanLimits(plan);

  const shopProducts = new Map(facts.products);
  const shopCustomers = new Set(facts.customers);
  const shopInvoices = { sale: new Set(facts.orders), return: new Set(facts.returns) };
  const events: ShopPendingEvent[] = [];
  const seenProducts = new Set<string>();
  const seenCustomers = new Set<string>();
  const at = (event: ShopPendingEvent, time: string): void => void events.push({ ...event, at: time });

  for (const invoice of plan.invoices) {
    const id = invoice.kind === 'sale' ? importedOrderId(invoice.invoiceNo) : importedReturnId(invoice.invoiceNo);
    if (shopInvoices[invoice.kind].has(id)) {
      throw new DomainError(
        'invoice-already-imported',
        `Invoice ${invoice.invoiceNo} is already in the shop; this history seems to have been imported before, so nothing was imported.`,
        { invoiceNo: invoice.invoiceNo },
      );
    }
    for (const line of invoice.lines) {
      if (seenProducts.has(line.sku)) continue;
      seenProducts.add(line.sku);
      const planned = plan.products.get(line.sku);
      if (!planned) throw new Error(`The import plan names no product ${line.sku}.`);
      const tags = [productTag(line.sku)];
      if (!shopProducts.has(line.sku)) {
        const { sku, name, priceCents, stock } = planned;
        at(pending(productStream(sku), 'ProductRegistered', { sku, name, priceCents, stock }, tags), invoice.at);
      } else if (planned.stock > 0) {
        at(pending(productStream(line.sku), 'ProductRestocked', { sku: line.sku, quantity: planned.stock }, tags), invoice.at);
      }
    }

    const customerId = invoice.customerId ?? guestCustomerId;
    const who = customerTag(customerId);
    if (!seenCustomers.has(customerId)) {
      seenCustomers.add(customerId);
      if (!shopCustomers.has(customerId)) {
        at(
          pending(customerStream(customerId), 'CustomerRegistered', { customerId, name: customerName(invoice.customerId), email: null }, [
            who,
          ]),
          invoice.at,
        );
      }
    }

    const lines: PricedLine[] = invoice.lines.map((l) => ({
      sku: l.sku,
      name: shopProducts.get(l.sku) ?? plan.products.get(l.sku)!.name,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
    }));
    let totalCents = 0;
    for (const l of lines) totalCents += l.quantity * l.unitPriceCents;
    if (!Number.isSafeInteger(totalCents)) outOfRange(`Invoice ${invoice.invoiceNo} totals more than can be counted exactly in cents.`);
    const tags = [who, ...new Set(lines.map((l) => productTag(l.sku)))];
    const { invoiceNo } = invoice;
    if (invoice.kind === 'sale') {
      at(pending(orderStream(id), 'OrderImported', { orderId: id, invoiceNo, customerId, lines, totalCents }, tags), invoice.at);
      at(pending(orderStream(id), 'OrderPaid', { orderId: id, amountCents: totalCents }, [who]), invoice.at);
    } else {
      at(
        pending(returnStream(id), 'ReturnRecorded', { returnId: id, invoiceNo, customerId, lines, refundedCents: totalCents }, tags),
        invoice.at,
      );
    }
  }
  return events;
}

const outOfRange = (why: string): never => {
  throw new DomainError('import-out-of-range', `${why} Nothing was imported.`);
};

function within(schema: z.ZodMiniType, value: unknown, what: string): void {
  const result = z.safeParse(schema, value);
  if (!result.success) outOfRange(`${what}: ${result.error.issues[0]?.message ?? 'out of range.'}`);
}

/**
 * What the import registers must be what commands accept (src/domain/fields.ts), or the products
 * and customers it makes could never be restocked, renamed or sold afterwards. The file reader
 * already reports such rows as malformed; this is the decider's own guard, for any other plan.
 */
function checkPlanLimits(plan: ImportPlan): void {
  for (const product of plan.products.values()) {
    within(input.sku, product.sku, `Product ${product.sku.slice(0, 40)}`);
    within(productName, product.name, `Product ${product.sku.slice(0, 40)}`);
    within(input.priceCents, product.priceCents, `Product ${product.sku.slice(0, 40)}`);
    within(input.stock, product.stock, `Product ${product.sku.slice(0, 40)}`);
  }
  for (const invoice of plan.invoices) {
    const what = `Invoice ${invoice.invoiceNo.slice(0, 60)}`;
    within(input.id, importedOrderId(invoice.invoiceNo), what);
    if (invoice.customerId !== null) within(input.id, invoice.customerId, what);
    for (const line of invoice.lines) {
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
        outOfRange(`${what}: a line's quantity must be a whole number from 1 to 1,000,000.`);
      }
      if (!Number.isInteger(line.unitPriceCents) || line.unitPriceCents < 0 || line.unitPriceCents > MAX_PRICE_CENTS) {
        outOfRange(`${what}: a line's price must be whole cents from 0 to 1,000,000.00.`);
      }
    }
  }
}

const productName = input.name('a product name');

/** As input.quantity and input.priceCents allow (checked by hand per line: there are many lines). */
const MAX_LINE_QUANTITY = 1_000_000;
const MAX_PRICE_CENTS = 100_000_000;

function formatDay(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
