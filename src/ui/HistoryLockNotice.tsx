import { countOf } from '../domain';
import { useState } from 'react';
import { lockSentence } from '../state';
import { usePresentView, useStartOver } from './runtimeContext';
import { BackupOffer } from './BackupOffer';

/**
 * Says why this tab will not write (a newer build's, damaged or shrunken history) and the way out.
 * Loaded only when a lock is set, so a healthy start-up never carries it.
 */
export function HistoryLockNotice() {
  const lock = usePresentView((v) => v.writeLock);
  const startOver = useStartOver();
  const [confirming, setConfirming] = useState(false);
  if (!lock) return null;

  return (
    <section className="card error history-lock" role="alert" aria-labelledby="history-lock-title">
      <h2 id="history-lock-title">
        {lock.reason === 'newer-build' ? 'A newer version wrote here' : 'Rewind will not change this history'}
      </h2>
      <p data-testid="history-lock-message">{lockSentence(lock)}</p>
      {lock.reason === 'newer-build' && <button onClick={() => window.location.reload()}>Reload</button>}
      {lock.reason === 'damaged' && (
        <p>
          Keep what is here: do not clear this site’s data. <a href="#/settings">Export what is readable</a> (Settings → History → Export
          history) and keep the file, and restore the history from a backup if you have one. Until then you can look around, but nothing can
          be changed.
        </p>
      )}
      {lock.reason === 'lost-events' && (
        <>
          <p>
            The browser discarded {lock.has === 0 ? 'the whole history' : 'part of the history'}
            {lock.replaced ? ' (this is a different database from the one Rewind last wrote to)' : ''}. If you have a backup, restore it
            before going on. Starting over keeps what is left and lets you make changes again; without a backup, the lost events cannot be
            brought back.
          </p>
          <BackupOffer has={lock.has} />
          {confirming ? (
            <p>
              <button onClick={() => void startOver()}>Yes, start over with {countOf(lock.has, 'event')}</button>{' '}
              <button className="secondary" onClick={() => setConfirming(false)}>
                Not now
              </button>
            </p>
          ) : (
            <button onClick={() => setConfirming(true)}>Start over…</button>
          )}
        </>
      )}
    </section>
  );
}
