import { formatTime } from '../StatusBar';
import { usePresentView, useTimeline, useTimelineControls } from '../runtimeContext';
import { countOf, formatCount } from '../../domain';

/** Says, on every view, that the app shows the past (or a what-if, or a branch), and the way back. */
export function PastBanner() {
  const timeline = useTimelineControls();
  const cursor = useTimeline((t) => t.cursor);
  // The position whose state is on screen: it trails the cursor while a jump is computed.
  const shown = useTimeline((t) => t.viewedAt ?? t.cursor);
  const event = useTimeline((t) => t.viewedEvent);
  const skips = useTimeline((t) => t.skips.size);
  const flagged = useTimeline((t) => t.flagged.size);
  const branch = useTimeline((t) => t.branch);
  const computing = useTimeline((t) => t.computing);
  const present = usePresentView((v) => v.position);

  if (branch) {
    return (
      <div className="past-banner branch" role="status" aria-label="Branch">
        <strong>Branch “{branch.record.name}”</strong> from #{branch.record.basePosition}: {countOf(branch.eventCount, 'event')} in the
        sandbox. Commands go to the branch only; the event log is untouched.
      </div>
    );
  }
  if (cursor === null && skips === 0) return null;
  return (
    <div className="past-banner" role="status" aria-label="Time travel">
      {cursor !== null ? (
        <strong>
          Viewing #{formatCount(shown ?? cursor)} of {formatCount(present)}
          {event && ` — ${formatTime(event.at)}`}
        </strong>
      ) : (
        <strong>Viewing the present</strong>
      )}
      {skips > 0 && (
        <span>
          {' '}
          · what-if: {skips} skipped, {flagged} flagged
        </span>
      )}
      {computing && <span> · computing…</span>}
      <span> · read-only</span>
      {cursor !== null && (
        <button className="secondary" onClick={() => timeline.returnToPresent()}>
          Return to present
        </button>
      )}
      {skips > 0 && (
        <button className="secondary" onClick={() => void timeline.clearSkips()}>
          Clear skips
        </button>
      )}
    </div>
  );
}
