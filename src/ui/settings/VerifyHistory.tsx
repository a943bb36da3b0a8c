import { useState } from 'react';
import type { ChainProblem, ChainVerdict } from '../../es';
import { useHistory } from '../runtimeContext';
import { formatCount } from '../../domain';
import { TaskOutcome, TaskProgress } from './taskParts';

const problemWords: Record<ChainProblem, string> = {
  changed: 'its content does not match its hash',
  missing: 'it is missing from the log',
  unreadable: 'it cannot be read as an event',
};

/** What a check found, in one sentence. */
export function verdictSentence(verdict: ChainVerdict): string {
  const from = verdict.from > 0 ? `, from the archive anchor at event #${formatCount(verdict.from)}` : '';
  if (verdict.intact)
    return verdict.events === 1 ? `The 1 event verified${from}.` : `All ${formatCount(verdict.events)} events verified${from}.`;
  return `Broken at event #${formatCount(verdict.brokenAt)}: ${problemWords[verdict.problem]}. Events after it cannot be trusted either.`;
}

type Check = { step: 'idle' } | { step: 'checking'; checked: number; total: number } | { step: 'done'; sentence: string; intact: boolean };

/** Verify history: checks the whole hash chain (in a worker) with progress, and says what it found. */
export function VerifyHistory() {
  const history = useHistory();
  const [check, setCheck] = useState<Check>({ step: 'idle' });
  const verify = async () => {
    setCheck({ step: 'checking', checked: 0, total: 0 });
    try {
      const verdict = await history.verifyChain((checked, total) => setCheck({ step: 'checking', checked, total }));
      setCheck({ step: 'done', sentence: verdictSentence(verdict), intact: verdict.intact });
    } catch (error) {
      setCheck({ step: 'done', sentence: error instanceof Error ? error.message : String(error), intact: false });
    }
  };
  return (
    <div className="verify-history">
      <p>
        <button type="button" onClick={() => void verify()} disabled={check.step === 'checking'}>
          Verify history
        </button>{' '}
        Checks that no stored event was changed, removed or damaged since it was written.
      </p>
      {check.step === 'checking' && <TaskProgress label="Verifying history" value={check.checked} max={check.total} done="checked" />}
      {check.step === 'done' && (
        <TaskOutcome ok={check.intact} testId="verify-result">
          {check.sentence}
        </TaskOutcome>
      )}
    </div>
  );
}
