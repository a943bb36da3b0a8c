import { List, Map as IMap } from 'immutable';
import { applyMapChanges, mapChanges, type MapChanges } from './mapChanges';
import type { SnapshotRows } from './readModel';
import { shareStrings, type StringHints } from './sharedStrings';

/**
 * A read model made of named collections: persistent maps of entities by key, and lists of the
 * keys of one of those maps (in an order of their own). Described once by a shape, the state's
 * changes, snapshot rows, serialized form and batch folds are worked out here, for any model.
 */
export interface MapFieldShape<V> {
  /** The key an entity is stored under, read from its value (its string is shared with the key). */
  keyOf(value: V): string;
  /** Which of its strings equal ones that other collections hold (see sharedStrings). */
  strings?: StringHints;
}

export interface ListFieldShape<M> {
  /** The map whose keys the list holds. */
  keysOf: keyof M & string;
}

export interface CollectionsShape<M extends object, L extends string> {
  /** In fold order: a map whose values share strings with another comes after it. */
  maps: { [K in keyof M]: MapFieldShape<M[K]> };
  lists: { [K in L]: ListFieldShape<M> };
}

export type CollectionsState<M extends object, L extends string> = { [K in keyof M]: IMap<string, M[K]> } & { [K in L]: List<string> };

/** A list's change: the first `keep` ids stay (all of them when -1), then `append` follows. */
export interface ListChanges {
  keep: number;
  append: string[];
}

/** What changed between two states, as plain data (it crosses from a worker as JSON). */
export type CollectionsChanges<M extends object, L extends string> = { [K in keyof M]: MapChanges<M[K]> } & { [K in L]: ListChanges };

export type SerializedCollections<M extends object, L extends string> = { [K in keyof M]: Array<[string, M[K]]> } & { [K in L]: string[] };

/** Ids of a list are stored in chunks, so appending one rewrites one chunk, not the whole list. */
const CHUNK = 1_024;
/** Entries compared between two pauses of the snapshot-row walk: a few milliseconds of work. */
const STEP = 2_000;

type AnyMap = IMap<string, unknown>;
type Loose = Record<string, unknown>;

type Shape<M extends object, L extends string> = CollectionsShape<M, L>;
interface Fields<M extends object, L extends string> {
  maps: Array<keyof M & string>;
  lists: L[];
  all: string[];
}
const fieldsCache = new WeakMap<object, Fields<never, never>>();

/** The shape's map and list fields, in order (worked out once per shape). */
function fieldsOf<M extends object, L extends string>(shape: Shape<M, L>): Fields<M, L> {
  let fields = fieldsCache.get(shape) as Fields<M, L> | undefined;
  if (!fields) {
    const maps = Object.keys(shape.maps) as Array<keyof M & string>;
    const lists = Object.keys(shape.lists) as L[];
    fields = { maps, lists, all: [...maps, ...lists] };
    fieldsCache.set(shape, fields as unknown as Fields<never, never>);
  }
  return fields;
}

const mapShape = (shape: Shape<object, string>, field: string) => (shape.maps as Record<string, MapFieldShape<unknown>>)[field]!;
const keyOfField = (shape: Shape<object, string>) => (field: string) => mapShape(shape, field).keyOf;
const loose = (state: object) => state as unknown as Record<string, AnyMap & List<string>>;
const build = <M extends object, L extends string>(values: Loose) => values as unknown as CollectionsState<M, L>;

/** The entry's key as the string its value already holds, when they are equal. */
function sharedKey(shape: Shape<object, string>, field: string, key: string, value: unknown): string {
  const natural = mapShape(shape, field).keyOf(value);
  return natural === key ? natural : key;
}
function share(shape: Shape<object, string>, field: string, value: unknown, state: Loose): void {
  const hints = mapShape(shape, field).strings;
  if (hints) shareStrings(value as Loose, hints, state as Record<string, AnyMap>, keyOfField(shape));
}
/** A list's ids as the key strings its map holds. */
function sharedIds(shape: Shape<object, string>, list: string, ids: Iterable<string>, state: Loose): string[] {
  const field = (shape.lists as Record<string, ListFieldShape<object>>)[list]!.keysOf;
  const map = state[field] as AnyMap;
  const key = mapShape(shape, field).keyOf;
  const out: string[] = [];
  for (const id of ids) {
    const value = map.get(id);
    out.push(value === undefined ? id : key(value));
  }
  return out;
}

