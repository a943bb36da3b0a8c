import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringMap } from '../../../src/es/stringMap';

type Op = { set: string; value: number } | { get: string } | { clear: true };

const key = fc.oneof(fc.constantFrom('a', 'b', 'order-1', 'order-2', 'cart-é', ''), fc.string({ maxLength: 6 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ set: key, value: fc.integer() }) },
  { weight: 4, arbitrary: fc.record({ get: key }) },
  { weight: 1, arbitrary: fc.constant({ clear: true as const }) },
);

/** Runs the operations on a StringMap and on a Map side by side; they must agree all along. */
function agreesWithMap(ops: readonly Op[], hash?: (key: string) => number): void {
  const map = new Map<string, number>();
  const strings = new StringMap<number>([], hash);
  for (const o of ops) {
    if ('set' in o) {
      map.set(o.set, o.value);
      strings.set(o.set, o.value);
    } else if ('get' in o) {
      expect(strings.get(o.get)).toBe(map.get(o.get));
      expect(strings.has(o.get)).toBe(map.has(o.get));
    } else {
      map.clear();
      strings.clear();
    }
    expect(strings.size).toBe(map.size);
  }
  expect([...strings.entries()]).toEqual([...map.entries()]);
}

describe('StringMap', () => {
  it('behaves as a Map of strings, in insertion order', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => agreesWithMap(ops)));
  });

  it('keeps keys apart when every one of them has the same hash', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => agreesWithMap(ops, () => 7)));
  });

  it('keeps keys apart whose hashes sit next to each other', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => agreesWithMap(ops, (k) => k.length)));
  });

  it('starts from the entries it is given', () => {
    const strings = new StringMap([
      ['x', 1],
      ['y', 2],
      ['x', 3],
    ]);
    expect([...strings.entries()]).toEqual([
      ['x', 3],
      ['y', 2],
    ]);
  });
});
