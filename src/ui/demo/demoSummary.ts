import type { DemoResult } from '../../state';
import { countOf, formatCount } from '../../domain';

const DAY_MS = 86_400_000;
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * What a finished demo run made, in shop words: "Made 6 months of trading (2 Jun – 1 Dec 2026):
 * 10,000 events — 416 customers, 1,047 orders (76 cancelled, 59 with returns), 3 discount codes,
 * 25 restocks — in 4.0 s."
 */
export function demoSummary(result: Pick<DemoResult, 'events' | 'ms' | 'from' | 'until' | 'made'>): string {
  const seconds = `${(result.ms / 1000).toFixed(1)} s`;
  if (result.events === 0 || result.from === null || result.until === null) return `Added no events (in ${seconds}).`;
  const { customers, orders, cancelled, returned, discountCodes, restocks } = result.made;
  const from = Date.parse(result.from);
  const until = Date.parse(result.until);
  const ordersText = `${countOf(orders, 'order')} (${formatCount(cancelled)} cancelled, ${formatCount(returned)} with ${returned === 1 ? 'a return' : 'returns'})`;
  const made = [countOf(customers, 'customer'), ordersText, countOf(discountCodes, 'discount code'), countOf(restocks, 'restock')];
  return `Made ${span(until - from)} of trading (${dates(from, until)}): ${countOf(result.events, 'event')} — ${made.join(', ')} — in ${seconds}.`;
}

/** A length of time in the largest unit that fits it at least twice (a month counted as 30.44 days). */
function span(ms: number): string {
  const days = ms / DAY_MS;
  if (days >= 56) return countOf(Math.round(days / 30.44), 'month');
  if (days >= 14) return countOf(Math.round(days / 7), 'week');
  if (days >= 2) return countOf(Math.round(days), 'day');
  if (ms >= 2 * 3_600_000) return countOf(Math.round(ms / 3_600_000), 'hour');
  return countOf(Math.max(1, Math.round(ms / 60_000)), 'minute');
}

/** "2 Jun – 1 Dec 2026", the year on both ends only when they differ; one day alone when they are the same. */
function dates(from: number, until: number): string {
  const [start, end] = [dayMonthYear.format(from), dayMonthYear.format(until)];
  if (start === end) return end;
  const sameYear = new Date(from).getUTCFullYear() === new Date(until).getUTCFullYear();
  return `${sameYear ? dayMonth.format(from) : start} – ${end}`;
}
