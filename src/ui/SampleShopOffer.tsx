import { lazy, Suspense } from 'react';
import { useState } from 'react';
import { sampleShopCommands } from '../domain';
import { describeError } from './common/describeError';
import { ErrorMessage } from './common/ErrorMessage';
import { useReadOnly, useRuntime, useShopView } from './runtimeContext';
import { useDemoRun } from './demo/demoRun';

// Loaded on demand: the generator is only needed by people who ask for a demo history.
const DemoHistoryPanel = lazy(() => import('./demo/DemoHistoryPanel').then((m) => ({ default: m.DemoHistoryPanel })));

/** On an empty log, offers a sample shop built by ordinary commands. */
export function SampleShopOffer() {
  const runtime = useRuntime();
  const empty = useShopView((v) => v.position === 0);
  const readOnly = useReadOnly();
  // Stays while a demo history is generated, so its progress stays in view.
  const generating = useDemoRun((r) => r.runningFrom === 'offer');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if ((!empty && !generating) || readOnly) return null;

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      // Sent together, they are decided in order and written in one transaction.
      await Promise.all(sampleShopCommands().map((c) => runtime.dispatch(c)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card offer" aria-labelledby="offer-title">
      <h2 id="offer-title">Your shop is empty</h2>
      <p>
        Every change in Rewind is an event. Start with a few products and customers, or <a href="#/import">import your order history</a>.
      </p>
      <button onClick={load} disabled={busy || generating}>
        Load sample shop
      </button>
      <ErrorMessage message={error} />
      <Suspense fallback={null}>
        <DemoHistoryPanel place="offer" />
      </Suspense>
    </section>
  );
}
