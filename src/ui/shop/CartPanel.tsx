import { useState } from 'react';
import { amountOff, formatCents } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand, useShopView } from '../runtimeContext';
import { CartLineRow } from './CartLineRow';

export function CartPanel({ customerId }: { customerId: string }) {
  const cart = useShopView((v) => v.shop.carts.get(customerId));
  const products = useShopView((v) => v.shop.products);
  const customer = useShopView((v) => v.shop.customers.get(customerId));
  const { send, error, busy, clearError } = useCommand();
  const codes = useShopView((v) => v.shop.discountCodes);
  const [codeText, setCodeText] = useState('');
  const lines = cart?.lines ?? [];
  const total = lines.reduce((sum, l) => sum + l.quantity * (products.get(l.sku)?.priceCents ?? 0), 0);
  const applied = cart?.discountCode;
  const found = applied ? codes.get(applied) : undefined;
  const off = found ? amountOff(found, total) : 0;

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
                {found ? 'Subtotal' : 'Total'}
              </th>
              <td className="num" data-testid="cart-total">
                {formatCents(total)}
              </td>
              <td />
            </tr>
            {found && (
              <>
                <tr>
                  <th scope="row" colSpan={2}>
                    Discount ({found.code})
                  </th>
                  <td className="num" data-testid="cart-discount">
                    −{formatCents(off)}
                  </td>
                  <td />
                </tr>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total after discount
                  </th>
                  <td className="num" data-testid="cart-total-after-discount">
                    {formatCents(total - off)}
                  </td>
                  <td />
                </tr>
              </>
            )}
          </tfoot>
        </table>
      )}
      {applied ? (
        <p className="inline-form">
          Code <strong>{applied}</strong> applied
          <button className="secondary" onClick={() => send({ type: 'RemoveDiscountCode', customerId })} disabled={busy}>
            Remove code
          </button>
        </p>
      ) : (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await send({ type: 'ApplyDiscountCode', customerId, code: codeText })) setCodeText('');
          }}
        >
          <label>
            Discount code <input value={codeText} onChange={(e) => setCodeText(e.target.value)} />
          </label>
          <button type="submit" className="secondary" disabled={busy}>
            Apply code
          </button>
        </form>
      )}
      <div className="buttons">
        <button onClick={() => send({ type: 'CheckoutCart', customerId })} disabled={busy}>
          Checkout
        </button>
        <button className="secondary" onClick={() => send({ type: 'ClearCart', customerId })} disabled={busy}>
          Clear cart
        </button>
      </div>
      <ErrorMessage message={error} onDismiss={clearError} />
    </section>
  );
}
