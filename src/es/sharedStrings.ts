import type { Map as IMap } from 'immutable';

/**
 * Which strings of an entity equal strings that other collections hold, as data: every value
 * read back (from IndexedDB, or parsed from a worker's JSON) brings its own copy of each string,
 * and swapping them for the held ones keeps one copy of each in memory
 * (docs/decisions/003-checkpoints.md).
 */
export interface StringHints {
  /** A field holding another collection's key (`customerId: 'customers'`). */
  keys?: Readonly<Record<string, string>>;
  /**
   * An array field whose items hold another collection's key, and the item fields that may equal
   * the same-named field of that entity (`lines: { key: 'sku', in: 'products', same: ['name'] }`).
   */
  items?: Readonly<Record<string, { key: string; in: string; same?: readonly string[] }>>;
}

type Loose = Record<string, unknown>;

/** Swaps, in place, the hinted strings of `value` (the caller's own) for the equal ones `state` holds. */
export function shareStrings(
  value: Loose,
  hints: StringHints,
  state: Readonly<Record<string, IMap<string, unknown>>>,
  keyOf: (collection: string) => (entity: unknown) => string,
): void {
  for (const field in hints.keys) {
    const collection = hints.keys[field]!;
    const held = state[collection]?.get(value[field] as string);
    if (held !== undefined) value[field] = keyOf(collection)(held);
  }
  for (const field in hints.items) {
    const { key, in: collection, same = [] } = hints.items[field]!;
    const map = state[collection];
    const items = value[field] as Loose[] | undefined;
    if (!map || !items) continue;
    const heldKey = keyOf(collection);
    for (const item of items) {
      const held = map.get(item[key] as string) as Loose | undefined;
      if (held === undefined) continue;
      item[key] = heldKey(held);
      for (const name of same) if (held[name] === item[name]) item[name] = held[name];
    }
  }
}
