import { useState, type FormEvent } from 'react';
import { formatCount, namesFrom } from '../../domain';
import type { SyncView } from '../../state';
import { formatTime } from '../StatusBar';
import { usePresentView, useSync, useSyncView } from '../runtimeContext';
import { SyncConflictItem } from './SyncConflictItem';
import { TakeUpstream } from './TakeUpstream';

/** The status line: synced, pending N, offline, paused or what stopped it. */
export function syncStatusSentence(view: SyncView): string {
  switch (view.status) {
    case 'off':
      return 'Not set up: this shop lives in this browser only.';
    case 'paused':
      return view.pending > 0 ? `Paused, ${formatCount(view.pending)} pending.` : 'Paused.';
    case 'syncing':
      return 'Syncing…';
    case 'synced':
      return 'Synced.';
    case 'pending':
      return `Pending: ${formatCount(view.pending)} not yet on the server.`;
    case 'offline':
      return `Offline${view.pending > 0 ? `, ${formatCount(view.pending)} pending` : ''}: retrying${view.retryAt ? ` at ${formatTime(view.retryAt)}` : ''}.`;
    case 'error':
      return `Stopped${view.pending > 0 ? `, ${formatCount(view.pending)} pending` : ''}.`;
  }
}

/** Settings → Sync: the server, device token and shop, where sync stands, pause and resume. */
export function SyncSettings() {
  const sync = useSync();
  const view = useSyncView((v) => v);
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [shopId, setShopId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shop = usePresentView((v) => v.shop);
  if (!sync) return null;
  const names = namesFrom(shop);

  const connect = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await sync.connect({ serverUrl, token, shopId });
      setToken('');
    } catch (error) {
      setProblem(`Not connected, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const act = (work: () => Promise<void>) => () => {
    setProblem(null);
    work().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };

  return (
    <section aria-labelledby="settings-sync-title" className="sync-settings">
      <h3 id="settings-sync-title">Sync</h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="sync-status">
          <span role="status">{syncStatusSentence(view)}</span>
        </dd>
        {view.message && (
          <>
            <dt>Why</dt>
            <dd data-testid="sync-message">{view.message}</dd>
          </>
        )}
        {view.serverUrl && (
          <>
            <dt>Server</dt>
            <dd data-testid="sync-server">
              {view.serverUrl}, shop {view.shopId}
              {view.deviceName ? `, as ${view.deviceName}` : ''}
            </dd>
            <dt>Events on the server</dt>
            <dd data-testid="sync-confirmed">{formatCount(view.confirmed)}</dd>
            <dt>Last sync</dt>
            <dd data-testid="sync-last">{view.lastSyncAt ? formatTime(view.lastSyncAt) : 'Not yet'}</dd>
          </>
        )}
      </dl>
      {view.remedy === 'take-upstream' && view.status === 'error' && (
        <TakeUpstream pending={view.pending} onConfirm={act(() => sync.takeUpstream())} />
      )}
      {view.serverUrl && (
        <p className="buttons">
          {view.status === 'paused' ? (
            <button type="button" onClick={act(() => sync.setPaused(false))}>
              Resume sync
            </button>
          ) : (
            <button type="button" onClick={act(() => sync.setPaused(true))}>
              Pause sync
            </button>
          )}
          <button type="button" onClick={act(() => sync.disconnect())}>
            Stop syncing with this server
          </button>
        </p>
      )}
      <section aria-labelledby="sync-conflicts-title">
        <h4 id="sync-conflicts-title">Sync conflicts</h4>
        {view.conflicts.length === 0 ? (
          <p>None: every change made here reached the server as it was.</p>
        ) : (
          <ul className="sync-conflicts" aria-label="Sync conflicts">
            {view.conflicts.map((c) => (
              <SyncConflictItem key={c.commandId} conflict={c} names={names} onDismiss={act(() => sync.dismissConflict(c.commandId))} />
            ))}
          </ul>
        )}
      </section>
      <form className="sync-form" onSubmit={(e) => void connect(e)} aria-label="Sync server">
        <label htmlFor="sync-url">Server address</label>
        <input
          id="sync-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://sync.example.com"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          required
        />
        <label htmlFor="sync-token">Device token</label>
        <input id="sync-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
        <label htmlFor="sync-shop">Shop</label>
        <input id="sync-shop" autoComplete="off" value={shopId} onChange={(e) => setShopId(e.target.value)} required />
        <p>
          <button type="submit" disabled={busy}>
            {view.serverUrl ? 'Connect with these settings instead' : 'Connect'}
          </button>
        </p>
      </form>
      {problem && (
        <p role="alert" className="error" data-testid="sync-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
