import { useMemo } from 'react';
import type { Product } from '../../domain';
import { useShopView } from '../runtimeContext';
import { ProductRow } from './ProductRow';

export function Catalog({ customerId }: { customerId: string | null }) {
  const products = useShopView((v) => v.shop.products);
  const list = useMemo(() => [...products.values()].sort((a: Product, b: Product) => a.name.localeCompare(b.name)), [products]);
  return (
    <section className="card catalog" aria-labelledby="catalog-title">
      <h2 id="catalog-title">Catalog</h2>
      {list.length === 0 ? (
        <p>No products yet.</p>
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
    </section>
  );
}
