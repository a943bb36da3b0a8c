import { useState } from 'react';
import { archiveFileName } from '../../state';
import { useHistoryArchive, useShopView, useTimeline } from '../runtimeContext';
import { archivedSentence } from '../common/ArchivedNote';
import { countOf, formatCount } from '../../domain';
import { fileTarget } from './saveFile';
import { TaskOutcome, TaskProgress } from './taskParts';

type Step =
  | { step: 'idle' }
  | { step: 'confirm'; firstKept: number }
  | { step: 'archiving'; written: number; total: number }
  | { step: 'done'; sentence: string; ok: boolean };

/**
 * Archive history before…: saves the events before a chosen one as a history file, then removes
 * them from this browser, the state there standing in for them. The timeline then starts there.
 */
export function ArchiveHistory() {
  const archive = useHistoryArchive();
  const present = useShopView((v) => v.position);
  const origin = useShopView((v) => v.origin);
  const cursor = useTimeline((t) => t.cursor);
  const start = origin?.position ?? 0;
  const [chosen, setChosen] = useState('');
  const [state, setState] = useState<Step>({ step: 'idle' });
  const firstKept = chosen === '' ? (cursor ?? present) + 1 : Number(chosen);
  const archived = firstKept - 1 - start;

  const run = async (kept: number) => {
    const name = archiveFileName(kept);
    let target;
    try {
      target = await fileTarget(name, 'application/x-ndjson', '.ndjson');
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'AbortError')
        setState({ step: 'done', sentence: `The file could not be created: ${String(error)}`, ok: false });
      else setState({ step: 'idle' });
      return;
    }
    setState({ step: 'archiving', written: 0, total: 0 });
    try {
      const made = await archive(
        kept,
        (bytes) => target.write(bytes),
        name,
        (written, total) => setState({ step: 'archiving', written, total }),
      );
      await target.finish();
      await made.compact();
      setState({
        step: 'done',
        sentence: `Archived ${countOf(made.header.eventCount, 'event')}. ${archivedSentence({ position: made.header.lastSeq, archivedAs: name })} Reloading…`,
        ok: true,
      });
      window.location.reload();
    } catch (error) {
      await target.abort().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      setState({ step: 'done', sentence: `Nothing was archived: ${reason}${/[.!]$/.test(reason) ? '' : '.'}`, ok: false });
    }
  };

  return (
    <div className="archive-history">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setState({ step: 'confirm', firstKept });
        }}
      >
        <label htmlFor="archive-before">Archive history before event #</label>
        <input
          id="archive-before"
          type="number"
          inputMode="numeric"
          min={start + 2}
          max={present + 1}
          step={1}
          placeholder={String((cursor ?? present) + 1)}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          disabled={state.step === 'archiving' || present <= start}
        />
        <button type="submit" className="secondary" disabled={state.step === 'archiving' || state.step === 'confirm' || present <= start}>
          Archive history before…
        </button>
      </form>
      <p className="muted">
        Saves the events before it to a file (the export’s format), then removes them from this browser. The shop stays as it is; the
        timeline starts at that point. Importing the file again puts them back.
      </p>
      {state.step === 'confirm' && (
        <div role="alertdialog" aria-labelledby="archive-question" className="notice">
          <p id="archive-question">
            {archived > 0 && state.firstKept <= present + 1
              ? `Events #${formatCount(start + 1)} to #${formatCount(state.firstKept - 1)} (${formatCount(archived)}) will be saved to ${archiveFileName(state.firstKept)} and then removed from this browser. The timeline, what-if, branches and restore will start at #${formatCount(state.firstKept - 1)}.`
              : `Choose an event from #${formatCount(start + 2)} to #${formatCount(present + 1)}.`}
          </p>
          <p>
            {archived > 0 && state.firstKept <= present + 1 && Number.isSafeInteger(state.firstKept) && (
              <button className="danger" onClick={() => void run(state.firstKept)}>
                Archive {countOf(archived, 'event')}
              </button>
            )}{' '}
            <button className="secondary" onClick={() => setState({ step: 'idle' })}>
              Cancel
            </button>
          </p>
        </div>
      )}
      {state.step === 'archiving' && <TaskProgress label="Archiving history" value={state.written} max={state.total} done="written" />}
      {state.step === 'done' && (
        <TaskOutcome ok={state.ok} testId="archive-result">
          {state.sentence}
        </TaskOutcome>
      )}
    </div>
  );
}
