import { useMemo, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand, useShopView } from '../runtimeContext';
import { CustomerRow } from './CustomerRow';

/** Customers rendered at a time: a big shop has tens of thousands. */
const PAGE = 200;

export function CustomersPage() {
  const customers = useShopView((v) => v.shop.customers);
  const all = useMemo(
    () => [...customers.values()].filter((c) => !c.deleted).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    [customers],
  );
  const [shown, setShown] = useState(PAGE);
  const list = all.slice(0, shown);
  const { send, error, busy, clearError } = useCommand();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');

  const register = async (e: FormEvent) => {
    e.preventDefault();
    // An email is optional: a blank field sends none, anything else is checked by the command.
    const given = email.trim() === '' ? {} : { email };
    if (await send({ type: 'RegisterCustomer', customerId: crypto.randomUUID(), name, ...given })) {
      setName('');
      setEmail('');
    }
  };

  return (
    <div className="customers-page">
      <section className="card" aria-labelledby="new-customer-title">
        <h2 id="new-customer-title">New customer</h2>
        <form onSubmit={register} className="inline-form">
          <label>
            Customer name <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Email (optional) <input inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </label>
          <button type="submit" disabled={busy}>
            Add customer
          </button>
        </form>
        <ErrorMessage message={error} onDismiss={clearError} />
      </section>
      <section className="card" aria-labelledby="customers-title">
        <h2 id="customers-title">
          Customers <span className="count">({all.length})</span>
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
        {all.length > list.length && (
          <button className="secondary" onClick={() => setShown((n) => n + PAGE)}>
            Show more customers
          </button>
        )}
      </section>
    </div>
  );
}