/** The map fields of the shape, in fold order. */
export const collectionMaps = <M extends object, L extends string>(shape: Shape<M, L>): ReadonlyArray<keyof M & string> =>
  fieldsOf(shape).maps;
/** The list fields of the shape. */
export const collectionLists = <M extends object, L extends string>(shape: Shape<M, L>): readonly L[] => fieldsOf(shape).lists;

/** An empty state: every map and list empty. */
export function initialCollections<M extends object, L extends string>(shape: Shape<M, L>): CollectionsState<M, L> {
  const { maps, lists } = fieldsOf(shape);
  const state: Loose = {};
  for (const field of maps) state[field] = IMap();
  for (const list of lists) state[list] = List();
  return build(state);
}

function noChanges<M extends object, L extends string>(shape: Shape<M, L>): CollectionsChanges<M, L> {
  const { maps, lists } = fieldsOf(shape);
  const none: Loose = {};
  for (const field of maps) none[field] = { set: [], removed: [] };
  for (const list of lists) none[list] = { keep: -1, append: [] };
  return none as unknown as CollectionsChanges<M, L>;
}

/** Whether two states hold as many of each thing: a cheap check before taking one for the other. */
export function sameCollectionSizes<M extends object, L extends string>(
  shape: Shape<M, L>,
  a: CollectionsState<M, L>,
  b: CollectionsState<M, L>,
): boolean {
  return fieldsOf(shape).all.every((field) => loose(a)[field]!.size === loose(b)[field]!.size);
}

/** The changes from `before` to `after`; cheap when `after` was folded from `before`. */
export function collectionChanges<M extends object, L extends string>(
  shape: Shape<M, L>,
  before: CollectionsState<M, L>,
  after: CollectionsState<M, L>,
): CollectionsChanges<M, L> {
  const { maps, lists } = fieldsOf(shape);
  const changes: Loose = {};
  for (const field of maps) changes[field] = mapChanges(loose(before)[field]!, loose(after)[field]!);
  for (const list of lists) changes[list] = listChanges(loose(before)[list]!, loose(after)[list]!);
  return changes as unknown as CollectionsChanges<M, L>;
}

/**
 * `state` with the changes made to it. The values are taken as they are, so they must be the
 * caller's own (fresh from JSON.parse): their strings are swapped in place for equal ones the
 * state holds, as a fold shares them.
 */
export function applyCollectionChanges<M extends object, L extends string>(
  shape: Shape<M, L>,
  state: CollectionsState<M, L>,
  changes: CollectionsChanges<M, L>,
): CollectionsState<M, L> {
  const s = shape as unknown as Shape<object, string>;
  const { maps, lists } = fieldsOf(shape);
  const next: Loose = {};
  const parts = changes as unknown as Record<string, MapChanges<unknown> & ListChanges>;
  for (const field of maps) {
    next[field] = applyMapChanges(loose(state)[field]!, parts[field]!, (key, value) => {
      share(s, field, value, next);
      return sharedKey(s, field, key, value);
    });
  }
  for (const list of lists) {
    const ids = loose(state)[list]!;
    const { keep, append } = parts[list]!;
    const kept = keep < 0 || keep === ids.size ? ids : ids.setSize(keep);
    next[list] = append.length === 0 ? kept : kept.push(...sharedIds(s, list, append, next));
  }
  return build(next);
}

