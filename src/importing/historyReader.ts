import type { ImportedInvoice, ImportedProduct, ImportPlan } from '../domain';
import { matchColumns, type ColumnKey, type ColumnMatch } from './columns';
import { DateReader, type DateEvidence, type DateOrder } from './dates';
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
    const quantity = parseInteger(quantityText);
    const price = parseDecimal(priceText);
    const at = this.dates.read(dateText);
    if (quantity === null || price === null || at === null) {
      const problems: string[] = [];
      if (quantity === null) problems.push(`quantity ${quote(quantityText)} is not an integer`);
      if (price === null) problems.push(`price ${quote(priceText)} is not a number`);
      if (at === null) problems.push(`date ${quote(dateText)} cannot be read`);
      this.reject(line, problems.join('; '));
      return;
    }

    const invoiceNo = fields[index.invoiceNo]!.trim();
    const sku = fields[index.stockCode]!.trim();
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

    const description = index.description < 0 ? '' : fields[index.description]!.trim();
    const customerId = index.customerId < 0 ? '' : fields[index.customerId]!.trim();
    const units = Math.abs(quantity);
    const amount = units * price.cents;

    let product = this.products.get(sku);
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
    if (!this.match) throw new Error('The file is empty: it has no header row.');
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
