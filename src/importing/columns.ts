import { ValidationError } from '../es';

export type ColumnKey = 'invoiceNo' | 'stockCode' | 'description' | 'quantity' | 'invoiceDate' | 'unitPrice' | 'customerId' | 'country';

/** Header names per column, as the "Online Retail" export and its "Online Retail II" form spell them. */
const aliases: Record<ColumnKey, readonly string[]> = {
  invoiceNo: ['InvoiceNo', 'Invoice'],
  stockCode: ['StockCode'],
  description: ['Description'],
  quantity: ['Quantity'],
  invoiceDate: ['InvoiceDate'],
  unitPrice: ['UnitPrice', 'Price'],
  customerId: ['CustomerID', 'Customer ID'],
  country: ['Country'],
};

const required: ReadonlyArray<{ key: ColumnKey; what: string }> = [
  { key: 'invoiceNo', what: 'the invoice number' },
  { key: 'stockCode', what: 'the stock code' },
  { key: 'quantity', what: 'the quantity' },
  { key: 'invoiceDate', what: 'the invoice date' },
  { key: 'unitPrice', what: 'the unit price' },
];

export const columnKeys = Object.keys(aliases) as ColumnKey[];

/** Where each known column sits in a row; -1 when the file does not have it. */
export type ColumnIndex = Record<ColumnKey, number>;

export interface ColumnMatch {
  index: ColumnIndex;
  /** The header text each found column was matched from. */
  found: Partial<Record<ColumnKey, string>>;
  fieldCount: number;
}

const normalize = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');

/**
 * Finds the known columns in a header row, by name, ignoring case, spaces and underscores;
 * order is free and unknown columns are ignored. A file without a required column is refused.
 */
export function matchColumns(header: readonly string[]): ColumnMatch {
  const names = header.map(normalize);
  const index = {} as ColumnIndex;
  const found: Partial<Record<ColumnKey, string>> = {};
  for (const key of columnKeys) {
    const wanted = aliases[key].map(normalize);
    const at = names.findIndex((n) => wanted.includes(n));
    index[key] = at;
    if (at >= 0) found[key] = header[at]!.trim();
  }
  const missing = required.filter((r) => index[r.key] < 0);
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((m) => ({
        path: m.key,
        message: `The file has no column for ${m.what} (${aliases[m.key].map((a) => `"${a}"`).join(' or ')}).`,
      })),
    );
  }
  return { index, found, fieldCount: header.length };
}
