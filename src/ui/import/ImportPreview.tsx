import { useId } from 'react';
import { columnKeys, skipReasonText, type ColumnKey, type DateOrder, type SkipReason } from '../../importing';
import type { ReadingSummary } from '../../state';
import { countOf, formatCount } from '../../domain';

const count = formatCount;

const columnNames: Record<ColumnKey, string> = {
  invoiceNo: 'Invoice number',
  stockCode: 'Stock code',
  description: 'Description',
  quantity: 'Quantity',
  invoiceDate: 'Invoice date',
  unitPrice: 'Unit price',
  customerId: 'Customer id',
  country: 'Country',
};

const orderNames: Record<DateOrder, string> = { 'month-first': 'Month first (m/d/y)', 'day-first': 'Day first (d/m/y)' };

interface Props {
  reading: ReadingSummary;
  onDateOrder: (order: DateOrder) => void;
  busy: boolean;
}

/** What the file holds and how it will be read, before anything is written. */
export function ImportPreview({ reading, onDateOrder, busy }: Props) {
  const orderId = useId();
  const { figures, dateEvidence: evidence } = reading;
  const slashed = evidence.dayFirst + evidence.monthFirst + evidence.ambiguous;
  const used = new Set(Object.values(reading.columns));
  const ignored = reading.header.filter((h) => !used.has(h));
  const skipped = (Object.entries(reading.skipped) as Array<[SkipReason, number]>).filter(([, n]) => n > 0);

  return (
    <div className="import-preview">
      <section aria-labelledby={`${orderId}-columns`}>
        <h3 id={`${orderId}-columns`}>Detected columns</h3>
        <dl className="columns-found">
          {columnKeys.map((key) => (
            <div key={key}>
              <dt>{columnNames[key]}</dt>
              <dd>{reading.columns[key] ?? <span className="muted">not in the file</span>}</dd>
            </div>
          ))}
        </dl>
        {ignored.length > 0 && <p className="muted">Ignored: {ignored.join(', ')}</p>}
      </section>

      <section aria-labelledby={`${orderId}-dates`}>
        <h3 id={`${orderId}-dates`}>Dates</h3>
        {slashed === 0 ? (
          <p>The dates are written year first (yyyy-mm-dd), so there is no day/month question. Times are read as UTC.</p>
        ) : (
          <>
            <p>
              Detected: <strong>{orderNames[reading.detectedDateOrder]}</strong> — {count(evidence.dayFirst)} dates can only be day first,{' '}
              {count(evidence.monthFirst)} only month first, {count(evidence.ambiguous)} either way. Times are read as UTC.
            </p>
            <div className="inline-form">
              <label htmlFor={orderId}>Day/month order</label>
              <select id={orderId} value={reading.dateOrder} disabled={busy} onChange={(e) => onDateOrder(e.target.value as DateOrder)}>
                {(Object.keys(orderNames) as DateOrder[]).map((o) => (
                  <option key={o} value={o}>
                    {orderNames[o]}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby={`${orderId}-rows`}>
        <h3 id={`${orderId}-rows`}>First rows</h3>
        <div className="table-scroll">
          <table aria-label="First rows of the file">
            <thead>
              <tr>
                {reading.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {reading.preview.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {figures.malformedRows > 0 && (
        <section aria-labelledby={`${orderId}-malformed`} className="malformed">
          <h3 id={`${orderId}-malformed`}>Malformed rows ({count(figures.malformedRows)})</h3>
          <p>These rows cannot be read and will be left out of the import:</p>
          <ol aria-label="Malformed rows">
            {reading.malformed.map((m) => (
              <li key={m.line}>
                Line {m.line}: {m.reason}
              </li>
            ))}
          </ol>
          {figures.malformedRows > reading.malformed.length && <p>… and {count(figures.malformedRows - reading.malformed.length)} more.</p>}
        </section>
      )}

      <p role="status">
        Ready to import {countOf(figures.orders, 'order')} and {countOf(figures.returns, 'return')} with{' '}
        {countOf(figures.products, 'product')} and {countOf(figures.customers, 'customer')} from {countOf(figures.rowsRead, 'row')}
        {skipped.length > 0 &&
          ` (${count(figures.skippedRows)} skipped: ${skipped.map(([r, n]) => `${count(n)} ${skipReasonText[r]}`).join(', ')})`}
        .
      </p>
    </div>
  );
}
