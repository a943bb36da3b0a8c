import { usePwaStatus } from './pwaContext';

/** Says whether the device is online; purely informative, since Rewind never needs the network. */
export function OnlineIndicator() {
  const online = usePwaStatus((s) => s.online);
  return (
    <span className={`online-indicator ${online ? 'is-online' : 'is-offline'}`} role="status" data-testid="online-indicator">
      <span className="dot" aria-hidden="true" />
      {online ? 'Online' : 'Offline — everything still works'}
    </span>
  );
}
