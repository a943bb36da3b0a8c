import type { ImportedInvoice, ImportedProduct, ImportPlan } from '../domain';
import { matchColumns, type ColumnKey, type ColumnMatch } from './columns';
import { DateReader, type DateEvidence, type DateOrder } from './dates';
import { DomainError } from '../es';
import { importLimits as limits } from './limits';
import { parseDecimal, parseInteger } from './numbers';

export type SkipReason = 'stock-code' | 'invoice-number' | 'price' | 'sale-quantity' | 'return-quantity';

export const skipReasonText: Record<SkipReason, string> = {
  'stock-code': 'no stock code',
  'invoice-number': 'no invoice number',
  price: 'price not above zero',
  'sale-quantity': 'sale with a quantity not above zero',
  'return-quantity': 'return with a quantity not below zero',
};

export interface MalformedRow {
  line: number;
  reason: string;
}

/** The report's figures; amounts in cents. */
export interface ImportFigures {
  rowsRead: number;
  malformedRows: number;
  skippedRows: number;
  orders: number;
  grossSalesCents: number;
  returns: number;
  returnedAmountCents: number;
  netSalesCents: number;
  products: number;
  /** Distinct customer ids; the Guest customer is not counted. */
  customers: number;
}

export interface HistoryReading {
  header: string[];
  columns: Partial<Record<ColumnKey, string>>;
  /** The first data rows as the file has them (trimmed), for the preview. */
  preview: string[][];
  dateOrder: DateOrder;
  dateEvidence: DateEvidence;
  /** The first malformed rows (all of them up to a limit; `figures.malformedRows` counts all). */
  malformed: MalformedRow[];
  skipped: Record<SkipReason, number>;
  figures: ImportFigures;
  plan: ImportPlan;
}

export interface ReaderOptions {
  previewRows?: number;
  malformedListed?: number;
}

/**
 * Applies the import's rules to a file's records as they stream by, keeping only what the plan
 * needs: one entry per product, customer and invoice, and per valid row a three-number line.
 * Rows themselves are dropped as soon as they are read.
 */
export class HistoryReader {
  private match: ColumnMatch | null = null;
  private header: string[] = [];
  private readonly dates: DateReader;
  private readonly preview: string[][] = [];
  private readonly malformed: MalformedRow[] = [];
  private readonly skipped: Record<SkipReason, number> = {
    'stock-code': 0,
    'invoice-number': 0,
    price: 0,
    'sale-quantity': 0,
    'return-quantity': 0,
  };
  private readonly products = new Map<string, ImportedProduct>();
  private readonly invoices = new Map<string, ImportedInvoice>();
  private readonly customers = new Set<string>();
  /** Each invoice's total so far, in cents, kept below the largest exact integer. */
  private readonly invoiceTotals = new Map<string, number>();
  private rowsRead = 0;
  private malformedRows = 0;
  private skippedRows = 0;
  private grossSalesCents = 0;
  private returnedAmountCents = 0;
  private readonly previewRows: number;
  private readonly malformedListed: number;

  constructor(
    readonly dateOrder: DateOrder,
    options: ReaderOptions = {},
  ) {
    this.dates = new DateReader(dateOrder);
    this.previewRows = options.previewRows ?? 10;
    this.malformedListed = options.malformedListed ?? 1_000;
  }

  get rows(): number {
    return this.rowsRead;
  }

