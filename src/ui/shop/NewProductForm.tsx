import { useState, type FormEvent } from 'react';
import { parseAmountToCents } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand } from '../runtimeContext';

export function NewProductForm() {
  const { send, error, busy, clearError } = useCommand();
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('0');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const priceCents = parseAmountToCents(price);
    const ok = await send({
      type: 'RegisterProduct',
      sku,
      name,
      priceCents: priceCents ?? Number.NaN,
      stock: stock.trim() === '' ? Number.NaN : Number(stock),
    });
    if (ok) {
      setSku('');
      setName('');
      setPrice('');
      setStock('0');
    }
  };

  return (
    <section className="card" aria-labelledby="new-product-title">
      <h2 id="new-product-title">New product</h2>
      <form onSubmit={submit} className="inline-form">
        <label>
          SKU <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </label>
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Price <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" placeholder="12.50" />
        </label>
        <label>
          Stock <input type="number" min={0} value={stock} onChange={(e) => setStock(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Add product
        </button>
      </form>
      <ErrorMessage message={error} onDismiss={clearError} />
    </section>
  );
}
