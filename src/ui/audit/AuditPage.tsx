import { useEffect, useMemo, useState } from 'react';
import { categoryOf, describeEvent, eventTypes, namesFrom } from '../../domain';
import type { StoredEvent } from '../../es';
import { formatTime } from '../StatusBar';
import { useHistory, useShopView, useTimeline } from '../runtimeContext';
import { useAuthors } from '../common/useAuthors';

const PAGE = 100;

/** Every event as a sentence, newest first, read page by page from the log itself (through the history API). */
export function AuditPage() {
  const history = useHistory();
  const present = useShopView((v) => v.position);
  const cursor = useTimeline((t) => t.cursor);
  const flagged = useTimeline((t) => t.flagged);
  const skips = useTimeline((t) => t.skips);
  const position = cursor ?? present;
  const shop = useShopView((v) => v.shop);
  const [type, setType] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [entries, setEntries] = useState<StoredEvent[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    history
      .auditRows({ limit, upTo: position, type, customerId })
      .then((rows) => live && (setEntries(rows), setError(null)))
      .catch((e: unknown) => live && setError(`The audit log could not be read: ${String(e)}`));
    return () => {
      live = false;
    };
  }, [history, position, type, customerId, limit]);

  const names = useMemo(() => namesFrom(shop), [shop]);
  const authors = useAuthors(entries);
  const customers = useMemo(() => [...shop.customers.values()].sort((a, b) => a.name.localeCompare(b.name)), [shop.customers]);

  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="filters inline-form">
        <label htmlFor="audit-type">Event type</label>
        <select id="audit-type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">All types</option>
          {eventTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor="audit-customer">Customer</label>
        <select id="audit-customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
          <option value="">All customers</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.deleted ? ' (deleted)' : ''}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p>No events match.</p>
      ) : (
        <ol className="audit-list" aria-label="Audit entries">
          {entries.map((e) => (
            <li
              key={e.seq}
              className={`category-${categoryOf(e.type)}${skips.has(e.seq) ? ' skipped' : ''}${flagged.has(e.seq) ? ' flagged' : ''}`}
            >
              <span className="seq">#{e.seq}</span> <time dateTime={e.at}>{formatTime(e.at)}</time>{' '}
              <span className="sentence">{describeEvent(e, names)}</span> <span className="type">{e.type}</span>
              {authors.has(e.id) && <span className="device"> by {authors.get(e.id)}</span>}
            </li>
          ))}
        </ol>
      )}
      {entries.length === limit && (
        <button className="secondary" onClick={() => setLimit((n) => n + PAGE)}>
          Show older events
        </button>
      )}
    </section>
  );
}
