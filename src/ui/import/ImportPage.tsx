import { formatTime } from '../StatusBar';
import { describeError } from '../common/describeError';
import { ErrorMessage } from '../common/ErrorMessage';
import { useImports, useImportSession, usePresentView, useReadOnly, useTimeline } from '../runtimeContext';
import { FileDrop } from './FileDrop';
import { ImportPreview } from './ImportPreview';
import { ImportReport } from './ImportReport';
import { ReadingProgress, WritingProgress } from './ImportProgress';

/** Start a shop from (or add to it) an order-history export: choose, check, import, report. */
export function ImportPage() {
  const { cancel, changeDateOrder, chooseFile, reset, start } = useImports();
  const step = useImportSession((s) => s.step);
  const failure = useImportSession((s) => s.failure);
  const notice = useImportSession((s) => s.notice);
  const readOnly = useReadOnly();
  const inBranch = useTimeline((t) => t.branch !== null);
  const lastEvent = usePresentView((v) => v.lastEvent);
  const position = usePresentView((v) => v.position);
  const busy = step.kind === 'reading' || step.kind === 'writing';
  const blocked = readOnly || inBranch;

  return (
    <section className="card import" aria-labelledby="import-title">
      <h2 id="import-title">Import order history</h2>
      <p>
        Turns an export of order lines (one row per line) into events at their own dates: products, customers, paid orders and returns.
        {position === 0
          ? ' The shop is empty, so any history can be imported.'
          : lastEvent && ` The shop's last event is from ${formatTime(lastEvent.at)} UTC; a file must not start earlier.`}
      </p>
      <FileDrop onFile={(file) => void chooseFile(file)} disabled={step.kind === 'writing'} />

      {step.kind === 'reading' && <ReadingProgress progress={step.progress} totalBytes={step.file.size} onCancel={cancel} />}

      {(step.kind === 'ready' || step.kind === 'writing') && (
        <>
          <p>
            <strong>{step.file.name}</strong> ({(step.file.size / 1_000_000).toFixed(1)} MB)
            {step.kind === 'ready' && ` read in ${(step.readMs / 1000).toFixed(1)} s.`}
          </p>
          <ImportPreview reading={step.reading} onDateOrder={changeDateOrder} busy={busy} />
          {step.kind === 'ready' ? (
            <div className="buttons">
              <button onClick={() => void start()} disabled={blocked}>
                {step.reading.figures.malformedRows > 0 ? 'Import without the malformed rows' : 'Import'}
              </button>
              <button className="secondary" onClick={reset}>
                Choose another file
              </button>
            </div>
          ) : (
            <WritingProgress written={step.written} total={step.total} onCancel={cancel} />
          )}
          {blocked && step.kind === 'ready' && <p className="muted">Return to the present (and leave any branch) to import.</p>}
        </>
      )}

      {step.kind === 'done' && (
        <>
          <ImportReport fileName={step.file.name} reading={step.reading} written={step.written} />
          <button className="secondary" onClick={reset}>
            Import another file
          </button>
        </>
      )}

      {notice && <p role="status">{notice}</p>}
      <ErrorMessage message={failure ? describeError(failure) : null} />
    </section>
  );
}
