import { lazy, Suspense } from 'react';
import { sampleShopCommands } from '../domain';
import { ErrorMessage } from './common/ErrorMessage';
import { useCommand, useReadOnly, useShopView } from './runtimeContext';
import { useDemoRun } from './demo/demoRun';

// Loaded on demand: the generator is only needed by people who ask for a demo history.
const DemoHistoryPanel = lazy(() => import('./demo/DemoHistoryPanel').then((m) => ({ default: m.DemoHistoryPanel })));

/** On an empty log, offers a sample shop built by ordinary commands. */
export function SampleShopOffer() {
  const { sendAll, busy, error, clearError } = useCommand();
  const empty = useShopView((v) => v.position === 0);
  const readOnly = useReadOnly();
  // Stays while a demo history is generated, so its progress stays in view.
  const generating = useDemoRun((r) => r.runningFrom === 'offer');
  if ((!empty && !generating) || readOnly) return null;

  // Sent together, they are decided in order and written in one transaction.
  const load = () => void sendAll(sampleShopCommands());

  return (
    <section className="card offer" aria-labelledby="offer-title">
      <h2 id="offer-title">Your shop is empty</h2>
      <p>
        Every change in Rewind is an event. Start with a few products and customers, or <a href="#/import">import your order history</a>.
      </p>
      <button onClick={load} disabled={busy || generating}>
        Load sample shop
      </button>
      <ErrorMessage message={error} onDismiss={clearError} />
      <Suspense fallback={null}>
        <DemoHistoryPanel place="offer" />
      </Suspense>
    </section>
  );
}
