import { useState } from 'react';
import { describeError } from '../common/describeError';
import { ArchivedNote } from '../common/ArchivedNote';
import { ErrorMessage } from '../common/ErrorMessage';
import { usePresentView, useTimeline, useTimelineControls } from '../runtimeContext';
import { BranchBar } from './BranchBar';
import { CausationView } from './CausationView';
import { DensityChart } from './DensityChart';
import { DiffView } from './DiffView';
import { EventList } from './EventList';
import { Inspector } from './Inspector';
import { Scrubber } from './Scrubber';
import { shortcutHelp } from './TimelineShortcuts';
import { useSingleKeyShortcuts } from './singleKeyChoice';

const tabs = ['Events', 'Inspector', 'Diff', 'Causation'] as const;

/** The time machine: plot, scrubber, actions at the cursor, and the event list / inspectors. */
export function TimelinePanel() {
  const timeline = useTimelineControls();
  const cursor = useTimeline((t) => t.cursor);
  const viewedEvent = useTimeline((t) => t.viewedEvent);
  const build = useTimeline((t) => t.build);
  const skips = useTimeline((t) => t.skips);
  const notice = useTimeline((t) => t.notice);
  const branchMarks = useTimeline((t) => t.branchMarks);
  const present = usePresentView((v) => v.position);
  const start = usePresentView((v) => v.origin?.position ?? 0);
  const [singleKeys, setSingleKeys] = useSingleKeyShortcuts();
  const [tab, setTab] = useState<(typeof tabs)[number]>('Events');
  const [picked, setPicked] = useState<number[]>([]);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    setConfirmRestore(false);
    setError(null);
    try {
      await timeline.restoreTo(cursor!);
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section id="timeline-panel" className="timeline-panel" aria-label="Timeline">
      <DensityChart cursorTime={viewedEvent ? Date.parse(viewedEvent.at) : null} branchTimes={branchMarks} />
      <Scrubber />
      <ArchivedNote />
      <p className="muted shortcut-help">
        Keyboard, from anywhere but a text field:{' '}
        {shortcutHelp.map(([a, b, what], i) => (
          <span key={a}>
            {i > 0 && ' · '}
            <kbd>{a}</kbd>
            {b && (
              <>
                {' '}
                <kbd>{b}</kbd>
              </>
            )}{' '}
            {what}
          </span>
        ))}{' '}
        <label>
          <input type="checkbox" checked={singleKeys} onChange={(e) => setSingleKeys(e.target.checked)} /> One-key shortcuts ([ and ])
        </label>
      </p>
      {build && build.built < build.total && (
        <p className="muted" role="status">
          Building checkpoints: <progress max={build.total} value={build.built} aria-label="Checkpoint build progress" />{' '}
          {Math.round((100 * build.built) / Math.max(1, build.total))}%
        </p>
      )}
      <div className="inline-form cursor-actions">
        {cursor !== null && cursor < present && (
          <>
            {confirmRestore ? (
              <>
                <span>Append compensating events so the present equals #{cursor}?</span>
                <button className="danger" onClick={() => void restore()}>
                  Yes, restore
                </button>
                <button className="secondary" onClick={() => setConfirmRestore(false)}>
                  No
                </button>
              </>
            ) : (
              <button className="danger" onClick={() => setConfirmRestore(true)}>
                Restore this point
              </button>
            )}
          </>
        )}
        {cursor !== null && cursor > start && (
          <button className="secondary" onClick={() => void timeline.toggleSkip(cursor)}>
            {skips.has(cursor) ? `Unskip #${cursor}` : `Skip #${cursor}`}
          </button>
        )}
        <BranchBar />
      </div>
      <ErrorMessage message={error} onDismiss={() => setError(null)} />
      {notice && (
        <div role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'error' : 'notice'}>
          {notice.text}
          {notice.details && notice.details.length > 0 && (
            <ul>
              {notice.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div role="tablist" aria-label="Timeline tools" className="subtabs">
        {tabs.map((t) => (
          <button key={t} role="tab" aria-selected={t === tab} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab} className="timeline-tools">
        {tab === 'Events' && <EventList selected={picked} onSelect={setPicked} />}
        {tab === 'Inspector' && <Inspector />}
        {tab === 'Diff' && <DiffView picked={picked} />}
        {tab === 'Causation' && <CausationView />}
      </div>
    </section>
  );
}
