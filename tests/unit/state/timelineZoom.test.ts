import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from '../../../src/es';
import type { ShopState } from '../../../src/domain';
import { marksOf, type CheckpointIndex, type EventMarks } from '../../../src/timeline';
import { TimelineDensity } from '../../../src/state/timeMachine/densityPlot';
import { createTimelineStore } from '../../../src/state/timelineStore';
import type { ShopRuntime } from '../../../src/state';

const DAY = 86_400_000;
const T0 = Date.UTC(2011, 0, 1);
const event = (seq: number, at: number, type = 'OrderPlaced'): ReplayEvent =>
  ({ seq, type, at: new Date(at).toISOString(), payload: {}, schemaVersion: 1, streamId: 's', version: seq }) as ReplayEvent;

/**
 * A plot over a log whose beginning was archived at `origin`: `built` events come through the
 * checkpoint build, the rest are the tail the refresh reads. Event k (from 0) is on day k.
 */
function plotOver(days: number[], built: number, origin = 0) {
  const events = days.map((d, k) => event(origin + 1 + k, T0 + d * DAY));
  let observer: (marks: EventMarks) => void = () => undefined;
  const checkpoints = {
    observe: (o: (marks: EventMarks) => void) => (observer = o),
    start: origin,
    builtUpTo: origin + built,
  } as unknown as CheckpointIndex<ShopState>;
  let reads = 0;
  const log = {
    readRange: (from: number) => {
      reads += 1;
      return Promise.resolve(events.filter((e) => e.seq >= from));
    },
  } as unknown as ShopRuntime['log'];
  const store = createTimelineStore();
  const density = new TimelineDensity(log, checkpoints, store, 10);
  observer(marksOf(events.slice(0, built)));
  return { density, store, reads: () => reads };
}

describe('zooming the timeline to a time range', () => {
  it('maps the range to the positions of its events, counted from the archive origin, built and tail alike', async () => {
    const { density, store, reads } = plotOver([0, 1, 2, 3, 10, 11, 12, 30], 4, 100);
    await density.refresh();
    const readsBefore = reads();
    expect(density.zoomTo(T0 + 2 * DAY, T0 + 11 * DAY, 'in')).toEqual({ zoomed: true });
    expect(store.getState().zoom).toEqual({ fromPosition: 103, toPosition: 106, start: T0 + 2 * DAY, end: T0 + 11 * DAY, depth: 1 });
    const density9 = store.getState().density!;
    expect(density9.start).toBe(T0 + 2 * DAY);
    expect(density9.buckets.reduce((n, b) => n + b.total, 0)).toBe(4);
    expect(density.timeOf(106)).toBe(T0 + 11 * DAY);
    expect(density.timeOf(100)).toBeNull();
    // A zoom re-buckets what the plot holds: the log is not read again.
    expect(reads()).toBe(readsBefore);
  });

  it('nests, moves the innermost zoom, and steps back out one level or all the way', async () => {
    const { density, store } = plotOver([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10);
    await density.refresh();
    density.zoomTo(T0 + 2 * DAY, T0 + 7 * DAY, 'in');
    density.zoomTo(T0 + 3 * DAY, T0 + 4 * DAY, 'in');
    expect(store.getState().zoom).toMatchObject({ fromPosition: 4, toPosition: 5, depth: 2 });
    density.zoomTo(T0 + 5 * DAY, T0 + 6 * DAY, 'replace');
    expect(store.getState().zoom).toMatchObject({ fromPosition: 6, toPosition: 7, depth: 2 });
    density.zoomOut(false);
    expect(store.getState().zoom).toMatchObject({ fromPosition: 3, toPosition: 8, depth: 1 });
    density.zoomTo(T0 + 3 * DAY, T0 + 4 * DAY, 'in');
    // Zooming in to where it already is nests nothing.
    const { zoom } = store.getState();
    expect(density.zoomTo(zoom!.start, zoom!.end, 'in')).toMatchObject({ zoomed: false });
    expect(store.getState().zoom).toBe(zoom);
    density.zoomOut(true);
    expect(store.getState().zoom).toBeNull();
    expect(store.getState().density!.end).toBe(T0 + 9 * DAY);
  });

  it('clamps a zoom beyond the ends to the history, and one that covers it all is the whole history', async () => {
    const { density, store } = plotOver([0, 5, 9], 3);
    await density.refresh();
    density.zoomTo(T0 + 4 * DAY, T0 + 99 * DAY, 'in');
    expect(store.getState().zoom).toEqual({ fromPosition: 2, toPosition: 3, start: T0 + 4 * DAY, end: T0 + 9 * DAY, depth: 1 });
    expect(density.zoomTo(T0 - 99 * DAY, T0 + 99 * DAY, 'in')).toEqual({ zoomed: true });
    expect(store.getState().zoom).toBeNull();
  });

  it('refuses an empty range, an unreadable one, or one before anything is drawn, and changes nothing', async () => {
    const { density, store } = plotOver([0, 9], 2);
    expect(density.zoomTo(T0, T0 + DAY, 'in')).toMatchObject({ zoomed: false });
    await density.refresh();
    density.zoomTo(T0, T0 + 5 * DAY, 'in');
    const before = store.getState();
    const outcome = density.zoomTo(T0 + 2 * DAY, T0 + 3 * DAY, 'in');
    expect(outcome).toEqual({ zoomed: false, reason: 'No events between 2011-01-03 00:00 UTC and 2011-01-04 00:00 UTC.' });
    expect(density.zoomTo(NaN, T0, 'in')).toMatchObject({ zoomed: false, reason: 'That time range cannot be read.' });
    expect(store.getState().zoom).toBe(before.zoom);
    expect(store.getState().density).toBe(before.density);
  });

  it('zooms a history of one event, or of events all at one instant, without NaN', async () => {
    const { density, store } = plotOver([3, 3, 3], 1);
    await density.refresh();
    expect(store.getState().density!.end).toBeGreaterThan(store.getState().density!.start);
    // Everything is at one instant: any range that holds it holds the whole history.
    expect(density.zoomTo(T0 + 3 * DAY - 1, T0 + 3 * DAY + 1, 'in')).toEqual({ zoomed: true });
    const { zoom, density: shown } = store.getState();
    expect(zoom === null || (Number.isFinite(zoom.start) && Number.isFinite(zoom.end))).toBe(true);
    expect(shown!.buckets.every((b) => Number.isFinite(b.from))).toBe(true);
  });

  it('finds the events of an import of old data among newer ones (times that go back)', async () => {
    const { density, store } = plotOver([100, 101, -3650, -3649, 102], 5);
    await density.refresh();
    density.zoomTo(T0 - 3651 * DAY, T0 - 3600 * DAY, 'in');
    expect(store.getState().zoom).toMatchObject({ fromPosition: 3, toPosition: 4 });
    expect(store.getState().density!.buckets.reduce((n, b) => n + b.total, 0)).toBe(2);
  });
});
