import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toStoredEvent, type StoredEvent } from '../../../src/es';
import {
  decide,
  evolve,
  evolveAll,
  initialShopState,
  mulberry32,
  onCheckoutEvent,
  planDemoBatch,
  shopReadModel,
  type ShopState,
} from '../../../src/domain';

/** A generated shop history (the demo generator's commands, decided and folded in order). */
function history(seed: number, batches: number): StoredEvent[] {
  const rng = mulberry32(seed);
  let state: ShopState = initialShopState();
  const events: StoredEvent[] = [];
  let ids = 0;
  const context = { now: '2026-01-01T00:00:00.000Z', newId: () => `id-${++ids}` };
  const meta = { commandId: 'c', correlationId: 'c', causationId: null };
  for (let b = 0; b < batches; b += 1) {
    const followUps = [];
    for (const command of planDemoBatch(state, rng, { size: 40 })) {
      try {
        for (const e of decide(state, command, context)) {
          const stored = toStoredEvent(e, events.length + 1, 1, { events: [], expected: new Map(), meta, at: context.now }, context.newId());
          events.push(stored);
          state = evolve(state, stored);
          const next = onCheckoutEvent(stored);
          if (next) followUps.push(next);
        }
      } catch {
        // refused commands write nothing
      }
    }
    for (const command of followUps) {
      try {
        for (const e of decide(state, command, context)) {
          const stored = toStoredEvent(e, events.length + 1, 1, { events: [], expected: new Map(), meta, at: context.now }, context.newId());
          events.push(stored);
          state = evolve(state, stored);
        }
      } catch {
        // an order the stock no longer allows is refused
      }
    }
  }
  return events;
}

const json = (state: ShopState) => JSON.stringify(shopReadModel.serialize(state));
const oneByOne = (state: ShopState, events: readonly StoredEvent[]) => events.reduce(evolve, state);

describe('evolveAll', () => {
  const events = history(11, 25);

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
