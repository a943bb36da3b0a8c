import { List, Map as IMap, isList } from 'immutable';
import type { SnapshotRows } from '../es';
import { sharedKey, withSharedStrings } from './sharedStrings';
import { initialShopState, type ShopState } from './state';

/** Order ids are stored in chunks, so appending an order rewrites one chunk, not the whole list. */
const CHUNK = 1_024;

type Field = keyof ShopState;

/** Entries compared between two pauses: a few milliseconds of work. */
const STEP = 2_000;

/**
 * The shop as keyed rows for incremental snapshots: one row per entity ("orders/<id>") and one per
 * chunk of a list ("orderIds#3"). Given the state saved last, only rows whose value changed are
 * returned; structural sharing makes unchanged collections a single reference check. A changed
 * collection is walked whole, so this is a generator that pauses every STEP entries and returns
 * the rows at the end: the snapshot keeper lets the browser in at each pause.
 */
export function* shopSnapshotRows(state: ShopState, previous: ShopState | null): Generator<void, SnapshotRows, void> {
  const put: Array<[string, unknown]> = [];
  const remove: string[] = [];
  let walked = 0;
  for (const field of Object.keys(state) as Field[]) {
    const now = state[field];
    const before = previous?.[field];
    if (now === before) continue;
    if (isList(now)) {
      const list = now as List<unknown>;
      const old = before as List<unknown> | undefined;
      const chunks = Math.ceil(list.size / CHUNK);
      for (let c = 0; c < chunks; c++) {
        const slice = list.slice(c * CHUNK, (c + 1) * CHUNK);
        if (!old || !slice.equals(old.slice(c * CHUNK, (c + 1) * CHUNK))) put.push([`${field}#${c}`, slice.toArray()]);
        if ((walked += CHUNK) % STEP < CHUNK) yield;
      }
      for (let c = chunks; old && c < Math.ceil(old.size / CHUNK); c++) remove.push(`${field}#${c}`);
      continue;
    }
    const map = now as IMap<string, unknown>;
    const old = before as IMap<string, unknown> | undefined;
    for (const [key, value] of map) {
      if (!old || old.get(key) !== value) put.push([`${field}/${key}`, value]);
      if (++walked % STEP === 0) yield;
    }
    if (old) {
      for (const key of old.keys()) {
        if (!map.has(key)) remove.push(`${field}/${key}`);
        if (++walked % STEP === 0) yield;
      }
    }
  }
  return { put, remove };
}

export function shopFromSnapshotRows(rows: ReadonlyArray<readonly [string, unknown]>): ShopState {
  const state = initialShopState() as unknown as Record<string, unknown>;
  const entries = new Map<string, Array<[string, unknown]>>();
  const chunks = new Map<string, Array<[number, unknown[]]>>();
  for (const [key, value] of rows) {
    const slash = key.indexOf('/');
    const hash = key.indexOf('#');
    if (slash > 0 && (hash < 0 || slash < hash)) {
      const field = key.slice(0, slash);
      if (!entries.has(field)) entries.set(field, []);
      entries.get(field)!.push([sharedKey(field, key.slice(slash + 1), value), value]);
    } else if (hash > 0) {
      const field = key.slice(0, hash);
      if (!chunks.has(field)) chunks.set(field, []);
      chunks.get(field)!.push([Number(key.slice(hash + 1)), value as unknown[]]);
    }
  }
  for (const [field, list] of entries) if (field in state) state[field] = IMap(list);
  for (const [field, list] of chunks) {
    if (field in state) state[field] = List(list.sort((a, b) => a[0] - b[0]).flatMap(([, items]) => items));
  }
  return withSharedStrings(state as unknown as ShopState);
}
