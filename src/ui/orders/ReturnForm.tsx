import { useState, type FormEvent } from 'react';
import { returnableBySku, whyOrderCannot, type Order } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand } from '../runtimeContext';

/**
 * Return items of a shipped order: a quantity per SKU, at most what was shipped and not yet
 * returned (the decider checks the same, and refuses with its own sentence).
 */
export function ReturnForm({ order }: { order: Order }) {
  const { send, error, busy, clearError } = useCommand();
  const left = returnableBySku(order);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const why = whyOrderCannot(order, 'return');
  const names = new Map(order.lines.map((l) => [l.sku, l.name]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const lines = [...left.keys()].map((sku) => ({ sku, quantity: Number(quantities[sku] || 0) })).filter((l) => l.quantity !== 0);
    if (await send({ type: 'ReturnItems', orderId: order.id, lines })) setQuantities({});
  };

  return (
    // noValidate: the decider says what is wrong, in the same words everywhere, not the browser.
    <form className="return-form" onSubmit={submit} aria-labelledby={`return-title-${order.id}`} noValidate>
      <h3 id={`return-title-${order.id}`}>Return items</h3>
      {why ? (
        <p>{why}</p>
      ) : (
        <>
          <div className="inline-form">
            {[...left].map(([sku, available]) => (
              <label key={sku}>
                {names.get(sku)} <span className="count">({available} left)</span>{' '}
                <input
                  type="number"
                  min={0}
                  max={available}
                  step={1}
                  className="qty"
                  value={quantities[sku] ?? '0'}
                  disabled={available === 0}
                  onChange={(e) => setQuantities((q) => ({ ...q, [sku]: e.target.value }))}
                  aria-label={`Units of ${names.get(sku)} to return`}
                />
              </label>
            ))}
          </div>
          <button type="submit" disabled={busy}>
            Record return and refund
          </button>
        </>
      )}
      <ErrorMessage message={error} onDismiss={clearError} />
    </form>
  );
}
