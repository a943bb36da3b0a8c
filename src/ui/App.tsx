import { lazy, Suspense, useCallback, useState } from 'react';
import { usePresentView } from './runtimeContext';
import { currentParams, navigate, useHashRoute } from './common/useHashRoute';
import { CursorInUrl } from './timeline/CursorInUrl';
import { UndoRedo } from './timeline/UndoRedo';
import { DockHandle } from './timeline/DockHandle';
import { useDockHeight } from './timeline/dockHeight';
import { TimelineShortcuts } from './timeline/TimelineShortcuts';
import { StatusBar } from './StatusBar';
import { countOf, formatCount } from '../domain';
import { ShopPage } from './shop/ShopPage';
import { InstallButton } from './pwa/InstallButton';
import { OnlineIndicator } from './pwa/OnlineIndicator';

// The time machine's panel (plot, virtual list, inspectors) loads when first opened.
// Shown only on an empty log, while looking at the past or when an update waits: loaded after the first paint.
const UpdateBanners = lazy(() => import('./pwa/UpdateBanners').then((m) => ({ default: m.UpdateBanners })));
const SampleShopOffer = lazy(() => import('./SampleShopOffer').then((m) => ({ default: m.SampleShopOffer })));
const HistoryLockNotice = lazy(() => import('./HistoryLockNotice').then((m) => ({ default: m.HistoryLockNotice })));
const PastBanner = lazy(() => import('./timeline/PastBanner').then((m) => ({ default: m.PastBanner })));
const TimelinePanel = lazy(() => import('./timeline/TimelinePanel').then((m) => ({ default: m.TimelinePanel })));

// Views other than the shop load on first visit, so the first paint carries only what it shows.
const OrdersPage = lazy(() => import('./orders/OrdersPage').then((m) => ({ default: m.OrdersPage })));
const CustomersPage = lazy(() => import('./customers/CustomersPage').then((m) => ({ default: m.CustomersPage })));
const DiscountsPage = lazy(() => import('./discounts/DiscountsPage').then((m) => ({ default: m.DiscountsPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const ImportPage = lazy(() => import('./import/ImportPage').then((m) => ({ default: m.ImportPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

const views = [
  { path: '/shop', label: 'Shop', Page: ShopPage },
  { path: '/orders', label: 'Orders', Page: OrdersPage },
  { path: '/customers', label: 'Customers', Page: CustomersPage },
  { path: '/discounts', label: 'Discounts', Page: DiscountsPage },
  { path: '/audit', label: 'Audit log', Page: AuditPage },
  { path: '/import', label: 'Import', Page: ImportPage },
  { path: '/settings', label: 'Settings', Page: SettingsPage },
] as const;

export function App() {
  const route = useHashRoute();
  // The present's start-up status: reading it through the timeline would re-render the whole app
  // on every jump.
  const status = usePresentView((v) => v.status);
  const startError = usePresentView((v) => v.startError);
  const progress = usePresentView((v) => v.progress);
  const locked = usePresentView((v) => v.writeLock !== null);
  const current = views.find((v) => v.path === route.path) ?? views[0];
  const [timelineOpen, setTimelineOpen] = useState(() => route.params.has('at'));
  const dock = useDockHeight();
  const toggleTimeline = useCallback(() => setTimelineOpen((o) => !o), []);
  const openTimeline = useCallback(() => setTimelineOpen(true), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Rewind <span className="tagline">shop</span>
        </h1>
        <div role="tablist" aria-label="Views" className="tabs">
          {views.map((view) => (
            <button
              key={view.path}
              role="tab"
              id={`tab-${view.path.slice(1)}`}
              aria-selected={view === current}
              aria-controls="view"
              onClick={() => navigate(view.path, currentParams())}
            >
              {view.label}
            </button>
          ))}
        </div>
        <div className="header-tools">
          <UndoRedo />
          <button className="secondary" aria-expanded={timelineOpen} aria-controls="timeline" onClick={toggleTimeline} title="Alt+T">
            {timelineOpen ? 'Hide timeline' : 'Timeline'}
          </button>
        </div>
        <div className="pwa-tools">
          <OnlineIndicator />
          <InstallButton />
        </div>
      </header>
      {status === 'ready' && (
        <Suspense fallback={null}>
          <PastBanner />
        </Suspense>
      )}
      <Suspense fallback={null}>
        <UpdateBanners />
      </Suspense>
      <main className="main">
        <div id="view" role="tabpanel" aria-labelledby={`tab-${current.path.slice(1)}`} className="view">
          {status === 'starting' && (
            <p role="status">
              Loading the event log… {progress.total > 0 && `${formatCount(progress.replayed)} of ${countOf(progress.total, 'event')}`}
            </p>
          )}
          {locked && (
            <Suspense fallback={null}>
              <HistoryLockNotice />
            </Suspense>
          )}
          {status === 'failed' && !locked && (
            <p role="alert" className="error">
              Rewind could not open its event log: {startError}
            </p>
          )}
          {status === 'ready' && (
            <>
              <Suspense fallback={null}>
                <SampleShopOffer />
              </Suspense>
              <Suspense fallback={<p role="status">Loading…</p>}>
                <current.Page />
              </Suspense>
            </>
          )}
        </div>
      </main>
      {/* Docked at the window's bottom, as browser devtools are: sticky, so the view scrolls above it and never under it. */}
      <div className="dock">
        {status === 'ready' && timelineOpen && (
          <aside id="timeline" className="timeline-dock" style={{ height: dock.height }} aria-label="Time machine">
            <DockHandle height={dock.height} max={dock.max} onResize={dock.setHeight} />
            <Suspense fallback={<p role="status">Opening the timeline…</p>}>
              <TimelinePanel />
            </Suspense>
          </aside>
        )}
        <StatusBar />
      </div>
      <TimelineShortcuts onToggle={toggleTimeline} onOpen={openTimeline} />
      <CursorInUrl />
    </div>
  );
}
