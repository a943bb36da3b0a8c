import { memo, useState } from 'react';
import { formatCents, parseAmountToCents, whyNotOnSale, type Product } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand } from '../runtimeContext';

/**
 * One product: add to the cart, and the owner's actions (price, restock, discontinue, back on sale). Memoised:
 * a timeline jump re-renders only the rows whose product changed (entities keep their identity
 * in the persistent maps while unchanged).
 */
export const ProductRow = memo(function ProductRow({ product, customerId }: { product: Product; customerId: string | null }) {
  const { send, error, busy, clearError } = useCommand();
  const [quantity, setQuantity] = useState('1');
  const [managing, setManaging] = useState(false);
  const [newPrice, setNewPrice] = useState(() => formatCents(product.priceCents).replace(/,/g, ''));
  const [restock, setRestock] = useState('10');
  // The decider's own refusal, shown before the click instead of after it.
  const notForSale = whyNotOnSale(product);

  const addToCart = () => customerId && send({ type: 'AddItemToCart', customerId, sku: product.sku, quantity: Number(quantity) });
  const changePrice = () => {
    const cents = parseAmountToCents(newPrice);
    return send({ type: 'ChangePrice', sku: product.sku, priceCents: cents ?? Number.NaN });
  };

  return (
    <>
      <tr className={product.discontinued ? 'discontinued' : undefined}>
        <td>
          {product.name}
          {product.discontinued && <span className="badge">discontinued</span>}
        </td>
        <td>{product.sku}</td>
        <td className="num">{formatCents(product.priceCents)}</td>
        <td className="num">{product.stock}</td>
        <td className="actions">
          <input
            type="number"
            min={1}
            step={1}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            aria-label={`Quantity of ${product.name}`}
            className="qty"
          />
          <button
            onClick={addToCart}
            disabled={busy || !customerId || notForSale !== null}
            aria-label={`Add ${product.name} to cart`}
            aria-describedby={notForSale ? `why-${product.sku}` : undefined}
          >
            Add to cart
          </button>
          {notForSale && (
            <>
              <span id={`why-${product.sku}`} className="count">
                {notForSale}
              </span>
              <button
                className="secondary"
                onClick={() => send({ type: 'ReinstateProduct', sku: product.sku })}
                disabled={busy}
                aria-label={`Put ${product.name} back on sale`}
              >
                Put back on sale
              </button>
            </>
          )}
          <button
            className="secondary"
            onClick={() => setManaging((m) => !m)}
            aria-expanded={managing}
            aria-label={`Manage ${product.name}`}
          >
            Manage
          </button>
        </td>
      </tr>
      {managing && (
        <tr className="manage-row">
          <td colSpan={5}>
            <div className="inline-form">
              <label>
                New price{' '}
                <input
                  value={newPrice}
                  onChange={(e) => setNewPrice(e.target.value)}
                  inputMode="decimal"
                  aria-label={`New price of ${product.name}`}
                />
              </label>
              <button onClick={changePrice} disabled={busy} aria-label={`Change price of ${product.name}`}>
                Change price
              </button>
              <label>
                Units{' '}
                <input
                  type="number"
                  min={1}
                  value={restock}
                  onChange={(e) => setRestock(e.target.value)}
                  aria-label={`Units to restock of ${product.name}`}
                />
              </label>
              <button
                onClick={() => send({ type: 'Restock', sku: product.sku, quantity: Number(restock) })}
                disabled={busy}
                aria-label={`Restock ${product.name}`}
              >
                Restock
              </button>
              <button
                className="danger"
                onClick={() => send({ type: 'DiscontinueProduct', sku: product.sku })}
                disabled={busy}
                aria-label={`Discontinue ${product.name}`}
              >
                Discontinue
              </button>
            </div>
          </td>
        </tr>
      )}
      {error && (
        <tr>
          <td colSpan={5}>
            <ErrorMessage message={error} onDismiss={clearError} />
          </td>
        </tr>
      )}
    </>
  );
});
