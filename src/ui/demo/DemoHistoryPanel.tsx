import { useId, useState } from 'react';
import { useGateway, usePresentView, useReadOnly, useTimeline } from '../runtimeContext';
import { cancelDemoRun, count, startDemoRun, useDemoRun, type DemoPlace } from './demoRun';

const sizes = [10_000, 100_000, 1_000_000];

/**
 * Fills the log with a realistic, seeded shop history, so anyone can see the timeline at scale.
 * On an empty shop the offer shows it; in Settings it shows once the shop has events.
 */
export function DemoHistoryPanel({ place }: { place: DemoPlace }) {
  const gateway = useGateway();
  const readOnly = useReadOnly();
  const inBranch = useTimeline((t) => t.branch !== null);
  const progress = useDemoRun((r) => r.progress);
  const outcome = useDemoRun((r) => r.outcome);
  const [size, setSize] = useState(sizes[0]!);
  const titleId = useId();
  const sizeId = useId();
  const runningFrom = useDemoRun((r) => r.runningFrom);
  const empty = usePresentView((v) => v.position === 0);
  const running = progress !== null;
  if (place === 'settings' && (empty || runningFrom === 'offer')) return null;

  return (
    <section className="demo-history" aria-labelledby={titleId}>
      <h3 id={titleId}>Demo history</h3>
      <p className="muted">
        Up to six months of trading, ending today and after anything the shop already holds, in opening hours, busiest at weekends and in a
        sale week. Customers arrive, fill carts, use discount codes, check out and pay; orders ship, come back or are cancelled; stock is
        refilled and prices change — all sent as ordinary commands, the same each time.
      </p>
      <div className="inline-form">
        <label htmlFor={sizeId}>Events</label>
        <select id={sizeId} value={size} onChange={(e) => setSize(Number(e.target.value))} disabled={running}>
          {sizes.map((s) => (
            <option key={s} value={s}>
              {count(s)}
            </option>
          ))}
        </select>
        <button onClick={() => void startDemoRun(gateway, size, place)} disabled={running || readOnly || inBranch}>
          Generate demo history ({count(size)} events)
        </button>
        {running && (
          <button className="secondary" onClick={cancelDemoRun}>
            Cancel
          </button>
        )}
      </div>
      {running && (
        <p role="status">
          <progress max={progress.target} value={progress.events} aria-label="Demo history progress" /> {count(progress.events)} of{' '}
          {count(progress.target)} events
        </p>
      )}
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={outcome.kind === 'error' ? 'error' : undefined}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
