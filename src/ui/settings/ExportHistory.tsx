import { useState } from 'react';
import { useHistory } from '../runtimeContext';
import { countOf } from '../../domain';
import { fileTarget } from './saveFile';
import { TaskOutcome, TaskProgress } from './taskParts';

type Export = { step: 'idle' } | { step: 'exporting'; written: number; total: number } | { step: 'done'; sentence: string; ok: boolean };

/** The file name of an export made today: rewind-history-YYYY-MM-DD.ndjson. */
export const exportFileName = (now = new Date()) => `rewind-history-${now.toISOString().slice(0, 10)}.ndjson`;

/** Export history: the whole log as one NDJSON file, streamed from a worker, with progress. */
export function ExportHistory() {
  const history = useHistory();
  const [state, setState] = useState<Export>({ step: 'idle' });
  const exportFile = async () => {
    const name = exportFileName();
    let target;
    try {
      target = await fileTarget(name, 'application/x-ndjson', '.ndjson');
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'AbortError')
        setState({ step: 'done', sentence: `The file could not be created: ${String(error)}`, ok: false });
      return;
    }
    setState({ step: 'exporting', written: 0, total: 0 });
    try {
      const header = await history.exportFile(
        (bytes) => target.write(bytes),
        (written, total) => setState({ step: 'exporting', written, total }),
      );
      await target.finish();
      setState({ step: 'done', sentence: `Exported ${countOf(header.eventCount, 'event')} to ${name}.`, ok: true });
    } catch (error) {
      await target.abort().catch(() => undefined);
      setState({ step: 'done', sentence: error instanceof Error ? error.message : String(error), ok: false });
    }
  };
  return (
    <div className="export-history">
      <p>
        <button type="button" onClick={() => void exportFile()} disabled={state.step === 'exporting'}>
          Export history
        </button>{' '}
        Saves every event, with its hash, as one file (NDJSON) that Rewind can verify and import.
      </p>
      {state.step === 'exporting' && <TaskProgress label="Exporting history" value={state.written} max={state.total} done="written" />}
      {state.step === 'done' && (
        <TaskOutcome ok={state.ok} testId="export-result">
          {state.sentence}
        </TaskOutcome>
      )}
    </div>
  );
}
