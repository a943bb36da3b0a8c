import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/es';
import {
  applyShopChanges,
  collectionKeys,
  evolveAll,
  initialShopState,
  shopChanges,
  shopReadModel,
  splitShopChanges,
  type ShopChanges,
  type ShopState,
} from '../../../src/domain';
import { demoEvents } from '../../support/demoEvents';

/** The state as JSON in its maps' own order (not sorted): equal only if the views would list alike. */
const asListed = (state: ShopState) => JSON.stringify(shopReadModel.serialize(state));
/** As the changes reach the page from a worker: JSON, parsed into values of its own. */
const viaJson = (changes: ShopChanges) => JSON.parse(JSON.stringify(changes)) as ShopChanges;

describe('shop state changes', () => {
  const events = demoEvents(7, 60);

  it('turn the state at one point into the state at a later one, entries in the same order', () => {
    expect(events.length).toBeGreaterThan(2_000);
    fc.assert(
      fc.property(fc.nat(events.length), fc.nat(events.length), (x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const before = evolveAll(initialShopState(), events.slice(0, from));
        const after = evolveAll(before, events.slice(from, to));
        const listedBefore = asListed(before);
        const applied = applyShopChanges(before, viaJson(shopChanges(before, after)));
        expect(asListed(applied)).toBe(asListed(after));
        expect(asListed(before)).toBe(listedBefore);
      }),
      { numRuns: 60 },
    );
  });

  it('split into parts of bounded size, applied one after another, give the same state', () => {
    fc.assert(
      fc.property(fc.nat(events.length), fc.nat(events.length), fc.integer({ min: 1, max: 200 }), (x, y, maxEntries) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const before = evolveAll(initialShopState(), events.slice(0, from));
        const after = evolveAll(before, events.slice(from, to));
        const changes = shopChanges(before, after);
        const parts = splitShopChanges(changes, maxEntries);
        const fields = collectionKeys;
        const entriesIn = (part: ShopChanges) =>
          fields.reduce((n, f) => {
            const c = part[f];
            return n + ('entries' in c ? 0 : c.set.length + c.removed.length);
          }, 0);
        for (const part of parts) expect(entriesIn(part)).toBeLessThanOrEqual(maxEntries);
        expect(parts.reduce((n, part) => n + entriesIn(part), 0)).toBe(entriesIn(changes));
        const applied = parts.map(viaJson).reduce(applyShopChanges, before);
        expect(asListed(applied)).toBe(asListed(after));
      }),
      { numRuns: 40 },
    );
  });

  it('carry only what the events in between touched', () => {
    const before = evolveAll(initialShopState(), events.slice(0, 2_000));
    const after = evolveAll(before, events.slice(2_000, 2_010));
    const changes = shopChanges(before, after);
    const sent = collectionKeys.reduce((n, field) => {
      const c = changes[field];
      return n + ('entries' in c ? c.entries.length : c.set.length + c.removed.length);
    }, 0);
    expect(before.orders.size).toBeGreaterThan(100);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(3 * 10 + before.products.size);
    expect(changes.orderIds.keep).toBe(before.orderIds.size);
  });

  it('follow a restore that takes an order back out of the order list', () => {
    const before = evolveAll(initialShopState(), events.slice(0, 1_500));
    const [first, second] = before.orderIds.toArray();
    expect(second).toBeDefined();
    const restore = (orderId: string): StoredEvent => ({
      ...events[0]!,
      seq: 1_501,
      streamId: `order-${orderId}`,
      type: 'OrderRestored',
      payload: { orderId, order: null, restoredTo: 0, purpose: 'restore' },
    });
    const after = evolveAll(before, [restore(first!)].concat(events.slice(1_500, 1_600)));
    const changes = shopChanges(before, after);
    expect(changes.orderIds.keep).toBe(0);
    const applied = applyShopChanges(before, viaJson(changes));
    expect(applied.orderIds.toArray()).toEqual(after.orderIds.toArray());
    expect(applied.orders.has(first!)).toBe(false);
    expect(asListed(applied)).toBe(asListed(after));
  });
});
