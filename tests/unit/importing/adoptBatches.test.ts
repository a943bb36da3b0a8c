import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/es';
import { adoptBatches } from '../../../src/importing';

/** Stored events whose payload carries `lines[i]` lines (or no lines at all when it is −1). */
function eventsWith(lines: number[]): StoredEvent[] {
  return lines.map(
    (count, i) =>
      ({
        seq: i + 1,
        type: count < 0 ? 'CustomerRegistered' : 'OrderImported',
        payload: count < 0 ? { customerId: `c${i}` } : { lines: Array.from({ length: count }, () => ({ sku: 'A', quantity: 1 })) },
      }) as unknown as StoredEvent,
  );
}

const weight = (event: StoredEvent) => 1 + ((event.payload as { lines?: unknown[] }).lines?.length ?? 0);

describe('adoptBatches', () => {
  it('hands over every event once, in order, in batches that stay under the weight unless one event alone is heavier', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 60 }), { maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (lines, max) => {
        const events = eventsWith(lines);
        const batches = [...adoptBatches(events, max)];
        expect(batches.flat().map((e) => e.seq)).toEqual(events.map((e) => e.seq));
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          const total = batch.reduce((sum, e) => sum + weight(e), 0);
          // A batch closes on the event that reaches the weight: without it, it was lighter.
          expect(total - weight(batch.at(-1)!)).toBeLessThan(max);
        }
      }),
    );
  });

  it('counts an order’s lines: a few big orders make a batch, many events without lines make one too', () => {
    const big = [...adoptBatches(eventsWith([99, 99, 99, 99]), 200)];
    expect(big.map((b) => b.length)).toEqual([2, 2]);
    const small = [...adoptBatches(eventsWith(Array.from({ length: 450 }, () => -1)), 200)];
    expect(small.map((b) => b.length)).toEqual([200, 200, 50]);
  });
});
