import { useEffect, useMemo, useState } from 'react';
import { describeShopChanges, type ShopState } from '../../domain';
import { diff, formatPath } from '../../timeline';
import { useHistory, usePresentView, useTimeline } from '../runtimeContext';
import { RawToggle } from './RawToggle';
import './readable.css';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
/** A diff of a bulk import can touch thousands of entities; the first ones are enough to read. */
const MAX_GROUPS = 300;

/** What differs between the cursor and the present, or between two shift-clicked events, in the shop's words. */
export function DiffView({ picked }: { picked: number[] }) {
  const history = useHistory();
  const present = usePresentView((v) => v.shop);
  const presentPosition = usePresentView((v) => v.position);
  const cursor = useTimeline((t) => t.cursor);
  const viewed = useTimeline((t) => t.viewed);
  const [raw, setRaw] = useState(false);
  const [pairShops, setPairShops] = useState<{ key: string; shops: [ShopState, ShopState] } | null>(null);
  const pair = picked.length === 2 ? ([...picked].sort((a, b) => a - b) as [number, number]) : null;
  const pairKey = pair ? `${pair[0]}-${pair[1]}` : null;
  const label = pair ? `#${pair[0]} → #${pair[1]}` : `#${cursor ?? presentPosition} (cursor) → present`;

  useEffect(() => {
    if (!pair) return;
    let live = true;
    void history.shopsAt(pair[0], pair[1]).then((shops) => live && setPairShops({ key: `${pair[0]}-${pair[1]}`, shops }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pairKey, history]);

  const shops: [ShopState, ShopState] | null = pair ? (pairShops?.key === pairKey ? pairShops.shops : null) : [viewed ?? present, present];
  const [before, after] = shops ?? [null, null];
  const groups = useMemo(() => (before && after ? describeShopChanges(before, after) : null), [before, after]);
  // The raw table walks every leaf; it is worked out only while someone looks at it.
  const changes = useMemo(() => (raw && before && after ? diff(before, after) : null), [raw, before, after]);

  return (
    <section aria-label="Diff">
      <h3>Changes {label}</h3>
      <p className="muted">Shift-click two events in the list to compare them instead.</p>
      <RawToggle raw={raw} onChange={setRaw} label="Show raw paths" />
      {groups === null ? (
        <p>Comparing…</p>
      ) : raw && changes ? (
        changes.length === 0 ? (
          <p>No differences.</p>
        ) : (
          <table className="diff">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Change</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={formatPath(c.path) + c.kind} className={`diff-${c.kind}`}>
                  <td>{formatPath(c.path)}</td>
                  <td>{c.kind}</td>
                  <td>{show(c.before)}</td>
                  <td>{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : groups.length === 0 ? (
        <p>No differences.</p>
      ) : (
        <>
          <ul className="change-groups" aria-label="Changes by entity">
            {groups.slice(0, MAX_GROUPS).map((g) => (
              <li key={`${g.collection}/${g.id}`} className={`change-group change-${g.kind}`}>
                <h4>{g.heading}</h4>
                <ul>
                  {g.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {groups.length > MAX_GROUPS && <p className="muted">… and {groups.length - MAX_GROUPS} more changed.</p>}
        </>
      )}
    </section>
  );
}
