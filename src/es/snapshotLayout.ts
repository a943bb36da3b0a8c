import type { SnapshotRow } from './eventLogDb';
import { StringMap } from './stringMap';

/**
 * How a snapshot's keyed rows (state rows "m:…", stream versions "v:…") sit in the
 * `snapshotRows` table: a base and an overlay, like a log-structured store.
 *
 * - The base holds every row of one full save, packed into chunks ("b:000000", …) that each
 *   take a few milliseconds to clone. A full save of a big shop is then a few hundred IndexedDB records instead of
 *   one per entity: reading 300,000 records is seconds at start-up, and the browser's copies of
 *   them are finalized in one long pause afterwards.
 * - Later saves write only what changed as plain rows on top (the overlay), and a tombstone
 *   ("d:…") for each row removed since, which may still sit in the base.
 * - Once the overlay outgrows its share of the base, the next save writes a new base instead.
 *
 * A snapshot of the earlier layout (all rows plain, no base) reads the same way.
 */
export const BASE = 'b:';
export const REMOVED = 'd:';

/** The last key of the base range, exclusive (the character after ':'). */
export const BASE_END = 'b;';

export type StoredRow = readonly [key: string, value: unknown];

export const baseKey = (index: number): string => `${BASE}${String(index).padStart(6, '0')}`;

/**
 * What a row weighs in a chunk: one, plus its length if it is a list (a model's list of ids in
 * chunks of a thousand is as costly to clone as a thousand small rows).
 */
const weightOf = (value: unknown): number => 1 + (Array.isArray(value) ? value.length : 0);

/** The chunk that starts at row `from` and weighs about `weight`: where it ends (exclusive; at least one row) and what it weighs. */
export function nextChunk(rows: readonly StoredRow[], from: number, weight: number): { end: number; weight: number } {
  let end = from;
  let sum = 0;
  while (end < rows.length && (end === from || sum < weight)) sum += weightOf(rows[end++]![1]);
  return { end, weight: sum };
}

/**
 * The snapshot's rows, given the table's records in key order: the base's rows that the overlay
 * neither replaced nor removed, then the overlay's rows (a row written again after its removal
 * sits next to its tombstone, and wins).
 */
export function resolveRows(records: readonly SnapshotRow[]): StoredRow[] {
  const chunks: Array<readonly StoredRow[]> = [];
  const overlay: StoredRow[] = [];
  const removed: string[] = [];
  for (const { key, value } of records) {
    if (key.startsWith(BASE)) chunks.push(value as StoredRow[]);
    else if (key.startsWith(REMOVED)) removed.push(key.slice(REMOVED.length));
    else overlay.push([key, value]);
  }
  // Not a Set: a Set would intern every base row's key it is asked about (see StringMap).
  const replaced = new StringMap<true>();
  for (const key of removed) replaced.set(key, true);
  for (const [key] of overlay) replaced.set(key, true);
  const rows: StoredRow[] = [];
  for (const chunk of chunks) for (const row of chunk) if (replaced.size === 0 || !replaced.has(row[0])) rows.push(row);
  for (const row of overlay) rows.push(row);
  return rows;
}
