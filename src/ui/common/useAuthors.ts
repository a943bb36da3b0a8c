import { useEffect, useState } from 'react';
import type { StoredEvent } from '../../es';
import { useSync, useSyncView } from '../runtimeContext';

const none: ReadonlyMap<string, string> = new Map();

/** The device that wrote each of these events, for those synced with a server (by event id). */
export function useAuthors(events: readonly (StoredEvent | undefined)[]): ReadonlyMap<string, string> {
  const sync = useSync();
  // New confirmations (own pushes, pulled events) may name more of them.
  const confirmed = useSyncView((v) => v.confirmed);
  const [authors, setAuthors] = useState(none);
  const ids = events.flatMap((e) => (e ? [e.id] : [])).join(' ');
  useEffect(() => {
    if (!sync || ids === '') return;
    let live = true;
    sync
      .authorsOf(ids.split(' '))
      .then((found) => live && setAuthors(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sync, ids, confirmed]);
  return authors;
}
