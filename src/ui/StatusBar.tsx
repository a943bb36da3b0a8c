import { describeEvent, namesFrom } from '../domain';
import { useShopView } from './runtimeContext';
import { countOf } from './common/formatCount';

/** Event count and the newest event, always visible. */
export function StatusBar() {
  const position = useShopView((v) => v.position);
  const lastEvent = useShopView((v) => v.lastEvent);
  const shop = useShopView((v) => v.shop);
  return (
    <footer className="status-bar" aria-label="Event log status">
      <span data-testid="event-count">{countOf(position, 'event')}</span>
      {lastEvent && (
        <span className="last-event">
          Last: #{lastEvent.seq} {describeEvent(lastEvent, namesFrom(shop))} ·{' '}
          <time dateTime={lastEvent.at}>{formatTime(lastEvent.at)}</time>
        </span>
      )}
    </footer>
  );
}

export function formatTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}