/** The same changes in parts of at most `maxEntries` entries each, to apply one after another. */
export function splitCollectionChanges<M extends object, L extends string>(
  shape: Shape<M, L>,
  changes: CollectionsChanges<M, L>,
  maxEntries: number,
): Array<CollectionsChanges<M, L>> {
  type C = CollectionsChanges<M, L>;
  const { maps, lists } = fieldsOf(shape);
  const whole = changes as unknown as Record<string, MapChanges<unknown>>;
  const parts: C[] = [];
  let part = noChanges(shape) as unknown as Loose;
  let size = 0;
  const flush = () => {
    if (size > 0) parts.push(part as unknown as C);
    part = noChanges(shape) as unknown as Loose;
    size = 0;
  };
  for (const field of maps) {
    const c = whole[field]!;
    if ('entries' in c) {
      if (size + c.entries.length > maxEntries) flush();
      part[field] = c;
      size += Math.max(1, c.entries.length);
      continue;
    }
    const items: Array<['set', [string, unknown]] | ['removed', string]> = [
      ...c.removed.map((key) => ['removed', key] as ['removed', string]),
      ...c.set.map((entry) => ['set', entry] as ['set', [string, unknown]]),
    ];
    for (let at = 0; at < items.length;) {
      if (size >= maxEntries) flush();
      const take = items.slice(at, at + maxEntries - size);
      const target = { set: [] as Array<[string, unknown]>, removed: [] as string[] };
      for (const [kind, item] of take) {
        if (kind === 'set') target.set.push(item);
        else target.removed.push(item);
      }
      part[field] = target;
      size += take.length;
      at += take.length;
    }
  }
  // The lists go last, after the entries they name.
  for (const list of lists) part[list] = (changes as unknown as Loose)[list];
  parts.push(part as unknown as C);
  return parts;
}

/** Keyed rows for incremental snapshots: "<map>/<key>" per entry, "<list>#<chunk>" per chunk of ids. */
export function* collectionSnapshotRows<M extends object, L extends string>(
  shape: Shape<M, L>,
  state: CollectionsState<M, L>,
  previous: CollectionsState<M, L> | null,
): Generator<void, SnapshotRows, void> {
  const { lists, all } = fieldsOf(shape);
  const put: Array<[string, unknown]> = [];
  const remove: string[] = [];
  let walked = 0;
  for (const field of all) {
    const now = loose(state)[field]!;
    const before = previous ? loose(previous)[field] : undefined;
    if (now === before) continue;
    if ((lists as string[]).includes(field)) {
      const chunks = Math.ceil(now.size / CHUNK);
      for (let c = 0; c < chunks; c++) {
        const slice = now.slice(c * CHUNK, (c + 1) * CHUNK);
        if (!before || !slice.equals(before.slice(c * CHUNK, (c + 1) * CHUNK))) put.push([`${field}#${c}`, slice.toArray()]);
        if ((walked += CHUNK) % STEP < CHUNK) yield;
      }
      for (let c = chunks; before && c < Math.ceil(before.size / CHUNK); c++) remove.push(`${field}#${c}`);
      continue;
    }
    for (const [key, value] of now as AnyMap) {
      if (!before || before.get(key) !== value) put.push([`${field}/${key}`, value]);
      if (++walked % STEP === 0) yield;
    }
    if (before) {
      for (const key of (before as AnyMap).keys()) {
        if (!now.has(key)) remove.push(`${field}/${key}`);
        if (++walked % STEP === 0) yield;
      }
    }
  }
  return { put, remove };
}

