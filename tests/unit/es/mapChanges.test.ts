import fc from 'fast-check';
import { is, Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { allChanges, applyMapChanges, mapChanges, trieChanges, type MapChanges } from '../../../src/es/mapChanges';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'remove'; key: string };

/** Keys from a pool, so that sets replace and removes hit; "Aa"/"BB" share immutable's string hash. */
const key = fc.oneof(
  fc.nat(3_000).map((n) => `k${n}`),
  fc.constantFrom('Aa', 'BB', 'AaAa', 'BBBB', 'AaBB', 'BBAa'),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), key }) },
);

const applyOps = (map: IMap<string, { v: number }>, ops: readonly Op[]) =>
  map.withMutations((m) => {
    for (const o of ops) {
      if (o.kind === 'set') m.set(o.key, { v: o.value });
      else m.remove(o.key);
    }
  });

/** A map of up to 5,000 entries (a trie several levels deep), then shuffled by a few edits. */
const startingMap = fc
  .record({ size: fc.nat(5_000), ops: fc.array(op, { maxLength: 200 }) })
  .map(({ size, ops }) => applyOps(IMap(Array.from({ length: size }, (_, i) => [`k${i * 7}`, { v: i }] as const)), ops));

const sortedSet = (changes: MapChanges<unknown>) =>
  'entries' in changes ? changes : { set: [...changes.set].sort(([a], [b]) => a.localeCompare(b)), removed: [...changes.removed].sort() };

describe('map changes', () => {
  it('applied to the map before, give a map equal to the map after, entry for entry and in the same order', () => {
    fc.assert(
      fc.property(startingMap, fc.array(op, { maxLength: 60 }), (before, edits) => {
        const after = applyOps(before, edits);
        const changes = mapChanges(before, after);
        const rebuilt = applyMapChanges(before, structuredClone(changes));
        expect(
          is(
            rebuilt.map((x) => x.v),
            after.map((x) => x.v),
          ),
        ).toBe(true);
        // Colliding keys keep their own order in a shared bucket; every other entry iterates alike.
        const plain = (map: IMap<string, unknown>) => [...map.keys()].filter((k) => k.startsWith('k'));
        expect(plain(rebuilt)).toEqual(plain(after));
      }),
      { numRuns: 200 },
    );
  });

  it('find what comparing every entry finds, touching no more than what the edits touched', () => {
    fc.assert(
      fc.property(startingMap, fc.array(op, { maxLength: 60 }), (before, edits) => {
        const after = applyOps(before, edits);
        const changes = after.size > 8 ? trieChanges(before, after) : mapChanges(before, after);
        expect(sortedSet(changes)).toEqual(sortedSet(allChanges(before, after)));
        if ('set' in changes) {
          const touched = new Set(edits.map((e) => e.key));
          for (const [k] of changes.set) expect(touched.has(k)).toBe(true);
          for (const k of changes.removed) expect(touched.has(k)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('send a small map whole, in its insertion order', () => {
    const before = IMap<string, number>([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
    const after = before.remove('b').set('d', 4);
    const changes = mapChanges(before, after);
    expect(changes).toEqual({ entries: [...after.entries()] });
    expect([...applyMapChanges(before, changes).keys()]).toEqual([...after.keys()]);
  });

  it('are empty for the same map, and applying them returns that very map', () => {
    const map = IMap(Array.from({ length: 100 }, (_, i) => [`k${i}`, i] as const));
    const changes = mapChanges(map, map);
    expect(changes).toEqual({ set: [], removed: [] });
    expect(applyMapChanges(map, changes)).toBe(map);
  });

  it('store each key as the string the caller picks', () => {
    const before = IMap(Array.from({ length: 20 }, (_, i) => [`k${i}`, { id: `k${i}` }] as const));
    const after = before.set('k99', { id: 'k99' });
    const picked: string[] = [];
    const rebuilt = applyMapChanges(before, mapChanges(before, after), (k, value) => (picked.push(k), value.id));
    expect(picked).toEqual(['k99']);
    expect(rebuilt.get('k99')).toEqual({ id: 'k99' });
  });
});
