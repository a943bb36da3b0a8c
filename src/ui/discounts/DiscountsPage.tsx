import { useMemo } from 'react';
import { formatCents, formatOff, type DiscountCode } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand, useShopView } from '../runtimeContext';
import { NewDiscountCodeForm } from './NewDiscountCodeForm';

/** The shop owner's discount codes: create one, switch it off and on. */
export function DiscountsPage() {
  const codes = useShopView((v) => v.shop.discountCodes);
  const list = useMemo(() => [...codes.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)), [codes]);
  return (
    <div className="discounts-page">
      <NewDiscountCodeForm />
      <section className="card" aria-labelledby="codes-title">
        <h2 id="codes-title">
          Discount codes <span className="count">({list.length})</span>
        </h2>
        {list.length === 0 ? (
          <p>No discount codes yet.</p>
        ) : (
          <ul className="customer-list" aria-label="Discount codes">
            {list.map((c) => (
              <CodeRow key={c.code} code={c} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function conditions(c: DiscountCode): string {
  const parts = [
    c.minimumOrderCents !== null && `orders of ${formatCents(c.minimumOrderCents)} or more`,
    c.validFrom && `from ${c.validFrom}`,
    c.validUntil && `until ${c.validUntil}`,
  ].filter(Boolean);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

function CodeRow({ code: c }: { code: DiscountCode }) {
  const { send, error, busy, clearError } = useCommand();
  const type = c.active ? 'DeactivateDiscountCode' : 'ReactivateDiscountCode';
  return (
    <li aria-label={`Code ${c.code}`}>
      <span className="customer-name">
        <strong>{c.code}</strong> {formatOff(c.off)}
        {conditions(c)}
      </span>
      <span className={`status ${c.active ? 'status-paid' : 'status-cancelled'}`}>{c.active ? 'active' : 'inactive'}</span>
      <button
        className="secondary"
        disabled={busy}
        onClick={() => send({ type, code: c.code })}
        aria-label={`${c.active ? 'Deactivate' : 'Activate'} ${c.code}`}
      >
        {c.active ? 'Deactivate' : 'Activate'}
      </button>
      <ErrorMessage message={error} onDismiss={clearError} />
    </li>
  );
}
