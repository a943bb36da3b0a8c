import { useEffect, useState } from 'react';
import type { HistoryFileHeader } from '../es';
import { useHistoryBackup } from './runtimeContext';
import { countOf, formatCount } from '../domain';

/**
 * After a loss: what the rolling backup in this browser holds, and restoring it (checked as any
 * history file, then written over what is left). Shown only when the backup holds more.
 */
export function BackupOffer({ has }: { has: number }) {
  const backup = useHistoryBackup();
  const [found, setFound] = useState<HistoryFileHeader | null>(null);
  const [state, setState] = useState<{ step: 'idle' | 'restoring' } | { step: 'failed'; reason: string }>({ step: 'idle' });
  useEffect(() => {
    let live = true;
    backup.find().then(
      (header) => live && setFound(header),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [backup]);
  if (!found || found.eventCount <= has) return null;
  const restore = async () => {
    setState({ step: 'restoring' });
    try {
      await backup.restore();
      window.location.reload();
    } catch (error) {
      setState({ step: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="backup-offer" data-testid="backup-offer">
      <p>
        This browser keeps a backup of the history: it holds {countOf(found.eventCount, 'event')}, saved{' '}
        {new Date(found.createdAt).toLocaleString('en-GB')}. Restoring checks every one of them and puts them back in place of the{' '}
        {formatCount(has)} left.
      </p>
      <button onClick={() => void restore()} disabled={state.step === 'restoring'}>
        Restore {countOf(found.eventCount, 'event')} from the backup
      </button>
      {state.step === 'failed' && (
        <p role="alert" className="error">
          The backup was not restored: {state.reason} Nothing was changed.
        </p>
      )}
    </div>
  );
}
