import { useState } from 'react';
import type { HistoryFileImport, HistoryFileProgress } from '../../state';
import { useHistoryFileCheck, useShopView } from '../runtimeContext';
import { countOf, formatCount } from '../../domain';
import { TaskOutcome, TaskProgress } from './taskParts';

/** What an import did, by where the file went. */
function importedSentence(file: string, { header, mode }: HistoryFileImport): string {
  const events = countOf(header.eventCount, 'event');
  if (mode.kind === 'restore-archive' && mode.from)
    return `Put back ${countOf(header.eventCount, 'archived event')} from ${file}: the history in this browser now starts after #${formatCount(mode.from.seq)}, every hash verified.`;
  if (mode.kind === 'restore-archive')
    return `Put back ${countOf(header.eventCount, 'archived event')} from ${file}: the whole history is in this browser again, every hash verified.`;
  if (mode.kind === 'continue') return `Added ${events} from ${file} after #${formatCount(mode.from.seq)}; every hash verified.`;
  return `Imported ${events} from ${file}; every hash verified.`;
}

type Step =
  | { step: 'idle' }
  | { step: 'busy'; progress: HistoryFileProgress | null }
  | { step: 'confirm'; file: string; checked: HistoryFileImport }
  | { step: 'done'; sentence: string; ok: boolean };

/**
 * Import history file: a file Rewind exported, checked line by line before anything is written,
 * then written all or nothing; over a shop that has events only once the user agreed to lose them.
 */
export function ImportHistoryFile() {
  const checkFile = useHistoryFileCheck();
  const events = useShopView((v) => v.position);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const refused = (file: string, error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    setState({
      step: 'done',
      sentence: `${file} was not imported. ${reason}${/[.!]$/.test(reason) ? '' : '.'} The history is as it was.`,
      ok: false,
    });
  };
  const write = async (file: string, checked: HistoryFileImport) => {
    setState({ step: 'busy', progress: null });
    try {
      const { reload } = await checked.import((progress) => setState({ step: 'busy', progress }));
      const imported = importedSentence(file, checked);
      setState({ step: 'done', sentence: reload ? `${imported} Reloading…` : imported, ok: true });
      if (reload) window.location.reload();
    } catch (error) {
      refused(file, error);
    }
  };
  const choose = async (file: File) => {
    setState({ step: 'busy', progress: null });
    try {
      const checked = await checkFile(file, (progress) => setState({ step: 'busy', progress }));
      if (checked.replaces === 0) await write(file.name, checked);
      else setState({ step: 'confirm', file: file.name, checked });
    } catch (error) {
      refused(file.name, error);
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
            disabled={state.step === 'busy' || state.step === 'confirm'}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void choose(file);
            }}
          />
        </label>{' '}
        {events === 0 ? 'Brings in a history exported by Rewind.' : 'Replaces this history, after asking.'}
      </p>
      {state.step === 'confirm' && (
        <div role="alertdialog" aria-labelledby="replace-history-question" className="notice">
          <p id="replace-history-question">
            {state.file} holds {countOf(state.checked.header.eventCount, 'event')}, every one verified. Importing it replaces this shop’s
            history: its {countOf(state.checked.replaces, 'event')}, and everything they made (products, customers, carts, orders), will be
            gone from this browser. Export the history first to keep them.
          </p>
          <p>
            <button onClick={() => void write(state.file, state.checked)}>
              Replace the history of {countOf(state.checked.replaces, 'event')}
            </button>{' '}
            <button
              className="secondary"
              onClick={() => {
                state.checked.discard();
                setState({ step: 'done', sentence: `${state.file} was not imported. The history is as it was.`, ok: true });
              }}
            >
              Keep the current history
            </button>
          </p>
        </div>
      )}
      {state.step === 'busy' && state.progress?.phase === 'checking' && (
        <TaskProgress label="Checking history file" value={state.progress.readBytes} max={state.progress.totalBytes}>
          checking every line
        </TaskProgress>
      )}
      {state.step === 'busy' && state.progress?.phase === 'writing' && (
        <TaskProgress label="Writing history" value={state.progress.written} max={state.progress.total} done="written" />
      )}
      {state.step === 'done' && (
        <TaskOutcome ok={state.ok} testId="history-import-result">
          {state.sentence}
        </TaskOutcome>
      )}
    </section>
  );
}
