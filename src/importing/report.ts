import { formatCents } from '../domain';
import type { ImportFigures, MalformedRow } from './historyReader';

/** The report's rows, in order, with exactly the labels people (and tests) read them by. */
export const reportRows: ReadonlyArray<{ key: keyof ImportFigures; label: string; amount: boolean }> = [
  { key: 'rowsRead', label: 'Rows read', amount: false },
  { key: 'malformedRows', label: 'Malformed rows', amount: false },
  { key: 'skippedRows', label: 'Skipped rows', amount: false },
  { key: 'orders', label: 'Orders', amount: false },
  { key: 'grossSalesCents', label: 'Gross sales', amount: true },
  { key: 'returns', label: 'Returns', amount: false },
  { key: 'returnedAmountCents', label: 'Returned amount', amount: true },
  { key: 'netSalesCents', label: 'Net sales', amount: true },
  { key: 'products', label: 'Products', amount: false },
  { key: 'customers', label: 'Customers', amount: false },
];

/** Amounts with two decimals, counts as whole numbers. */
export function formatFigure(figures: ImportFigures, key: keyof ImportFigures): string {
  const row = reportRows.find((r) => r.key === key)!;
  return row.amount ? formatCents(figures[key]) : figures[key].toLocaleString('en-GB');
}

export interface ReportFacts {
  fileName: string;
  importId: string;
  importedAt: string;
  dateOrder: string;
  events: number;
  malformed: readonly MalformedRow[];
}

/** The downloadable report: the same figures, amounts in cents, plus where they came from. */
export function reportJson(figures: ImportFigures, facts: ReportFacts): string {
  const { fileName, importId, importedAt, dateOrder, events, malformed } = facts;
  return JSON.stringify({ file: fileName, importId, importedAt, dateOrder, events, figures, malformed }, null, 2);
}
