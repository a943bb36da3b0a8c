import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

/** The real sample, beside the project (../shared/data from its root). */
export const onlineRetailSamplePath = fileURLToPath(new URL('../../../shared/data/online-retail-2010-12-subset.csv', import.meta.url));

/** Rows of the full "Online Retail" data set, the size the import must handle. */
export const FULL_DATA_SET_ROWS = 541_909;

export interface BuiltFile {
  path: string;
  rows: number;
  copies: number;
  bytes: number;
}

const DAY = 86_400_000;
/** Each copy starts two weeks after the one before; the sample spans 1–13 December 2010. */
const COPY_SHIFT_DAYS = 14;
/** Added to invoice numbers per copy; the sample's invoices lie within 536365–539999. */
const INVOICE_SHIFT = 10_000;

/**
 * Writes a file of `rows` order lines made by repeating the sample: copy k has its invoice
 * numbers raised by k × 10,000 (returns keep their C) and its dates moved k × 14 days later, so
 * copies never overlap in time or invoice numbers. Stock codes and customer ids stay as they are.
 * Fields go through Papa Parse both ways, so quoted descriptions survive.
 */
export async function buildOnlineRetailFile(path: string, rows = FULL_DATA_SET_ROWS): Promise<BuiltFile> {
  const parsed = Papa.parse<string[]>(readFileSync(onlineRetailSamplePath, 'utf8'), { skipEmptyLines: 'greedy' }).data;
  const [header, ...sample] = parsed;
  const invoiceAt = header!.indexOf('InvoiceNo');
  const dateAt = header!.indexOf('InvoiceDate');
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(Papa.unparse([header!], { newline: '\r\n' }));
  let written = 0;
  let copy = 0;
  for (; written < rows; copy += 1) {
    const take = sample.slice(0, Math.min(sample.length, rows - written));
    const shifted = take.map((row) => {
      const next = [...row];
      next[invoiceAt] = shiftInvoice(row[invoiceAt]!, copy * INVOICE_SHIFT);
      next[dateAt] = shiftDate(row[dateAt]!, copy * COPY_SHIFT_DAYS * DAY);
      return next;
    });
    await write(`\r\n${Papa.unparse(shifted, { newline: '\r\n' })}`);
    written += take.length;
  }
  out.end();
  await once(out, 'finish');
  return { path, rows: written, copies: copy, bytes };
}

function shiftInvoice(invoice: string, by: number): string {
  const match = /^([A-Za-z]*)(\d+)$/.exec(invoice);
  return match ? `${match[1]}${Number(match[2]) + by}` : invoice;
}

/** "12/1/10 8:26" (m/d/yy H:MM, UTC) moved by `ms`, written back in the same form. */
function shiftDate(text: string, ms: number): string {
  const match = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+)$/.exec(text);
  if (!match) return text;
  const [, m, d, y, h, min] = match.map(Number) as number[];
  const date = new Date(Date.UTC(2000 + y!, m! - 1, d!, h!, min!) + ms);
  const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${yy} ${date.getUTCHours()}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}
