import { isCollection, isKeyed } from 'immutable';

export type Path = readonly (string | number)[];

export interface Change {
  path: Path;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

type Entries = Map<string | number, unknown>;

function entriesOf(value: unknown): Entries | null {
  if (isCollection(value)) {
    const map: Entries = new Map();
    if (isKeyed(value)) value.forEach((v, k) => map.set(k as string, v));
    else value.toIndexedSeq().forEach((v, i) => map.set(i, v));
    return map;
  }
  if (Array.isArray(value)) return new Map(value.map((v, i) => [i, v]));
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value));
  return null;
}

/**
 * Added, removed and changed leaves between two states. Identical references are skipped
 * without looking inside, so two states that share most of their structure diff in time
 * proportional to what changed between them.
 */
export function diff(before: unknown, after: unknown, path: Path = [], out: Change[] = [], limit = 5_000): Change[] {
  if (before === after || out.length >= limit) return out;
  const a = entriesOf(before);
  const b = entriesOf(after);
  if (!a || !b) {
    if (!Object.is(before, after)) out.push({ path, kind: 'changed', before, after });
    return out;
  }
  for (const [key, value] of a) {
    if (!b.has(key)) out.push({ path: [...path, key], kind: 'removed', before: value });
    else diff(value, b.get(key), [...path, key], out, limit);
  }
  for (const [key, value] of b) if (!a.has(key)) out.push({ path: [...path, key], kind: 'added', after: value });
  return out;
}

/** The value at `path`, through Immutable collections, arrays and objects alike. */
export function getPath(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || value === undefined) return undefined;
    if (isCollection(value)) value = (value as unknown as { get(k: unknown): unknown }).get(key);
    else value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function formatPath(path: Path): string {
  return path.join('.');
}