export function collectionsFromSnapshotRows<M extends object, L extends string>(
  shape: Shape<M, L>,
  rows: ReadonlyArray<readonly [string, unknown]>,
): CollectionsState<M, L> {
  const s = shape as unknown as Shape<object, string>;
  const { maps, lists } = fieldsOf(shape);
  const entries = new Map<string, Array<[string, unknown]>>();
  const chunks = new Map<string, Array<[number, string[]]>>();
  for (const [key, value] of rows) {
    const slash = key.indexOf('/');
    const hash = key.indexOf('#');
    if (slash > 0 && (hash < 0 || slash < hash)) {
      const field = key.slice(0, slash);
      if (!entries.has(field)) entries.set(field, []);
      entries.get(field)!.push([key.slice(slash + 1), value]);
    } else if (hash > 0) {
      const field = key.slice(0, hash);
      if (!chunks.has(field)) chunks.set(field, []);
      chunks.get(field)!.push([Number(key.slice(hash + 1)), value as string[]]);
    }
  }
  // Each row came back with its own copies of its strings: share them as a fold does.
  const state = loose(initialCollections(shape)) as Loose;
  for (const field of maps) {
    const rowsOf = entries.get(field);
    if (!rowsOf) continue;
    for (const pair of rowsOf) {
      share(s, field, pair[1], state);
      pair[0] = sharedKey(s, field, pair[0], pair[1]);
    }
    state[field] = IMap(rowsOf);
  }
  for (const list of lists) {
    const parts = chunks.get(list);
    if (parts)
      state[list] = List(
        sharedIds(
          s,
          list,
          parts.sort((a, b) => a[0] - b[0]).flatMap(([, ids]) => ids),
          state,
        ),
      );
  }
  return build(state);
}

export function serializeCollections<M extends object, L extends string>(
  shape: Shape<M, L>,
  state: CollectionsState<M, L>,
): SerializedCollections<M, L> {
  const { maps, lists } = fieldsOf(shape);
  const data: Loose = {};
  for (const field of maps) data[field] = [...loose(state)[field]!.entries()];
  for (const list of lists) data[list] = loose(state)[list]!.toArray();
  return data as unknown as SerializedCollections<M, L>;
}

export function deserializeCollections<M extends object, L extends string>(shape: Shape<M, L>, data: unknown): CollectionsState<M, L> {
  const { maps, lists } = fieldsOf(shape);
  const d = data as Record<string, unknown[]>;
  const state: Loose = {};
  for (const field of maps) state[field] = IMap(d[field] as Array<[string, unknown]>);
  for (const list of lists) state[list] = List(d[list]);
  return build(state);
}

/**
 * Folds events in order with the same result as `evolve` one at a time, but with every
 * collection edited in place meanwhile (transient editing, copy on write against `state`, which
 * stays as it was): a batch allocates roughly what it changes.
 */
export function foldAllCollections<M extends object, L extends string, E>(
  shape: Shape<M, L>,
  state: CollectionsState<M, L>,
  events: Iterable<E>,
  evolve: (state: CollectionsState<M, L>, event: E) => CollectionsState<M, L>,
): CollectionsState<M, L> {
  const { all } = fieldsOf(shape);
  const editing: Loose = {};
  for (const field of all) editing[field] = loose(state)[field]!.asMutable();
  let folded = build<M, L>(editing);
  let count = 0;
  for (const event of events) {
    folded = evolve(folded, event);
    count += 1;
  }
  if (count === 0) return state;
  const done: Loose = {};
  for (const field of all) done[field] = loose(folded)[field]!.asImmutable();
  return build(done);
}

/** Plain JSON, each collection in its own order. */
export function collectionsToJson<M extends object, L extends string>(
  shape: Shape<M, L>,
  state: CollectionsState<M, L>,
): Record<string, unknown> {
  const json: Loose = {};
  for (const field of fieldsOf(shape).all) json[field] = loose(state)[field]!.toJS();
  return json;
}

/** How many leading ids two lists share, and what follows in `after`. */
function listChanges(before: List<string>, after: List<string>): ListChanges {
  if (before === after) return { keep: before.size, append: [] };
  const olds = before.values();
  const news = after.values();
  let keep = 0;
  for (;;) {
    const old = olds.next();
    if (old.done) break;
    const next = news.next();
    if (next.done || next.value !== old.value) break;
    keep += 1;
  }
  return { keep, append: after.slice(keep).toArray() };
}
