/**
 * A map from strings, for big tables of names that live long (every stream's version).
 *
 * Not a Map<string, V>: V8 interns Map and Set keys, and each major collection walks all interned
 * strings. Here the keys sit in a plain array, found through a Map keyed by a number (their hash,
 * or the next free number on a collision), which interns nothing.
 * Why: see docs/decisions/003-checkpoints.md, "src/es/stringMap.ts, StringMap".
 */
export class StringMap<V> {
  private slots = new Map<number, number>();
  private keys: string[] = [];
  private values: V[] = [];

  /** `hash` is for tests (a constant one makes every key collide). */
  constructor(
    entries: Iterable<readonly [string, V]> = [],
    private readonly hash: (key: string) => number = hashOf,
  ) {
    for (const [key, value] of entries) this.set(key, value);
  }

  get size(): number {
    return this.keys.length;
  }

  get(key: string): V | undefined {
    const slot = this.slotOf(key);
    return slot === undefined ? undefined : this.values[slot];
  }

  has(key: string): boolean {
    return this.slotOf(key) !== undefined;
  }

  set(key: string, value: V): this {
    // Keys are never removed one by one, so the first free number on the way is this key's place.
    let hash = this.hash(key) & HASH_BITS;
    for (let slot = this.slots.get(hash); slot !== undefined; hash = next(hash), slot = this.slots.get(hash)) {
      if (this.keys[slot] === key) {
        this.values[slot] = value;
        return this;
      }
    }
    this.slots.set(hash, this.keys.length);
    this.keys.push(key);
    this.values.push(value);
    return this;
  }

  clear(): void {
    this.slots = new Map();
    this.keys = [];
    this.values = [];
  }

  *entries(): IterableIterator<[string, V]> {
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i]!, this.values[i]!];
  }

  private slotOf(key: string): number | undefined {
    for (
      let hash = this.hash(key) & HASH_BITS, slot = this.slots.get(hash);
      slot !== undefined;
      hash = next(hash), slot = this.slots.get(hash)
    ) {
      if (this.keys[slot] === key) return slot;
    }
    return undefined;
  }
}

/** Hashes stay within 30 bits, so V8 keeps them as small integers rather than boxed numbers. */
const HASH_BITS = 0x3fffffff;

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & HASH_BITS;
}

const next = (hash: number): number => (hash + 1) & HASH_BITS;
