import { useState } from 'react';
import type { Customer } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand } from '../runtimeContext';

export function CustomerRow({ customer }: { customer: Customer }) {
  const { send, error, busy, clearError } = useCommand();
  const [name, setName] = useState(customer.name);
  const [confirming, setConfirming] = useState(false);
  return (
    <li>
      <span className="customer-name">{customer.name}</span>
      {customer.email !== null && <span className="customer-email">{customer.email}</span>}
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label={`New name for ${customer.name}`} />
      <button
        className="secondary"
        disabled={busy}
        onClick={() => send({ type: 'RenameCustomer', customerId: customer.id, name })}
        aria-label={`Rename ${customer.name}`}
      >
        Rename
      </button>
      {confirming ? (
        <>
          <button
            className="danger"
            disabled={busy}
            onClick={() => send({ type: 'DeleteCustomer', customerId: customer.id })}
            aria-label={`Confirm deleting ${customer.name}`}
          >
            Yes, delete
          </button>
          <button className="secondary" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button className="danger" onClick={() => setConfirming(true)} aria-label={`Delete ${customer.name}`}>
          Delete
        </button>
      )}
      <ErrorMessage message={error} onDismiss={clearError} />
    </li>
  );
}
