import { useEffect } from 'react';
import { formatBytes } from '../../pwa';
import { useShopView } from '../runtimeContext';
import { usePwa, usePwaStatus } from '../pwa/pwaContext';
import { DemoHistoryPanel } from '../demo/DemoHistoryPanel';
import { formatCount } from '../../domain';
import { ArchivedNote } from '../common/ArchivedNote';
import { ArchiveHistory } from './ArchiveHistory';
import { DurabilitySetting } from './DurabilitySetting';
import { ExportHistory } from './ExportHistory';
import { ImportHistoryFile } from './ImportHistoryFile';
import { PersistentStorage } from './PersistentStorage';
import { SyncSettings } from './SyncSettings';
import { VerifyHistory } from './VerifyHistory';

/** About this copy of Rewind (version, events, storage, offline readiness), and what can be done about it. */
export function SettingsPage() {
  const pwa = usePwa();
  const storage = usePwaStatus((s) => s.storage);
  const offlineReady = usePwaStatus((s) => s.offlineReady);
  const installed = usePwaStatus((s) => s.installed);
  const position = useShopView((v) => v.position);

  // Event count changes what the log occupies, so re-read the estimate when it moves.
  useEffect(() => {
    void pwa.refreshStorage();
  }, [pwa, position]);

  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings and about</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd data-testid="app-version">{__APP_VERSION__}</dd>
        <dt>Events in the log</dt>
        <dd data-testid="settings-event-count">{formatCount(position)}</dd>
        <dt>Storage used</dt>
        <dd data-testid="storage-used">{storage?.usage == null ? 'Unknown' : formatBytes(storage.usage)}</dd>
        <dt>Storage available</dt>
        <dd data-testid="storage-available">
          {storage?.quota == null ? 'Unknown' : formatBytes(Math.max(0, storage.quota - (storage.usage ?? 0)))}
        </dd>
        <dt>Persistent storage</dt>
        <dd data-testid="storage-persistent">
          {storage?.persisted == null
            ? 'Unknown'
            : storage.persisted
              ? 'Yes — the browser will not clear Rewind’s data to free space'
              : 'No — the browser may clear Rewind’s data if the disk runs low; installing the app usually helps'}
        </dd>
        <dt>Works offline</dt>
        <dd data-testid="offline-ready">{offlineReady ? 'Yes — every file Rewind needs is stored on this device' : 'Not yet'}</dd>
        <dt>Running as an installed app</dt>
        <dd>{installed ? 'Yes' : 'No'}</dd>
      </dl>
      <PersistentStorage />
      <DurabilitySetting />
      <SyncSettings />
      <section aria-labelledby="settings-history-title">
        <h3 id="settings-history-title">History</h3>
        <ArchivedNote />
        <ExportHistory />
        <ImportHistoryFile />
        <VerifyHistory />
        <ArchiveHistory />
      </section>
      <DemoHistoryPanel place="settings" />
    </section>
  );
}
