import { Map as IMap } from 'immutable';

/**
 * How a persistent map changed: either the entries set (new or replaced) and the keys removed,
 * or, for a map small enough to keep its insertion order, all its entries in that order.
 */
export type MapChanges<V> = { set: Array<[string, V]>; removed: string[] } | { entries: Array<[string, V]> };

/**
 * What changed from `before` to `after`, at the cost of what changed rather than of the map's
 * size when `after` was made from `before` (a fold): the two hash tries share every untouched
 * node, so the walk skips each shared subtree by one comparison. The trie is read through
 * immutable's internal fields; a shape this code does not know makes it compare entry by entry
 * instead, slower but still right.
 */
export function mapChanges<V>(before: IMap<string, V>, after: IMap<string, V>): MapChanges<V> {
  if (before === after) return { set: [], removed: [] };
  // A map of a few entries iterates in insertion order (which the views show): sent whole.
  if (after.size <= SMALL) return { entries: [...after.entries()] };
  try {
    return trieChanges(before, after);
  } catch (error) {
    if (!(error instanceof UnknownShape)) throw error;
    return allChanges(before, after);
  }
}

/** The changes found by walking both tries side by side; throws on a trie shape it does not know. */
export function trieChanges<V>(before: IMap<string, V>, after: IMap<string, V>): { set: Array<[string, V]>; removed: string[] } {
  const changes: { set: Array<[string, V]>; removed: string[] } = { set: [], removed: [] };
  diffNodes(rootOf(before), rootOf(after), changes);
  return changes;
}

/** The same changes, found by comparing every entry (the reference the trie walk must agree with). */
export function allChanges<V>(before: IMap<string, V>, after: IMap<string, V>): MapChanges<V> {
  if (before === after) return { set: [], removed: [] };
  if (after.size <= SMALL) return { entries: [...after.entries()] };
  const set: Array<[string, V]> = [];
  const removed: string[] = [];
  after.forEach((value, key) => {
    if (before.get(key, ABSENT as V) !== value) set.push([key, value]);
  });
  before.forEach((_, key) => {
    if (!after.has(key)) removed.push(key);
  });
  return { set, removed };
}

/** `before` with the changes made to it; `sameKey` picks the key string to store (see collectionsState). */
export function applyMapChanges<V>(
  before: IMap<string, V>,
  changes: MapChanges<V>,
  sameKey = (key: string, _value: V) => key,
): IMap<string, V> {
  if ('entries' in changes) return IMap(changes.entries.map(([key, value]) => [sameKey(key, value), value] as const));
  if (changes.set.length === 0 && changes.removed.length === 0) return before;
  return before.withMutations((map) => {
    for (const key of changes.removed) map.remove(key);
    for (const [key, value] of changes.set) map.set(sameKey(key, value), value);
  });
}

/** immutable keeps up to 8 entries as an array in insertion order, above that a hash trie. */
const SMALL = 8;
const ABSENT = Symbol('absent');
const BITS = 32;

/** The trie nodes of immutable 4–5 (ArrayMapNode, BitmapIndexedNode, HashArrayMapNode, HashCollisionNode, ValueNode). */
interface TrieNode {
  bitmap?: number;
  nodes?: Array<TrieNode | undefined>;
  entries?: Array<[string, unknown]>;
  entry?: [string, unknown];
}

class UnknownShape extends Error {}

function rootOf(map: IMap<string, unknown>): TrieNode | undefined {
  if (!('_root' in map)) throw new UnknownShape();
  return (map as unknown as { _root?: TrieNode | null })._root ?? undefined;
}

/** A node whose children are indexed by the next five bits of the key's hash. */
const isTrie = (node: TrieNode) => Array.isArray(node.nodes);

function childAt(node: TrieNode, bit: number): TrieNode | undefined {
  const nodes = node.nodes!;
  if (typeof node.bitmap !== 'number') return nodes[bit] ?? undefined;
  const flag = 1 << bit;
  if ((node.bitmap & flag) === 0) return undefined;
  return nodes[popCount(node.bitmap & (flag - 1))];
}

function popCount(x: number): number {
  x -= (x >> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >> 2) & 0x33333333);
  x = (x + (x >> 4)) & 0x0f0f0f0f;
  return (Math.imul(x, 0x01010101) >>> 24) & 0x3f;
}

/**
 * Two nodes at the same place in their tries hold the keys whose hashes share that place's
 * prefix, so children at the same bit can be compared pairwise; where either side is a leaf (or
 * a list of colliding keys), both sides' few entries are compared by key.
 */
function diffNodes<V>(a: TrieNode | undefined, b: TrieNode | undefined, out: { set: Array<[string, V]>; removed: string[] }): void {
  if (a === b) return;
  if (a && b && isTrie(a) && isTrie(b)) {
    for (let bit = 0; bit < BITS; bit += 1) diffNodes(childAt(a, bit), childAt(b, bit), out);
    return;
  }
  const old = new Map<string, unknown>();
  if (a) collect(a, (key, value) => old.set(key, value));
  if (b) {
    collect(b, (key, value) => {
      if (!old.has(key) || old.get(key) !== value) out.set.push([key, value as V]);
      old.delete(key);
    });
  }
  for (const key of old.keys()) out.removed.push(key);
}

function collect(node: TrieNode, visit: (key: string, value: unknown) => void): void {
  if (node.entry) {
    visit(node.entry[0], node.entry[1]);
  } else if (node.entries) {
    for (const [key, value] of node.entries) visit(key, value);
  } else if (node.nodes) {
    for (const child of node.nodes) if (child) collect(child, visit);
  } else {
    throw new UnknownShape();
  }
}
