import { describe, expect, it } from 'vitest';
import { DensityPlot, marksOf, type EventMarks } from '../../../src/timeline';
import type { ReplayEvent } from '../../../src/es';

const categoryOf = (type: string) => (type.startsWith('Order') ? 'orders' : 'catalog');
const event = (seq: number, type: string, at: number): ReplayEvent =>
  ({ seq, type, at: new Date(at).toISOString(), payload: {}, schemaVersion: 1, streamId: 's', version: seq }) as ReplayEvent;
const marksAt = (times: number[], type = 'OrderPlaced'): EventMarks => marksOf(times.map((t, i) => event(i + 1, type, t)));
const plotOf = (times: number[]) => {
  const plot = new DensityPlot(categoryOf);
  plot.add(marksAt(times));
  return plot;
};
const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

describe('the density plot, by time range', () => {
  it('finds the first and last event in a time range of sorted times, the tail following the added', () => {
    const plot = plotOf([0, 1, 2, 2, 3].map((m) => T0 + m * MIN));
    const tail = marksAt([T0 + 4 * MIN, T0 + 5 * MIN]);
    expect(plot.indexRange(T0 + 2 * MIN, T0 + 2 * MIN, tail)).toEqual({ first: 2, last: 3 });
    expect(plot.indexRange(T0 + 1.5 * MIN, T0 + 4.5 * MIN, tail)).toEqual({ first: 2, last: 5 });
    expect(plot.indexRange(T0 + 4 * MIN, T0 + 99 * MIN, tail)).toEqual({ first: 5, last: 6 });
    expect(plot.timeAt(6, tail)).toBe(T0 + 5 * MIN);
    expect(plot.timeAt(7, tail)).toBeUndefined();
  });

  it('scans times that go back (an import of old data) and keeps only those inside the range', () => {
    // Position 2 is from 2010, the others are today's.
    const plot = plotOf([T0, T0 + MIN, Date.UTC(2010, 11, 1), T0 + 2 * MIN, T0 + 3 * MIN]);
    expect(plot.indexRange(T0 + MIN, T0 + 2 * MIN)).toEqual({ first: 1, last: 3 });
    expect(plot.indexRange(Date.UTC(2010, 0, 1), Date.UTC(2011, 0, 1))).toEqual({ first: 2, last: 2 });
    // A tail that goes back behind the added times is scanned too.
    const sorted = plotOf([T0, T0 + MIN]);
    expect(sorted.indexRange(T0 - 10 * MIN, T0 - 5 * MIN, marksAt([T0 - 7 * MIN]))).toEqual({ first: 2, last: 2 });
  });

  it('gives no range for an empty gap, a reversed range, beyond the ends or an empty plot', () => {
    const plot = plotOf([T0, T0 + 10 * MIN]);
    expect(plot.indexRange(T0 + MIN, T0 + 9 * MIN)).toBeNull();
    expect(plot.indexRange(T0 + 10 * MIN, T0)).toBeNull();
    expect(plot.indexRange(T0 + 11 * MIN, T0 + 99 * MIN)).toBeNull();
    expect(plot.indexRange(T0 - 99 * MIN, T0 - MIN)).toBeNull();
    expect(new DensityPlot(categoryOf).indexRange(0, Infinity)).toBeNull();
    expect(new DensityPlot(categoryOf).buckets(10)).toBeNull();
  });

  it('re-buckets only a window: its events, over its time, so the bars get finer', () => {
    const times = Array.from({ length: 100 }, (_, i) => T0 + i * MIN);
    const plot = plotOf(times);
    const whole = plot.buckets(10)!;
    expect(whole.buckets.map((b) => b.total).reduce((a, b) => a + b)).toBe(100);
    const window = { first: 20, last: 29, start: T0 + 20 * MIN, end: T0 + 30 * MIN };
    const zoomed = plot.buckets(10, undefined, window)!;
    expect(zoomed.start).toBe(window.start);
    expect(zoomed.end).toBe(window.end);
    expect(zoomed.buckets.map((b) => b.total)).toEqual(new Array(10).fill(1));
    expect(zoomed.buckets[3]!.from).toBe(T0 + 23 * MIN);
  });

  it('leaves out the window’s events whose time lies outside it, and counts the tail’s by category', () => {
    const plot = plotOf([T0, Date.UTC(2010, 0, 1), T0 + MIN]);
    const tail = marksAt([T0 + 2 * MIN], 'ProductRegistered');
    const zoomed = plot.buckets(2, tail, { first: 0, last: 3, start: T0, end: T0 + 2 * MIN })!;
    expect(zoomed.buckets.map((b) => b.counts)).toEqual([{ orders: 1 }, { orders: 1, catalog: 1 }]);
  });

  it('draws one event, or events all at one instant, without dividing by zero', () => {
    const one = plotOf([T0]).buckets(5)!;
    expect(one.end).toBeGreaterThan(one.start);
    expect(one.buckets.every((b) => Number.isFinite(b.from))).toBe(true);
    expect(one.buckets[0]!.total).toBe(1);
    const instant = plotOf([T0, T0, T0]).buckets(5, undefined, { first: 0, last: 2, start: T0, end: T0 })!;
    expect(instant.end).toBeGreaterThan(instant.start);
    expect(instant.buckets[0]!.total).toBe(3);
  });

  it('skips a time that cannot be read instead of failing', () => {
    const plot = new DensityPlot(categoryOf);
    plot.add({ times: Float64Array.from([T0, NaN, T0 + MIN]), types: Uint16Array.from([0, 0, 0]), typeNames: ['OrderPlaced'] });
    const density = plot.buckets(2)!;
    expect(density.buckets.map((b) => b.total)).toEqual([1, 1]);
    expect(plot.indexRange(T0, T0 + MIN)).toEqual({ first: 0, last: 2 });
  });

  it('zooms a million events to the right range and counts', () => {
    const n = 1_000_000;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = T0 + i * 1_000;
    const plot = new DensityPlot(categoryOf);
    plot.add({ times, types: new Uint16Array(n), typeNames: ['OrderPlaced'] });
    const range = plot.indexRange(T0 + 100_000_000, T0 + 600_000_000)!;
    const zoomed = plot.buckets(120, undefined, { ...range, start: T0 + 100_000_000, end: T0 + 600_000_000 })!;
    expect(range).toEqual({ first: 100_000, last: 600_000 });
    expect(zoomed.buckets.reduce((sum, b) => sum + b.total, 0)).toBe(500_001);
  });
});
