import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import type { Customer, ShopState } from '../../domain';
import { useShopView } from '../runtimeContext';
import { Catalog } from './Catalog';
import { CartPanel } from './CartPanel';

// Below the catalog and needed only to add products: loaded after the first paint.
const NewProductForm = lazy(() => import('./NewProductForm').then((m) => ({ default: m.NewProductForm })));

/** Most customers the picker lists at once; a big shop is searched, not scrolled. */
const PICKER_LIMIT = 200;

/**
 * Up to PICKER_LIMIT active customers whose name matches, sorted, plus the chosen one. Stops at the
 * limit and sorts the few kept: this runs on every timeline jump, with tens of thousands of
 * customers.
 */
function pickable(customers: ShopState['customers'], search: string, chosen: string): Customer[] {
  const kept: Customer[] = [];
  for (const c of customers.values()) {
    if (kept.length >= PICKER_LIMIT) break;
    if (!c.deleted && c.id !== chosen && (!search || c.name.toLowerCase().includes(search))) kept.push(c);
  }
  const chosenCustomer = chosen ? customers.get(chosen) : undefined;
  if (chosenCustomer && !chosenCustomer.deleted) kept.push(chosenCustomer);
  return kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The catalog, the chosen customer's cart and checkout. */
export function ShopPage() {
  const customers = useShopView((v) => v.shop.customers);
  const [chosen, setChosen] = useState<string>('');
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query.trim().toLowerCase());
  const active = useMemo(() => pickable(customers, search, chosen), [customers, search, chosen]);
  const customerId = active.some((c) => c.id === chosen) ? chosen : (active[0]?.id ?? '');

  return (
    <div className="shop-page">
      <section className="card" aria-labelledby="shopper-title">
        <h2 id="shopper-title">Shopping as</h2>
        {active.length === 0 && !search ? (
          <p>No customers yet: add one in Customers.</p>
        ) : (
          <div className="inline-form">
            <label htmlFor="shopper">Customer</label>
            <select id="shopper" value={customerId} onChange={(e) => setChosen(e.target.value)}>
              {active.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {customers.size > PICKER_LIMIT && (
              <label>
                Find a customer <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
              </label>
            )}
          </div>
        )}
      </section>
      <div className="columns">
        <Catalog customerId={customerId || null} />
        {customerId && <CartPanel customerId={customerId} />}
      </div>
      <Suspense fallback={null}>
        <NewProductForm />
      </Suspense>
    </div>
  );
}
