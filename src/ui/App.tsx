import { useRuntime, useShopView } from './runtimeContext';
import { navigate, useHashRoute } from './common/useHashRoute';
import { StatusBar } from './StatusBar';
import { ShopPage } from './shop/ShopPage';
import { OrdersPage } from './orders/OrdersPage';
import { CustomersPage } from './customers/CustomersPage';
import { AuditPage } from './audit/AuditPage';
import { SampleShopOffer } from './SampleShopOffer';

const views = [
  { path: '/shop', label: 'Shop', Page: ShopPage },
  { path: '/orders', label: 'Orders', Page: OrdersPage },
  { path: '/customers', label: 'Customers', Page: CustomersPage },
  { path: '/audit', label: 'Audit log', Page: AuditPage },
] as const;

export function App() {
  const route = useHashRoute();
  const status = useShopView((v) => v.status);
  const startError = useShopView((v) => v.startError);
  const progress = useShopView((v) => v.progress);
  const current = views.find((v) => v.path === route.path) ?? views[0];
  useRuntime();

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
              onClick={() => navigate(view.path, route.params)}
            >
              {view.label}
            </button>
          ))}
        </div>
      </header>
      <main id="view" role="tabpanel" aria-labelledby={`tab-${current.path.slice(1)}`} className="view">
        {status === 'starting' && (
          <p role="status">
            Loading the event log…{' '}
            {progress.total > 0 && `${progress.replayed.toLocaleString()} of ${progress.total.toLocaleString()} events`}
          </p>
        )}
        {status === 'failed' && (
          <p role="alert" className="error">
            Rewind could not open its event log: {startError}
          </p>
        )}
        {status === 'ready' && (
          <>
            <SampleShopOffer />
            <current.Page />
          </>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
