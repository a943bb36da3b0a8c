import type { Map as IMap } from 'immutable';
import {
  applyCollectionChanges,
  collectionChanges,
  collectionSnapshotRows,
  collectionsFromSnapshotRows,
  collectionsToJson,
  deserializeCollections,
  foldAllCollections,
  initialCollections,
  sameCollectionSizes,
  serializeCollections,
  splitCollectionChanges,
  type CollectionsChanges,
  type CollectionsShape,
  type CollectionsState,
  type SerializedCollections,
  type SnapshotRows,
} from '../es';
import { collections, lists, type CollectionKey, type EntityOf } from './collections';
import type { Cart } from './entitySchemas';

export type {
  Cart,
  CartLine,
  Customer,
  Order,
  OrderReturn,
  OrderStatus,
  PendingCheckout,
  PricedLine,
  Product,
  Return,
} from './entitySchemas';

/** Each collection's entity type, by its field in the shop state. */
export type ShopEntities = { [K in CollectionKey]: EntityOf<K> };
export type ShopListKey = keyof typeof lists;

/**
 * The shop's read model: one persistent map per registered collection (structural sharing, so a
 * state from the past can be kept beside the present at the cost of what changed) and the
 * registered lists of ids (`orderIds`: order ids in placing order, newest last).
 */
export type ShopState = CollectionsState<ShopEntities, ShopListKey>;

/** What changed in the shop between two states, as plain data (see CollectionsChanges). */
export type ShopChanges = CollectionsChanges<ShopEntities, ShopListKey>;

const mapShapes = Object.fromEntries(
  Object.entries(collections).map(([key, entry]) => [key, { keyOf: entry.keyOf, strings: entry.strings }]),
) as unknown as { [K in CollectionKey]: { keyOf: (value: EntityOf<K>) => string } };

/** The shape of the shop's collections, from the registry (the generic machinery takes it). */
export const shopShape: CollectionsShape<ShopEntities, ShopListKey> = { maps: mapShapes, lists };

export const initialShopState = (): ShopState => initialCollections(shopShape);
/** Whether two shops hold as many of each thing: a cheap check before taking one for the other. */
export const sameSizes = (a: ShopState, b: ShopState): boolean => sameCollectionSizes(shopShape, a, b);
/** The changes from `before` to `after`; cheap when `after` was folded from `before`. */
export const shopChanges = (before: ShopState, after: ShopState): ShopChanges => collectionChanges(shopShape, before, after);
/** `state` with the changes made to it; the changes' values must be the caller's own (fresh from JSON). */
export const applyShopChanges = (state: ShopState, changes: ShopChanges): ShopState => applyCollectionChanges(shopShape, state, changes);
/** The same changes in parts of at most `maxEntries` entries each, to apply one after another. */
export const splitShopChanges = (changes: ShopChanges, maxEntries: number): ShopChanges[] =>
  splitCollectionChanges(shopShape, changes, maxEntries);
/** The shop as keyed rows for incremental snapshots ("orders/<id>", "orderIds#3"). */
export const shopSnapshotRows = (state: ShopState, previous: ShopState | null): Generator<void, SnapshotRows, void> =>
  collectionSnapshotRows(shopShape, state, previous);
export const shopFromSnapshotRows = (rows: ReadonlyArray<readonly [string, unknown]>): ShopState =>
  collectionsFromSnapshotRows(shopShape, rows);
export const serializeShop = (state: ShopState): SerializedCollections<ShopEntities, ShopListKey> => serializeCollections(shopShape, state);
export const deserializeShop = (data: unknown): ShopState => deserializeCollections(shopShape, data);
/** Folds events in one batch, editing every collection in place meanwhile (see foldAllCollections). */
export const foldAllShop = <E>(state: ShopState, events: Iterable<E>, evolve: (state: ShopState, event: E) => ShopState): ShopState =>
  foldAllCollections(shopShape, state, events, evolve);
/** Plain JSON of every collection (the DevTools and JSON views). */
export const shopToJson = (state: ShopState): Record<string, unknown> => collectionsToJson(shopShape, state);

export const emptyCart = (customerId: string): Cart => ({
  customerId,
  lines: [],
  pendingCheckout: null,
  lastCheckoutError: null,
});

/** Replaces an entry by `change(entry)`; an absent key leaves the map as it is. */
export function patch<K, V>(map: IMap<K, V>, key: K, change: (value: V) => V): IMap<K, V> {
  const value = map.get(key);
  return value === undefined ? map : map.set(key, change(value));
}
