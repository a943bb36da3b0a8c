import { openAsBlob, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { blobBytes, decodeUtf8, readHistory } from '../../../src/importing';

/** The real sample lives beside the project (../shared/data from its root), never inside it. */
const samplePath = fileURLToPath(new URL('../../../../shared/data/online-retail-2010-12-subset.csv', import.meta.url));

/** Price text → cents, half up, by way of exact thousandths: a second, separate way of counting. */
function centsOf(price: string): bigint {
  const [whole, fraction = ''] = price.split('.');
  const thousandths = BigInt(whole!) * 1000n + BigInt((fraction + '000').slice(0, 3));
  return (thousandths + 5n) / 10n;
}

/** The report's figures computed straight from the raw rows, with BigInt sums. */
function expectedFigures() {
  const rows = Papa.parse<string[]>(readFileSync(samplePath, 'utf8'), { skipEmptyLines: 'greedy' }).data;
  const [header, ...data] = rows;
  const col = (name: string) => header!.indexOf(name);
  const [inv, code, qty, price, cust] = ['InvoiceNo', 'StockCode', 'Quantity', 'UnitPrice', 'CustomerID'].map(col) as number[];
  const orders = new Set<string>();
  const returns = new Set<string>();
  const products = new Set<string>();
  const customers = new Set<string>();
  let gross = 0n;
  let returned = 0n;
  let skipped = 0;
  for (const row of data) {
    const invoice = row[inv!]!.trim();
    const sku = row[code!]!.trim();
    const quantity = BigInt(row[qty!]!.trim());
    const cents = centsOf(row[price!]!.trim());
    const isReturn = invoice.startsWith('C');
    const valid = sku !== '' && cents > 0n && (isReturn ? quantity < 0n : quantity > 0n);
    if (!valid) {
      skipped += 1;
      continue;
    }
    (isReturn ? returns : orders).add(invoice);
    products.add(sku);
    if (row[cust!]!.trim() !== '') customers.add(row[cust!]!.trim());
    if (isReturn) returned += -quantity * cents;
    else gross += quantity * cents;
  }
  return {
    rowsRead: data.length,
    malformedRows: 0,
    skippedRows: skipped,
    orders: orders.size,
    grossSalesCents: Number(gross),
    returns: returns.size,
    returnedAmountCents: Number(returned),
    netSalesCents: Number(gross - returned),
    products: products.size,
    customers: customers.size,
  };
}

describe('the Online Retail sample (December 2010)', () => {
  it('reads to the figures computed independently from its raw rows', async () => {
    const blob = await openAsBlob(samplePath);
    const reading = await readHistory(() => decodeUtf8(blobBytes(blob)));
    const expected = expectedFigures();
    // No price in the sample has more than two decimals, so only exactness is at stake here.
    expect(reading.figures).toEqual(expected);
    expect(expected.rowsRead).toBe(28_492);
    expect(reading.detectedDateOrder).toBe('month-first');
    expect(reading.plan.invoices).toHaveLength(expected.orders + expected.returns);
    const lines = reading.plan.invoices.reduce((n, i) => n + i.lines.length, 0);
    expect(lines).toBe(expected.rowsRead - expected.skippedRows);
    const times = reading.plan.invoices.map((i) => i.at);
    expect(times).toEqual([...times].sort());
    expect(times[0]).toBe('2010-12-01T08:26:00.000Z');
  });
});
