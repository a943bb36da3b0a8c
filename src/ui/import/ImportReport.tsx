import { formatFigure, reportJson, reportRows } from '../../importing';
import type { ReadingSummary, Written } from '../../state';
import { countOf } from '../../domain';

/** The import's figures, one row each, and the same as JSON (amounts in cents) to download. */
export function ImportReport({ fileName, reading, written }: { fileName: string; reading: ReadingSummary; written: Written }) {
  const { figures } = reading;
  const json = reportJson(figures, {
    fileName,
    importId: written.importId,
    importedAt: written.importedAt,
    dateOrder: reading.dateOrder,
    events: written.events,
    malformed: reading.malformed,
  });
  return (
    <section aria-label="Import report" className="import-report">
      <h3>Import report</h3>
      <p role="status">
        Imported {countOf(written.events, 'event')} (#{written.firstSeq}–#{written.lastSeq}) from {fileName} in{' '}
        {(written.ms / 1000).toFixed(1)} s.
      </p>
      <table>
        <tbody>
          {reportRows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatFigure(figures, row.key)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <a
        href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`}
        download={`import-report-${written.importedAt.slice(0, 10)}.json`}
      >
        Download report (JSON)
      </a>
    </section>
  );
}
