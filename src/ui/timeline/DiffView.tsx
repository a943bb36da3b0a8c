import { useEffect, useState } from 'react';
import { diff, formatPath, type Change } from '../../timeline';
import { useHistory, usePresentView, useTimeline } from '../runtimeContext';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** What differs between the cursor and the present, or between two shift-clicked events. */
export function DiffView({ picked }: { picked: number[] }) {
  const history = useHistory();
  const present = usePresentView((v) => v.shop);
  const presentPosition = usePresentView((v) => v.position);
  const cursor = useTimeline((t) => t.cursor);
  const viewed = useTimeline((t) => t.viewed);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const pair = picked.length === 2 ? ([...picked].sort((a, b) => a - b) as [number, number]) : null;
  const label = pair ? `#${pair[0]} → #${pair[1]}` : `#${cursor ?? presentPosition} (cursor) → present`;

  useEffect(() => {
    let live = true;
    const run = async () => {
      if (pair) {
        const changes = await history.changesBetween(pair[0], pair[1]);
        if (live) setChanges(changes);
      } else {
        setChanges(diff(viewed ?? present, present));
      }
    };
    void run();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pair?.[0], pair?.[1], viewed, present, history]);

  return (
    <section aria-label="Diff">
      <h3>Changes {label}</h3>
      <p className="muted">Shift-click two events in the list to compare them instead.</p>
      {changes === null ? (
        <p>Comparing…</p>
      ) : changes.length === 0 ? (
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
      )}
    </section>
  );
}
