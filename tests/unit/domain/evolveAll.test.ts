import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/es';
import { evolve, evolveAll, initialShopState, shopReadModel, type ShopState } from '../../../src/domain';
import { demoEvents } from '../../support/demoEvents';

const json = (state: ShopState) => JSON.stringify(shopReadModel.serialize(state));
const oneByOne = (state: ShopState, events: readonly StoredEvent[]) => events.reduce(evolve, state);

describe('evolveAll', () => {
  const events = demoEvents(11, 25);

  it('folds to the same state as evolve one event at a time, and leaves the state it started from as it was', () => {
    expect(events.length).toBeGreaterThan(800);
    fc.assert(
      fc.property(fc.nat(events.length), fc.nat(events.length), (x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const start = oneByOne(initialShopState(), events.slice(0, from));
        const before = json(start);
        const batch = events.slice(from, to);
        const folded = evolveAll(start, batch);
        expect(json(folded)).toBe(json(oneByOne(start, batch)));
        expect(json(start)).toBe(before);
        // Folding on from the result (as checkpoints do) does not reach back into it either.
        const foldedJson = json(folded);
        evolveAll(folded, events.slice(to));
        expect(json(folded)).toBe(foldedJson);
      }),
      { numRuns: 40 },
    );
  });

  it('returns the very state it was given when there is nothing to fold', () => {
    const state = oneByOne(initialShopState(), events.slice(0, 100));
    expect(evolveAll(state, [])).toBe(state);
  });
});
