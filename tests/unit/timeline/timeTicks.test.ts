import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../../src/ui/timeline/timeTicks';
import { zoomAbout } from '../../../src/ui/timeline/zoomMath';

const DAY = 86_400_000;
const local = (y: number, m: number, d = 1, h = 0, min = 0) => new Date(y, m, d, h, min).getTime();

describe('the time axis', () => {
  it('steps by months over most of a year, each tick on the 1st at midnight, inside the range', () => {
    const start = local(2010, 11, 5);
    const end = local(2011, 5, 20);
    const ticks = timeTicks(start, end, 8, 'en-GB');
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.length).toBeLessThanOrEqual(8);
    for (const tick of ticks) {
      const d = new Date(tick.time);
      expect(d.getDate()).toBe(1);
      expect(d.getHours()).toBe(0);
      expect(tick.time).toBeGreaterThanOrEqual(start);
      expect(tick.time).toBeLessThanOrEqual(end);
    }
    expect(ticks[0]!.label).toBe('Jan 2011');
    expect(ticks[1]!.label).toBe('Feb');
  });

  it('steps by days or weeks over weeks, by hours and minutes over a day or less', () => {
    const days = timeTicks(local(2026, 0, 1), local(2026, 0, 6), 8, 'en-GB');
    expect(days.map((t) => t.label)).toEqual(['1 Jan 2026', '2 Jan', '3 Jan', '4 Jan', '5 Jan', '6 Jan']);
    const weeks = timeTicks(local(2026, 0, 1), local(2026, 1, 15), 8, 'en-GB');
    expect(weeks.every((t) => new Date(t.time).getDay() === 1)).toBe(true);
    const hours = timeTicks(local(2026, 0, 1, 9, 10), local(2026, 0, 1, 17, 0), 8, 'en-GB');
    expect(hours.map((t) => t.label)).toEqual(['1 Jan 2026, 10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']);
    const quarters = timeTicks(local(2026, 0, 1, 9, 10), local(2026, 0, 1, 17, 0), 4, 'en-GB');
    expect(quarters.map((t) => t.label)).toEqual(['1 Jan 2026, 12:00', '15:00']);
    const minutes = timeTicks(local(2026, 0, 1, 9, 0), local(2026, 0, 1, 9, 20), 8, 'en-GB');
    expect(minutes.map((t) => t.label)).toEqual(['1 Jan 2026, 09:00', '09:05', '09:10', '09:15', '09:20']);
  });

  it('repeats the date where a day changes under an hourly step', () => {
    const ticks = timeTicks(local(2026, 0, 1, 20), local(2026, 0, 2, 4), 8, 'en-GB');
    expect(ticks.map((t) => t.label)).toContain('2 Jan, 00:00');
  });

  it('gives one tick for an empty range and none for unreadable input; never more than asked', () => {
    expect(timeTicks(local(2026, 0, 1), local(2026, 0, 1), 8, 'en-GB')).toHaveLength(1);
    expect(timeTicks(NaN, 5)).toEqual([]);
    expect(timeTicks(0, Infinity)).toEqual([]);
    for (const span of [1_000, 90_000, DAY / 3, 40 * DAY, 3_000 * DAY, 40_000 * DAY]) {
      const ticks = timeTicks(local(2000, 0, 1), local(2000, 0, 1) + span, 6);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.every((t, i) => i === 0 || t.time > ticks[i - 1]!.time)).toBe(true);
    }
  });
});

describe('zooming about a point', () => {
  it('keeps the point at the same place and scales the span', () => {
    expect(zoomAbout(0, 100, 25, 0.5)).toEqual({ start: 12.5, end: 62.5 });
    expect(zoomAbout(0, 100, 100, 2)).toEqual({ start: -100, end: 100 });
  });

  it('treats a point outside the window as its nearest end and a bad factor as none', () => {
    expect(zoomAbout(0, 100, 500, 0.5)).toEqual({ start: 50, end: 100 });
    expect(zoomAbout(0, 100, 50, NaN)).toEqual({ start: 0, end: 100 });
    expect(zoomAbout(0, 100, 50, -1)).toEqual({ start: 0, end: 100 });
  });
});
