import { useState, type FormEvent } from 'react';
import { parseAmountToCents } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { useCommand } from '../runtimeContext';

/** Amounts as typed ("12.50"); a blank optional field is null, text that is no amount reaches the schema as NaN. */
const cents = (text: string) => parseAmountToCents(text) ?? Number.NaN;
const optionalCents = (text: string) => (text.trim() === '' ? null : cents(text));

export function NewDiscountCodeForm() {
  const { send, error, busy, clearError } = useCommand();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState('');
  const [minimum, setMinimum] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [active, setActive] = useState(true);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await send({
      type: 'CreateDiscountCode',
      code,
      off: kind === 'percent' ? { kind, percent: value.trim() === '' ? Number.NaN : Number(value) } : { kind, amountCents: cents(value) },
      minimumOrderCents: optionalCents(minimum),
      validFrom: validFrom || null,
      validUntil: validUntil || null,
      active,
    });
    if (ok) {
      setCode('');
      setValue('');
      setMinimum('');
      setValidFrom('');
      setValidUntil('');
      setActive(true);
    }
  };

  return (
    <section className="card" aria-labelledby="new-code-title">
      <h2 id="new-code-title">New discount code</h2>
      <form onSubmit={submit} className="inline-form" aria-describedby={error ? 'new-code-error' : undefined}>
        <label>
          Code <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="SUMMER10" />
        </label>
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'percent' | 'amount')}>
            <option value="percent">Percentage off</option>
            <option value="amount">Fixed amount off</option>
          </select>
        </label>
        <label>
          {kind === 'percent' ? 'Percent off' : 'Amount off'}{' '}
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            inputMode="decimal"
            placeholder={kind === 'percent' ? '10' : '5.00'}
          />
        </label>
        <label>
          Minimum order (optional) <input value={minimum} onChange={(e) => setMinimum(e.target.value)} inputMode="decimal" />
        </label>
        <label>
          Valid from (optional) <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
        <label>
          Valid until (optional) <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
        <button type="submit" disabled={busy}>
          Create code
        </button>
      </form>
      <ErrorMessage message={error} id="new-code-error" onDismiss={clearError} />
    </section>
  );
}
