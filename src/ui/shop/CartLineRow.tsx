import { useState } from 'react';
import { formatCents, type CartLine, type Product } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand } from '../runtimeContext';

export function CartLineRow({ customerId, line, product }: { customerId: string; line: CartLine; product: Product | undefined }) {
  const { send, error, busy, clearError } = useCommand();
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [shown, setShown] = useState(line.quantity);
  // Follow the read model when the quantity changes elsewhere (another tab, another control).
  if (shown !== line.quantity) {
    setShown(line.quantity);
    setQuantity(String(line.quantity));
  }
  const name = product?.name ?? line.sku;
  return (
    <>
      <tr>
        <td>{name}</td>
        <td>
          <input
            type="number"
            min={1}
            step={1}
            className="qty"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            aria-label={`Quantity of ${name} in cart`}
          />
          <button
            className="secondary"
            disabled={busy}
            onClick={() => send({ type: 'ChangeCartItemQuantity', customerId, sku: line.sku, quantity: Number(quantity) })}
            aria-label={`Update quantity of ${name}`}
          >
            Update
          </button>
        </td>
        <td className="num">{formatCents(line.quantity * (product?.priceCents ?? 0))}</td>
        <td>
          <button
            className="secondary"
            disabled={busy}
            onClick={() => send({ type: 'RemoveItemFromCart', customerId, sku: line.sku })}
            aria-label={`Remove ${name} from cart`}
          >
            Remove
          </button>
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={4}>
            <ErrorMessage message={error} onDismiss={clearError} />
          </td>
        </tr>
      )}
    </>
  );
}
