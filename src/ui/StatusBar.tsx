import { describeEvent, formatWhen, namesFrom } from '../domain';
import { usePresentView, useShopView } from './runtimeContext';
import { countOf } from '../domain';

/** Event count and the newest event in words, always visible; the present names it (the cursor may be before it). */
export function StatusBar() {
  const position = useShopView((v) => v.position);
  const lastEvent = useShopView((v) => v.lastEvent);
  const shown = useShopView((v) => v.shop);
  const present = usePresentView((v) => v.shop);
  return (
    <footer className="status-bar" aria-label="Event log status">
      <span data-testid="event-count">{countOf(position, 'event')}</span>
      {lastEvent && (
        <span className="last-event">
          Last: #{lastEvent.seq} {describeEvent(lastEvent, namesFrom(present, shown))} ·{' '}
          <time dateTime={lastEvent.at}>{formatTime(lastEvent.at)}</time>
        </span>
      )}
    </footer>
  );
}

/** The audit log's and orders' way of showing a moment (kept here, where they import it from). */
export const formatTime = formatWhen;
