import { collectionKeys, type CollectionKey, type EntityOf } from './collections';
import { changeWords, type ChangeWords } from './entityChangeWords';
import { fieldChanged } from './fieldWords';
import { namesFrom, type Names } from './sentences';
import { shopChanges, type ShopState } from './state';

/** The changes of one entity, in the shop's words: "Ada Lovelace's cart" — "+1 Blue mug (2 → 3)". */
export interface ChangeGroup {
  collection: CollectionKey;
  id: string;
  kind: 'created' | 'changed' | 'removed';
  heading: string;
  lines: string[];
}

type Loose = Record<string, unknown>;

const same = (a: unknown, b: unknown) =>
  Object.is(a, b) ||
  (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
const asLines = (said: string | readonly string[] | null): readonly string[] =>
  said === null ? [] : typeof said === 'string' ? [said] : said;

/** The sentences of one entity's change, field by field; a field no describer knows reads "field: before → after". */
function changedLines<V>(words: ChangeWords<V>, before: V, after: V, names: Names): string[] {
  const fields = words.fields as unknown as Record<
    string,
    (b: unknown, a: unknown, whole: { before: V; after: V; names: Names }) => string | readonly string[] | null
  >;
  const [b, a] = [before as Loose, after as Loose];
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (same(b[key], a[key])) continue;
    const say = Object.hasOwn(fields, key) ? fields[key]! : (x: unknown, y: unknown) => fieldChanged(key, x, y);
    lines.push(...asLines(say(b[key], a[key], { before, after, names })));
  }
  return lines;
}

/** One entity's group, or null when nothing about it reads as a change. */
export function entityGroup<K extends CollectionKey>(
  collection: K,
  id: string,
  before: EntityOf<K> | undefined,
  after: EntityOf<K> | undefined,
  names: Names,
): ChangeGroup | null {
  const words = changeWords[collection] as unknown as ChangeWords<EntityOf<K>>;
  if (before === undefined && after === undefined) return null;
  if (before === undefined) {
    return {
      collection,
      id,
      kind: 'created',
      heading: words.heading(after!, id, names),
      lines: [...asLines(words.created(after!, names))],
    };
  }
  if (after === undefined)
    return { collection, id, kind: 'removed', heading: words.heading(before, id, names), lines: [words.removed(before, names)] };
  const lines = changedLines(words, before, after, names);
  return lines.length === 0 ? null : { collection, id, kind: 'changed', heading: words.heading(after, id, names), lines };
}

type Changes = { set: Array<[string, unknown]>; removed: string[] } | { entries: Array<[string, unknown]> };
type Get = { get(key: string): unknown; has(key: string): boolean; keys(): Iterable<string> };

/** The keys that differ: from the trie walk's set and removed, or (a small map sent whole) by comparing entries. */
function changedKeys(changes: Changes, before: Get, after: Get): string[] {
  if (!('entries' in changes)) return [...changes.set.map(([key]) => key), ...changes.removed];
  const keys = changes.entries.filter(([key, value]) => before.get(key) !== value).map(([key]) => key);
  for (const key of before.keys()) if (!after.has(key)) keys.push(key);
  return keys;
}

/**
 * What changed from `before` to `after`, one group per entity, collection by collection in the
 * registry's order. Only the changed entities are visited (the maps' shared structure is skipped),
 * so a diff of a large shop costs what changed. Names of what was removed come from `before`.
 */
export function describeShopChanges(before: ShopState, after: ShopState): ChangeGroup[] {
  const changes = shopChanges(before, after) as unknown as Record<CollectionKey, Changes>;
  const names = namesFrom(after, before);
  const groups: ChangeGroup[] = [];
  for (const collection of collectionKeys) {
    const [was, now] = [before[collection] as unknown as Get, after[collection] as unknown as Get];
    for (const id of changedKeys(changes[collection], was, now)) {
      const group = entityGroup(collection, id, was.get(id) as never, now.get(id) as never, names);
      if (group) groups.push(group);
    }
  }
  return groups;
}
