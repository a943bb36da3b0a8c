import { collections, isCollectionKey } from './collections';
import { changeWords } from './entityChangeWords';
import { fieldLabel } from './fieldWords';
import type { Names } from './sentences';
import type { ShopState } from './state';

type Key = string | number;

/** What a node of the shop's tree is called: a collection by its label, an entity by its heading, a line by its product. */
export function nodeLabel(path: readonly Key[], value: unknown, names: Names): string {
  const key = path[path.length - 1]!;
  const collection = String(path[0]);
  if (path.length === 1) return isCollectionKey(collection) ? collections[collection].label : fieldLabel(key);
  if (path.length === 2 && isCollectionKey(collection) && value !== null && typeof value === 'object') {
    return changeWords[collection].heading(value as never, String(key), names);
  }
  if (typeof key === 'number' && value !== null && typeof value === 'object' && 'sku' in value) {
    const line = value as { sku: string; name?: string };
    return names.product(line.sku) === line.sku && line.name ? line.name : names.product(line.sku);
  }
  if (key === 'customerId') return 'customer';
  if (key === 'orderId') return 'order';
  return fieldLabel(key);
}

/** A field's value in words where it names something: a customer id as the customer's name. */
export function namedValue(key: Key, value: unknown, names: Names): string | null {
  if (typeof value !== 'string') return null;
  if (key === 'customerId') return names.customer(value);
  if (key === 'orderId') return names.order(value);
  return null;
}

/** Ids people do not call things by (an order's uuid, a checkout's); the raw view shows them. */
export function isInternalId(key: Key): boolean {
  return typeof key === 'string' && key !== 'customerId' && key !== 'orderId' && (key === 'id' || key.endsWith('Id'));
}

const child = (value: unknown, key: Key): unknown => {
  if (value === null || value === undefined) return undefined;
  const getter = (value as { get?: (k: Key) => unknown }).get;
  return typeof getter === 'function' ? getter.call(value, key) : (value as Record<Key, unknown>)[key];
};

/** A path of the shop in words: "Blue mug › stock", "Ada Lovelace's cart › Blue mug › quantity". */
export function pathInWords(state: ShopState, path: readonly Key[], names: Names): string {
  const words: string[] = [];
  let value: unknown = state;
  for (let i = 0; i < path.length; i++) {
    value = child(value, path[i]!);
    // The collection is said by the entity's heading, except when the path stops at it.
    if (i === 0 && path.length > 1 && isCollectionKey(String(path[0]))) continue;
    words.push(value === undefined && i === 1 ? String(path[i]) : nodeLabel(path.slice(0, i + 1), value, names));
  }
  return words.join(' › ');
}
