import { describe, expect, it } from 'vitest';
import { CLOSES_AT_HOUR, OPENS_AT_HOUR, mulberry32, shopCalendar, tradingWindow } from '../../../src/demo';

const DAY = 86_400_000;
const now = Date.parse('2026-12-01T15:00:00.000Z');

describe('the shop calendar', () => {
  it('puts the months before now, after the last event, and never past now', () => {
    expect(tradingWindow(null, now, 182)).toEqual({ start: now - 182 * DAY, end: now });
    expect(tradingWindow(now - 10 * DAY, now, 182)).toEqual({ start: now - 10 * DAY, end: now });
    expect(tradingWindow(now - 400 * DAY, now, 182)).toEqual({ start: now - 182 * DAY, end: now });
    // A last event after "now" (another computer's clock): nothing before it, nothing after it.
    expect(tradingWindow(now + DAY, now, 182)).toEqual({ start: now + DAY, end: now + DAY });
  });

  it('maps the share of trade to moments that only go forward, in opening hours, with a sale week', () => {
    const calendar = shopCalendar(now - 182 * DAY, now, mulberry32(1));
    const moments = Array.from({ length: 2_001 }, (_, i) => calendar.momentAt(i / 2_000));
    expect(moments.every((m, i) => i === 0 || m >= moments[i - 1]!)).toBe(true);
    expect(moments[0]!).toBeGreaterThanOrEqual(calendar.start);
    expect(moments.at(-1)!).toBeLessThanOrEqual(now);
    expect(moments.every((m) => new Date(m).getUTCHours() >= OPENS_AT_HOUR && new Date(m).getUTCHours() < CLOSES_AT_HOUR)).toBe(true);
    const sale = calendar.sale!;
    expect(sale.endMs - sale.startMs).toBe(7 * DAY);
    expect(sale.from < sale.until).toBe(true);
    // The sale week takes well over its share (7 of 182 days) of the trade.
    const inSale = moments.filter((m) => m >= sale.startMs && m < sale.endMs).length;
    expect(inSale / moments.length).toBeGreaterThan((2 * 7) / 182);
  });

  it('spreads a window without opening hours evenly, and a short run has no sale', () => {
    const night = Date.parse('2026-12-01T21:00:00.000Z');
    const calendar = shopCalendar(night, night + 4 * 3_600_000, mulberry32(2));
    expect(calendar.sale).toBeNull();
    expect(calendar.momentAt(0.5)).toBe(night + 2 * 3_600_000);
    expect(shopCalendar(night, night, mulberry32(2)).momentAt(0.7)).toBe(night);
  });
});