  /** Takes one record (fields as parsed, untrimmed) and the line it starts on. */
  readonly accept = (fields: string[], line: number): void => {
    if (isBlank(fields)) return;
    if (!this.match) {
      if (fields.some((f) => f.includes('\u0000'))) {
        throw new DomainError(
          'utf-16',
          'The file looks like UTF-16 text without a byte-order mark and with a header this reader cannot place, so it was not read. ' +
            'Save it as UTF-8 (or as UTF-16 with a byte-order mark) and import it again.',
        );
      }
      this.match = matchColumns(fields);
      this.header = fields.map((f) => f.trim());
      return;
    }
    this.rowsRead += 1;
    if (this.preview.length < this.previewRows) this.preview.push(fields.map((f) => f.trim()));
    const { index, fieldCount } = this.match;
    if (fields.length !== fieldCount) {
      this.reject(line, `wrong number of fields (${fields.length}; the header has ${fieldCount})`);
      return;
    }
    const quantityText = fields[index.quantity]!.trim();
    const priceText = fields[index.unitPrice]!.trim();
    const dateText = fields[index.invoiceDate]!.trim();
    const invoiceNo = fields[index.invoiceNo]!.trim();
    const sku = fields[index.stockCode]!.trim();
    const description = index.description < 0 ? '' : fields[index.description]!.trim();
    const customerId = index.customerId < 0 ? '' : fields[index.customerId]!.trim();
    const quantity = parseInteger(quantityText);
    const price = parseDecimal(priceText);
    const at = this.dates.read(dateText);
    const problems: string[] = [];
    if (quantity === null) {
      problems.push(
        WHOLE.test(quantityText)
          ? `quantity ${quote(quantityText)} is out of range (at most ${count(limits.quantity)} either way)`
          : `quantity ${quote(quantityText)} is not an integer`,
      );
    } else if (Math.abs(quantity) > limits.quantity) {
      problems.push(`quantity ${quote(quantityText)} is out of range (at most ${count(limits.quantity)} either way)`);
    }
    if (price === null) {
      problems.push(
        NUMBER.test(priceText)
          ? `price ${quote(priceText)} is out of range (at most ${MAX_PRICE})`
          : `price ${quote(priceText)} is not a number`,
      );
    } else if (price.cents > limits.priceCents) {
      problems.push(`price ${quote(priceText)} is out of range (at most ${MAX_PRICE})`);
    }
    if (at === null) problems.push(`date ${quote(dateText)} cannot be read`);
    tooLong(problems, 'invoice number', invoiceNo, limits.invoiceChars);
    tooLong(problems, 'stock code', sku, limits.skuChars);
    tooLong(problems, 'description', description, limits.nameChars);
    tooLong(problems, 'customer id', customerId, limits.idChars);
    if (quantity === null || price === null || at === null || problems.length > 0) {
      this.reject(line, problems.join('; '));
      return;
    }

    const isReturn = invoiceNo.startsWith('C');
    const skip: SkipReason | null =
      sku === ''
        ? 'stock-code'
        : invoiceNo === ''
          ? 'invoice-number'
          : price.sign <= 0
            ? 'price'
            : isReturn
              ? quantity < 0
                ? null
                : 'return-quantity'
              : quantity > 0
                ? null
                : 'sale-quantity';
    if (skip) {
      this.skipped[skip] += 1;
      this.skippedRows += 1;
      return;
    }

    const units = Math.abs(quantity);
    // At most 1,000,000 × 100,000,000: an exact integer. The sums are checked before they grow.
    const amount = units * price.cents;
    const known = this.products.get(sku);
    const invoiceTotal = (this.invoiceTotals.get(invoiceNo) ?? 0) + amount;
    if (isReturn ? this.returnedAmountCents + amount > limits.totalCents : this.grossSalesCents + amount > limits.totalCents) {
      this.reject(line, `amounts out of range: the file's ${isReturn ? 'returned amount' : 'gross sales'} would pass ${MAX_TOTAL}`);
      return;
    }
    if (invoiceTotal > limits.totalCents) {
      this.reject(line, `amounts out of range: invoice ${quote(invoiceNo)} would total more than ${MAX_TOTAL}`);
      return;
    }
    if (!isReturn && (known?.stock ?? 0) + units > limits.stock) {
      this.reject(line, `quantity out of range: the sales of ${quote(sku)} would pass ${count(limits.stock)} units`);
      return;
    }
    this.invoiceTotals.set(detach(invoiceNo), invoiceTotal);

    let product = known;
    if (!product) {
      product = { sku: detach(sku), name: detach(description), priceCents: price.cents, stock: 0 };
      this.products.set(product.sku, product);
    } else if (product.name === '' && description !== '') {
      product.name = detach(description);
    }
    if (customerId !== '' && !this.customers.has(customerId)) this.customers.add(detach(customerId));

    let invoice = this.invoices.get(invoiceNo);
    if (!invoice) {
      invoice = {
        invoiceNo: detach(invoiceNo),
        kind: isReturn ? 'return' : 'sale',
        customerId: customerId === '' ? null : detach(customerId),
        at,
        lines: [],
      };
      this.invoices.set(invoice.invoiceNo, invoice);
    }
    invoice.lines.push({ sku: product.sku, quantity: units, unitPriceCents: price.cents });
    if (isReturn) {
      this.returnedAmountCents += amount;
    } else {
      product.stock += units;
      this.grossSalesCents += amount;
    }
  };

  finish(): HistoryReading {
    if (!this.match) throw new DomainError('empty-file', 'The file is empty.');
    if (this.rowsRead === 0) {
      throw new DomainError('no-rows', 'The file has a header row but no rows under it, so there is nothing to import.');
    }
    // Array sort is stable, and the map holds invoices in file order: equal dates keep it.
    const invoices = [...this.invoices.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const product of this.products.values()) if (product.name === '') product.name = product.sku;
    const orders = invoices.filter((i) => i.kind === 'sale').length;
    return {
      header: this.header,
      columns: this.match.found,
      preview: this.preview,
      dateOrder: this.dateOrder,
      dateEvidence: { ...this.dates.evidence },
      malformed: this.malformed,
      skipped: { ...this.skipped },
      figures: {
        rowsRead: this.rowsRead,
        malformedRows: this.malformedRows,
        skippedRows: this.skippedRows,
        orders,
        grossSalesCents: this.grossSalesCents,
        returns: invoices.length - orders,
        returnedAmountCents: this.returnedAmountCents,
        netSalesCents: this.grossSalesCents - this.returnedAmountCents,
        products: this.products.size,
        customers: this.customers.size,
      },
      plan: { products: this.products, invoices },
    };
  }

  private reject(line: number, reason: string): void {
    this.malformedRows += 1;
    if (this.malformed.length < this.malformedListed) this.malformed.push({ line, reason });
  }
}

function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** A whole number, or a decimal, too long for the readers in numbers.ts. */
const WHOLE = /^[+-]?\d+(?:\.0*)?$/;
const NUMBER = /^[+-]?\d+(?:\.\d*)?$/;
const count = (n: number) => n.toLocaleString('en-GB');
const money = (cents: number) => `${count(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, '0')}`;
const MAX_PRICE = money(limits.priceCents);
const MAX_TOTAL = money(limits.totalCents);

function tooLong(problems: string[], what: string, text: string, max: number): void {
  if (text.length > max) problems.push(`${what} of ${count(text.length)} characters ${quote(text)} is too long (at most ${max})`);
}

function quote(text: string): string {
  return text === '' ? '(blank)' : `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/**
 * A copy of a string that does not pin the text it was cut from: V8 keeps a substring as a view
 * into its parent (here a whole parsed piece of the file), so a few kept names could hold the
 * whole file in memory. Flattening a concatenation makes a string of its own.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}
