import { isCollection } from 'immutable';
import { useState } from 'react';
import { formatPath, type FieldChange, type Path } from '../../timeline';
import { useHistory, useShopView, useTimelineControls } from '../runtimeContext';

const MAX_CHILDREN = 200;

function children(value: unknown): Array<[string | number, unknown]> {
  if (isCollection(value)) return [...(value as unknown as Iterable<[string, unknown]>)].slice(0, MAX_CHILDREN);
  if (Array.isArray(value)) return value.slice(0, MAX_CHILDREN).map((v, i) => [i, v]);
  if (value !== null && typeof value === 'object') return Object.entries(value);
  return [];
}

function sizeOf(value: unknown): number {
  if (isCollection(value)) return value.count();
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return 0;
}

const isLeaf = (v: unknown) => v === null || typeof v !== 'object';

function TreeNode({
  name,
  value,
  path,
  onHistory,
}: {
  name: string | number;
  value: unknown;
  path: Path;
  onHistory: (path: Path) => void;
}) {
  if (isLeaf(value)) {
    return (
      <li>
        <span className="key">{name}</span>: <span className="value">{JSON.stringify(value)}</span>{' '}
        {path.length >= 3 && (
          <button className="link" onClick={() => onHistory(path)} aria-label={`History of ${formatPath(path)}`}>
            history
          </button>
        )}
      </li>
    );
  }
  return (
    <li>
      <details>
        <summary>
          <span className="key">{name}</span> <span className="muted">({sizeOf(value)})</span>
        </summary>
        <ul>
          {children(value).map(([k, v]) => (
            <TreeNode key={String(k)} name={k} value={v} path={[...path, k]} onHistory={onHistory} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The read model at the cursor as a collapsible tree; each field can tell which events changed it. */
export function Inspector() {
  const shop = useShopView((v) => v.shop);
  const [history, setHistory] = useState<{ path: Path; changes: FieldChange[] } | null>(null);
  const queries = useHistory();
  const timeline = useTimelineControls();

  const showHistory = async (path: Path) => {
    setHistory({ path, changes: await queries.fieldHistory(path) });
  };

  return (
    <div className="inspector">
      <ul className="tree" aria-label="State at cursor">
        {children(shop).map(([k, v]) => (
          <TreeNode key={String(k)} name={k} value={v} path={[k]} onHistory={(p) => void showHistory(p)} />
        ))}
      </ul>
      {history && (
        <section className="field-history" aria-label="Field history">
          <h3>Which events changed {formatPath(history.path)}?</h3>
          {history.changes.length === 0 ? (
            <p>No event changed it.</p>
          ) : (
            <ol>
              {history.changes.map(({ event, before, after }) => (
                <li key={event.seq}>
                  <button className="link" onClick={() => void timeline.moveTo(event.seq)}>
                    Jump to #{event.seq}
                  </button>{' '}
                  {event.type}: {JSON.stringify(before)} → {JSON.stringify(after)}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
