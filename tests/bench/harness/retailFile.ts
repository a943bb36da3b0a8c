import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';

/** The shared sample of the UCI "Online Retail" export (December 2010; see ../shared/data/README.md). */
export const retailSample = new URL('../../../../shared/data/online-retail-2010-12-subset.csv', import.meta.url);

const DAY_MS = 86_400_000;

/**
 * An order-history file of `rows` order lines in the original export's format, made of copies of
 * the sample: copy k has its invoice numbers raised by k × 10,000 (returns keep their "C") and its
 * dates moved k × 14 days later, so the copies follow each other as one longer history.
 */
export async function buildRetailFile(rows: number): Promise<{ csv: string; rows: number }> {
  const parsed = Papa.parse<string[]>(await readFile(retailSample, 'utf8'), { skipEmptyLines: true });
  const [header, ...lines] = parsed.data;
  if (!header || lines.length === 0) throw new Error('The retail sample is empty.');
  const invoice = header.indexOf('InvoiceNo');
  const date = header.indexOf('InvoiceDate');
  const out: string[][] = [];
  for (let copy = 0; out.length < rows; copy += 1) {
    for (const line of lines) {
      if (out.length === rows) break;
      const row = [...line];
      row[invoice] = shiftInvoice(line[invoice]!, copy * 10_000);
      row[date] = shiftDate(line[date]!, copy * 14 * DAY_MS);
      out.push(row);
    }
  }
  return { csv: Papa.unparse([header, ...out], { newline: '\n' }), rows: out.length };
}

function shiftInvoice(invoice: string, by: number): string {
  const match = /^([A-Za-z]?)(\d+)$/.exec(invoice.trim());
  return match ? `${match[1]}${Number(match[2]) + by}` : invoice;
}

/** "12/1/10 8:26" (m/d/yy H:MM, UTC) moved by `byMs`, written back the same way. */
function shiftDate(text: string, byMs: number): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return text;
  const [, m, d, y, h, min] = match.map(Number) as number[];
  const t = new Date(Date.UTC(2000 + y!, m! - 1, d!, h!, min!) + byMs);
  const yy = String(t.getUTCFullYear() % 100).padStart(2, '0');
  return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${yy} ${t.getUTCHours()}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}
