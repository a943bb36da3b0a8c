import { useDeferredValue, useMemo, useState } from 'react';
import type { Product } from '../../domain';
import { useShopView } from '../runtimeContext';
import { ProductRow } from './ProductRow';
import { formatCount } from '../../domain';

/**
 * Rows rendered at first (more on request): each timeline jump re-renders the changed rows and mounts
 * new ones, so the page is kept small. Why: see docs/decisions/008-timeline-ui-costs.md, "src/ui/shop/Catalog.tsx, PAGE".
 */
const PAGE = 25;

/**
 * The products, a page at a time with a search: an imported shop has thousands, and rendering them
 * all on every event would stall the page.
 */
export function Catalog({ customerId }: { customerId: string | null }) {
  const products = useShopView((v) => v.shop.products);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const search = useDeferredValue(query.trim().toLowerCase());
  const matching = useMemo(() => {
    const all = [...products.values()];
    const found = search ? all.filter((p) => p.name.toLowerCase().includes(search) || p.sku.toLowerCase().includes(search)) : all;
    return found.sort((a: Product, b: Product) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }, [products, search]);
  const list = matching.slice(0, shown);
  return (
    <section className="card catalog" aria-label="Catalog">
      <h2 id="catalog-title">
        Catalog <span className="count">({formatCount(products.size)})</span>
      </h2>
      {products.size > PAGE && (
        <label className="catalog-search">
          Find a product <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name or SKU" />
        </label>
      )}
      {list.length === 0 ? (
        <p>{search ? 'No product matches.' : 'No products yet.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Stock
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <ProductRow key={p.sku} product={p} customerId={customerId} />
            ))}
          </tbody>
        </table>
      )}
      {matching.length > list.length && (
        <button className="secondary" onClick={() => setShown((n) => n + PAGE)}>
          Show more products ({formatCount(matching.length - list.length)} more)
        </button>
      )}
    </section>
  );
}
