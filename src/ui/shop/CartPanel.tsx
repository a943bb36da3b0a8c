import { formatCents } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand, useShopView } from '../runtimeContext';
import { CartLineRow } from './CartLineRow';

export function CartPanel({ customerId }: { customerId: string }) {
  const cart = useShopView((v) => v.shop.carts.get(customerId));
  const products = useShopView((v) => v.shop.products);
  const customer = useShopView((v) => v.shop.customers.get(customerId));
  const { send, error, busy } = useCommand();
  const lines = cart?.lines ?? [];
  const total = lines.reduce((sum, l) => sum + l.quantity * (products.get(l.sku)?.priceCents ?? 0), 0);

  return (
    <section className="card cart" aria-label={`Cart of ${customer?.name ?? customerId}`}>
      <h2>{customer?.name}'s cart</h2>
      {cart?.pendingCheckout && <p role="status">Checking out… placing the order.</p>}
      {cart?.lastCheckoutError && (
        <p role="alert" className="error">
          Checkout failed: {cart.lastCheckoutError}
        </p>
      )}
      {lines.length === 0 ? (
        <p>The cart is empty.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col" className="num">
                Subtotal
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <CartLineRow key={line.sku} customerId={customerId} line={line} product={products.get(line.sku)} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td className="num" data-testid="cart-total">
                {formatCents(total)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      <div className="buttons">
        <button onClick={() => send({ type: 'CheckoutCart', customerId })} disabled={busy}>
          Checkout
        </button>
        <button className="secondary" onClick={() => send({ type: 'ClearCart', customerId })} disabled={busy}>
          Clear cart
        </button>
      </div>
      <ErrorMessage message={error} />
    </section>
  );
}
