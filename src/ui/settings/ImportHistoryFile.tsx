import { useState } from 'react';
import type { HistoryFileProgress } from '../../state';
import { useHistoryFileImport, useShopView } from '../runtimeContext';
import { formatCount } from '../common/formatCount';

type Step = { step: 'idle' } | { step: 'busy'; progress: HistoryFileProgress | null } | { step: 'done'; sentence: string; ok: boolean };

/** Import history file: a file Rewind exported, checked line by line, written all or nothing into an empty shop. */
export function ImportHistoryFile() {
  const importFile = useHistoryFileImport();
  const events = useShopView((v) => v.position);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const choose = async (file: File) => {
    setState({ step: 'busy', progress: null });
    try {
      const header = await importFile(file, (progress) => setState({ step: 'busy', progress }));
      setState({
        step: 'done',
        sentence: `Imported ${formatCount(header.eventCount)} events from ${file.name}; every hash verified.`,
        ok: true,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setState({
        step: 'done',
        sentence: `${file.name} was not imported. ${reason}${/[.!]$/.test(reason) ? '' : '.'} The history is as it was.`,
        ok: false,
      });
    }
  };
  return (
    <section aria-label="History import" className="history-import">
      <p>
        <label>
          Import history file{' '}
          <input
            type="file"
            accept=".ndjson,application/x-ndjson"
            disabled={state.step === 'busy'}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void choose(file);
            }}
          />
        </label>{' '}
        {events === 0 ? 'Brings in a history exported by Rewind.' : 'Only into an empty shop: this one has events.'}
      </p>
      {state.step === 'busy' && state.progress?.phase === 'checking' && (
        <p>
          <progress aria-label="Checking history file" max={state.progress.totalBytes || 1} value={state.progress.readBytes} /> checking
          every line
        </p>
      )}
      {state.step === 'busy' && state.progress?.phase === 'writing' && (
        <p>
          <progress aria-label="Writing history" max={state.progress.total || 1} value={state.progress.written} />{' '}
          {formatCount(state.progress.written)} of {formatCount(state.progress.total)} events written
        </p>
      )}
      {state.step === 'done' && (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'notice' : 'error'} data-testid="history-import-result">
          {state.sentence}
        </p>
      )}
    </section>
  );
}
