import { isCollection } from 'immutable';
import { useMemo, useState } from 'react';
import {
  collectionKeys,
  describeEvent,
  formatValue,
  isInternalId,
  namedValue,
  namesFrom,
  nodeLabel,
  pathInWords,
  type Names,
} from '../../domain';
import { formatPath, type FieldChange, type Path } from '../../timeline';
import { useHistory, usePresentView, useShopView, useTimelineControls } from '../runtimeContext';
import { RawToggle } from './RawToggle';
import './readable.css';

const MAX_CHILDREN = 200;

function children(value: unknown): Array<[string | number, unknown]> {
  if (isCollection(value)) {
    // Stops at the first MAX_CHILDREN: a catalog of 10,000 products is not copied to show 200.
    const first: Array<[string | number, unknown]> = [];
    for (const entry of value as unknown as Iterable<[string, unknown]>) {
      if (first.length === MAX_CHILDREN) break;
      first.push(entry);
    }
    return first;
  }
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

/** How one node reads: raw keys and JSON for developers, or the shop's names and formatted values. */
interface Reading {
  raw: boolean;
  names: Names;
  /** A path in words ("Blue mug › stock"), naming its history button. */
  words: (path: Path) => string;
  onHistory: (path: Path) => void;
}

function TreeNode({ name, value, path, reading }: { name: string | number; value: unknown; path: Path; reading: Reading }) {
  const { raw, names, words, onHistory } = reading;
  const label = raw ? String(name) : nodeLabel(path, value, names);
  if (isLeaf(value)) {
    return (
      <li>
        <span className="key">{label}</span>:{' '}
        <span className="value field-value">
          {raw ? JSON.stringify(value) : (namedValue(name, value, names) ?? formatValue(name, value))}
        </span>{' '}
        {path.length >= 3 && (
          <button className="link" onClick={() => onHistory(path)} aria-label={`History of ${raw ? formatPath(path) : words(path)}`}>
            history
          </button>
        )}
      </li>
    );
  }
  const shown = children(value).filter(([k]) => raw || !isInternalId(k));
  return (
    <li>
      <details>
        <summary>
          <span className="key">{label}</span>
          {/* How many a collection or list holds; an entity's count of fields means nothing to a shop owner. */}
          {(raw || isCollection(value) || Array.isArray(value)) && <span className="muted"> ({sizeOf(value)})</span>}
        </summary>
        <ul>
          {shown.map(([k, v]) => (
            <TreeNode key={String(k)} name={k} value={v} path={[...path, k]} reading={reading} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The read model at the cursor as a collapsible tree; each field can tell which events changed it. */
export function Inspector() {
  const shop = useShopView((v) => v.shop);
  const present = usePresentView((v) => v.shop);
  const [raw, setRaw] = useState(false);
  const [history, setHistory] = useState<{ path: Path; words: string; changes: FieldChange[] } | null>(null);
  const queries = useHistory();
  const timeline = useTimelineControls();
  // The cursor's shop first; the present names what the cursor's past had not heard of yet.
  const names = useMemo(() => namesFrom(shop, present), [shop, present]);

  const showHistory = async (path: Path) => {
    const words = pathInWords(shop, path, names);
    setHistory({ path, words, changes: await queries.fieldHistory(path) });
  };
  const reading: Reading = { raw, names, words: (p) => pathInWords(shop, p, names), onHistory: (p) => void showHistory(p) };
  // The readable tree shows the collections; the raw one every field of the state (lists of ids too).
  const top: Array<[string | number, unknown]> = raw ? children(shop) : collectionKeys.map((key) => [key, shop[key]]);
  const field = history?.path[history.path.length - 1] ?? '';
  const said = (v: unknown) => (raw ? JSON.stringify(v) : (namedValue(field, v, names) ?? formatValue(field, v)));

  return (
    <div className="inspector">
      <RawToggle raw={raw} onChange={setRaw} label="Show raw keys and JSON" />
      <ul className="tree" aria-label="State at cursor">
        {top.map(([k, v]) => (
          <TreeNode key={String(k)} name={k} value={v} path={[k]} reading={reading} />
        ))}
      </ul>
      {history && (
        <section className="field-history" aria-label="Field history">
          <h3>Which events changed {raw ? formatPath(history.path) : history.words}?</h3>
          {history.changes.length === 0 ? (
            <p>No event changed it.</p>
          ) : (
            <ol>
              {history.changes.map(({ event, before, after }) => (
                <li key={event.seq}>
                  <button className="link" onClick={() => void timeline.moveTo(event.seq)}>
                    Jump to #{event.seq}
                  </button>{' '}
                  {raw ? event.type : describeEvent(event, names)}: {said(before)} → {said(after)}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
