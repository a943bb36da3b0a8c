import { useState } from 'react';
import type { PersistenceOutcome } from '../../pwa';
import { usePwa } from '../pwa/pwaContext';
import { TaskOutcome } from './taskParts';

const outcomeWords: Record<PersistenceOutcome, string> = {
  granted: 'Granted: the browser will keep Rewind’s data even when the disk runs low.',
  refused:
    'The browser said no. It decides by its own rules (an installed or often-used app is usually kept); Rewind works the same, and the rolling backup and Export history still protect the history.',
  unavailable: 'This browser cannot be asked to keep data; export the history now and then to keep a copy.',
};

/** Asks for persistent storage (navigator.storage.persist()) and says what the browser answered. */
export function PersistentStorage() {
  const pwa = usePwa();
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; sentence: string } | null>(null);
  const ask = async () => {
    setAsking(true);
    try {
      const answer = await pwa.askPersistence();
      setOutcome({ ok: true, sentence: outcomeWords[answer] });
    } catch (error) {
      setOutcome({ ok: false, sentence: `The browser could not be asked: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setAsking(false);
    }
  };
  return (
    <div className="persistent-storage">
      <p>
        <button type="button" onClick={() => void ask()} disabled={asking}>
          Ask to keep data
        </button>{' '}
        Asks the browser not to clear Rewind’s data when the disk runs low.
      </p>
      {outcome && (
        <TaskOutcome ok={outcome.ok} testId="persist-result">
          {outcome.sentence}
        </TaskOutcome>
      )}
    </div>
  );
}
