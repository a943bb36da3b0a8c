import { useState } from 'react';
import { countOf } from '../../domain';

/**
 * Offered when sync stopped because this device's own events cannot be decided again (made before
 * sync was set up, an import, a demo history): the one way on is the shop's history from the
 * server in place of this device's, after the user has said yes.
 */
export function TakeUpstream({ pending, onConfirm }: { pending: number; onConfirm: () => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="take-upstream" role="group" aria-label="Use the server's history">
      <p>
        This device can go on syncing with the shop on the server only by taking the server&rsquo;s history in place of its own. Its{' '}
        {countOf(pending, 'event')} not on the server would be removed from it: to keep a copy, export this device&rsquo;s history first
        (Settings → History → Export history).
      </p>
      {confirming ? (
        <p>
          <button onClick={onConfirm}>Yes, replace this device&rsquo;s history</button>{' '}
          <button className="secondary" onClick={() => setConfirming(false)}>
            Not now
          </button>
        </p>
      ) : (
        <button onClick={() => setConfirming(true)}>Use the server&rsquo;s history on this device…</button>
      )}
    </div>
  );
}
