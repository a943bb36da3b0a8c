import { useState } from 'react';
import { useShopView } from '../runtimeContext';
import { Catalog } from './Catalog';
import { CartPanel } from './CartPanel';
import { NewProductForm } from './NewProductForm';

/** The catalog, the chosen customer's cart and checkout. */
export function ShopPage() {
  const customers = useShopView((v) => v.shop.customers);
  const active = [...customers.values()].filter((c) => !c.deleted).sort((a, b) => a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState<string>('');
  const customerId = active.some((c) => c.id === chosen) ? chosen : (active[0]?.id ?? '');

  return (
    <div className="shop-page">
      <section className="card" aria-labelledby="shopper-title">
        <h2 id="shopper-title">Shopping as</h2>
        {active.length === 0 ? (
          <p>No customers yet: add one in Customers.</p>
        ) : (
          <>
            <label htmlFor="shopper">Customer</label>{' '}
            <select id="shopper" value={customerId} onChange={(e) => setChosen(e.target.value)}>
              {active.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </>
        )}
      </section>
      <div className="columns">
        <Catalog customerId={customerId || null} />
        {customerId && <CartPanel customerId={customerId} />}
      </div>
      <NewProductForm />
    </div>
  );
}
