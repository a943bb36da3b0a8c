import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from '../../../src/es';
import { DensityPlot, marksOf } from '../../../src/timeline';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const event = (seq: number, type: string, minute: number): ReplayEvent =>
  ({ seq, type, at: at(minute), payload: {}, schemaVersion: 1, streamId: 's', version: seq }) as ReplayEvent;

describe('the density plot', () => {
  it('counts marks made here and marks that came packed from elsewhere alike, per bucket and category', () => {
    const events = [event(1, 'ProductRegistered', 0), event(2, 'OrderPlaced', 0), event(3, 'OrderPlaced', 59), event(4, 'OrderPaid', 119)];
    const marks = marksOf(events);
    expect(marks.typeNames).toEqual(['ProductRegistered', 'OrderPlaced', 'OrderPaid']);
    expect([...marks.types]).toEqual([0, 1, 1, 2]);
    const categoryOf = (type: string) => (type.startsWith('Order') ? 'orders' : 'catalog');
    const plot = new DensityPlot(categoryOf);
    plot.add(marksOf(events.slice(0, 2)));
    // A second run of marks with its own type table, as each worker message brings.
    plot.add(marksOf(events.slice(2)));
    expect(plot.count).toBe(4);
    const density = plot.buckets(2)!;
    expect(density.buckets.map((b) => b.counts)).toEqual([{ catalog: 1, orders: 2 }, { orders: 1 }]);
  });
});
