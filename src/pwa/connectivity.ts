/** The slice of `window` connectivity needs; a fake in tests. */
export interface ConnectivitySource extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  navigator: { onLine: boolean };
}

/**
 * Reports online/offline now and on every change. Only informs: nothing in Rewind waits for the
 * network, so this must never gate a command.
 */
export function watchConnectivity(source: ConnectivitySource, onChange: (online: boolean) => void): () => void {
  const report = () => onChange(source.navigator.onLine);
  report();
  source.addEventListener('online', report);
  source.addEventListener('offline', report);
  return () => {
    source.removeEventListener('online', report);
    source.removeEventListener('offline', report);
  };
}
