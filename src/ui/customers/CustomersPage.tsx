import { useMemo, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand, useShopView } from '../runtimeContext';
import { CustomerRow } from './CustomerRow';

export function CustomersPage() {
  const customers = useShopView((v) => v.shop.customers);
  const list = useMemo(() => [...customers.values()].filter((c) => !c.deleted).sort((a, b) => a.name.localeCompare(b.name)), [customers]);
  const { send, error, busy } = useCommand();
  const [name, setName] = useState('');

  const register = async (e: FormEvent) => {
    e.preventDefault();
    if (await send({ type: 'RegisterCustomer', customerId: crypto.randomUUID(), name })) setName('');
  };

  return (
    <div className="customers-page">
      <section className="card" aria-labelledby="new-customer-title">
        <h2 id="new-customer-title">New customer</h2>
        <form onSubmit={register} className="inline-form">
          <label>
            Customer name <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Add customer
          </button>
        </form>
        <ErrorMessage message={error} />
      </section>
      <section className="card" aria-labelledby="customers-title">
        <h2 id="customers-title">
          Customers <span className="count">({list.length})</span>
        </h2>
        {list.length === 0 ? (
          <p>No customers yet.</p>
        ) : (
          <ul className="customer-list">
            {list.map((c) => (
              <CustomerRow key={c.id} customer={c} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
