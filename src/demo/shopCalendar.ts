import type { Rng } from './demoHistory';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The shop opens at 9:00 and closes at 19:00 (UTC, as the app shows times), every day. */
export const OPENS_AT_HOUR = 9;
export const CLOSES_AT_HOUR = 19;
/** How busy each opening hour is, from 9:00: a quiet morning, a lunchtime and an after-work peak. */
const HOURLY = [0.6, 0.8, 1, 1.3, 1.2, 0.9, 0.9, 1, 1.3, 1.1];
/** How busy each day of the week is, Sunday first: weekends are the busy days. */
const WEEKLY = [1.6, 0.85, 0.85, 0.9, 0.95, 1.15, 2];
/** The sale week draws this many times the usual trade. */
const SALE_BOOST = 2.2;
const SALE_DAYS = 7;
/** A run shorter than this has no sale week: there is no "usual" trade for it to stand out from. */
const SALE_NEEDS_DAYS = 28;

export interface SaleWeek {
  /** First and last day of the sale, as YYYY-MM-DD (what a discount code's validity takes). */
  from: string;
  until: string;
  startMs: number;
  endMs: number;
}

/** Where a run's simulated trading happens, and how busy each moment of it is. */
export interface ShopCalendar {
  start: number;
  end: number;
  sale: SaleWeek | null;
  /** The moment (ms) by which fraction `f` (0–1) of the run's trade has happened. */
  momentAt(f: number): number;
}

/**
 * Where a run's months go: they end now and start `days` earlier, but never before the log's last
 * event, so that time only moves forward along the log; a log whose last event is recent gets its
 * trade compressed into what is left before now.
 */
export function tradingWindow(lastEventAt: number | null, now: number, days: number): { start: number; end: number } {
  const start = Math.max(lastEventAt ?? -Infinity, now - days * DAY_MS);
  return { start, end: Math.max(start, now) };
}

/**
 * The run's trading hours between `start` and `end`, each weighted by its hour, its day of the
 * week, the day's own luck and the sale week; a fraction of the trade maps to a moment through
 * them. A window without opening hours in it (less than a night) is spread evenly instead.
 */
export function shopCalendar(start: number, end: number, rng: Rng): ShopCalendar {
  const sale = end - start >= SALE_NEEDS_DAYS * DAY_MS ? saleWeek(start, end, rng) : null;
  const starts: number[] = [];
  const ends: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    const onSale = sale !== null && day >= sale.startMs && day < sale.endMs;
    const dayWeight = WEEKLY[new Date(day).getUTCDay()]! * (0.75 + 0.5 * rng()) * (onSale ? SALE_BOOST : 1);
    for (let hour = OPENS_AT_HOUR; hour < CLOSES_AT_HOUR; hour += 1) {
      const from = Math.max(start, day + hour * HOUR_MS);
      const to = Math.min(end, day + (hour + 1) * HOUR_MS);
      if (to <= from) continue;
      total += dayWeight * HOURLY[hour - OPENS_AT_HOUR]! * ((to - from) / HOUR_MS);
      starts.push(from);
      ends.push(to);
      cumulative.push(total);
    }
  }
  const momentAt = (f: number): number => {
    const share = Math.min(1, Math.max(0, f));
    if (total === 0) return Math.floor(start + share * (end - start));
    const wanted = share * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < wanted) lo = mid + 1;
      else hi = mid;
    }
    const before = lo === 0 ? 0 : cumulative[lo - 1]!;
    const into = (wanted - before) / (cumulative[lo]! - before);
    // Never the closing minute itself: a moment belongs to the hour it falls in.
    return Math.min(ends[lo]! - 1, Math.floor(starts[lo]! + into * (ends[lo]! - starts[lo]!)));
  };
  return { start, end, sale, momentAt };
}

/** A week somewhere in the second half of the run, from midnight to midnight. */
function saleWeek(start: number, end: number, rng: Rng): SaleWeek {
  const room = end - start - (SALE_DAYS + 1) * DAY_MS;
  const startMs = Math.ceil((start + (0.45 + 0.35 * rng()) * room) / DAY_MS) * DAY_MS;
  const endMs = startMs + SALE_DAYS * DAY_MS;
  return { from: dayOf(startMs), until: dayOf(endMs - DAY_MS), startMs, endMs };
}

/** YYYY-MM-DD of a moment (UTC). */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
