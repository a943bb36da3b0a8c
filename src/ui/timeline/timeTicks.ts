/** Ticks for a dated time axis: "nice" steps (minutes, hours, days, weeks, months, years) in local time. */

export interface TimeTick {
  time: number;
  label: string;
}

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The steps an axis may take, shortest first, with their rough length to pick one by. */
const steps: { unit: Unit; n: number; ms: number }[] = [
  ...[1, 5, 15, 30].map((n) => ({ unit: 'second' as const, n, ms: n * SECOND })),
  ...[1, 5, 15, 30].map((n) => ({ unit: 'minute' as const, n, ms: n * MINUTE })),
  ...[1, 3, 6, 12].map((n) => ({ unit: 'hour' as const, n, ms: n * HOUR })),
  ...[1, 2].map((n) => ({ unit: 'day' as const, n, ms: n * DAY })),
  { unit: 'week', n: 1, ms: 7 * DAY },
  ...[1, 3, 6].map((n) => ({ unit: 'month' as const, n, ms: n * 30.44 * DAY })),
  ...[1, 2, 5, 10, 25, 50, 100].map((n) => ({ unit: 'year' as const, n, ms: n * 365.25 * DAY })),
];

/** At most this many ticks are returned, whatever is asked. */
const MAX_TICKS = 50;

/**
 * Ticks inside [start, end] at the shortest nice step that gives at most `maxTicks`, labelled with
 * the date (and the time of day when the step is shorter than a day). An empty or reversed range
 * gives one tick at its start; non-finite input gives none.
 */
export function timeTicks(start: number, end: number, maxTicks = 8, locale?: string): TimeTick[] {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return [];
  if (!(end > start)) return [{ time: start, label: format(start, 'minute', true, locale) }];
  const want = Math.max(1, Math.min(MAX_TICKS, Math.floor(maxTicks)));
  const span = end - start;
  const step = steps.find((s) => span / s.ms < want) ?? steps[steps.length - 1]!;
  const ticks: TimeTick[] = [];
  let previous: Date | null = null;
  for (let t = alignUp(start, step.unit, step.n); t <= end && ticks.length < MAX_TICKS; t = advance(t, step.unit, step.n)) {
    const date = new Date(t);
    // The date is repeated only where it changes, so short steps read "3 Dec 09:00, 12:00, …".
    const dayChanged = !previous || previous.toDateString() !== date.toDateString();
    ticks.push({ time: t, label: format(t, step.unit, dayChanged, locale, previous?.getFullYear() !== date.getFullYear()) });
    previous = date;
  }
  return ticks;
}

/** The first tick at or after `time` on a step of `n` units. */
function alignUp(time: number, unit: Unit, n: number): number {
  const d = new Date(time);
  switch (unit) {
    case 'second':
      d.setMilliseconds(0);
      d.setSeconds(Math.floor(d.getSeconds() / n) * n);
      break;
    case 'minute':
      d.setSeconds(0, 0);
      d.setMinutes(Math.floor(d.getMinutes() / n) * n);
      break;
    case 'hour':
      d.setMinutes(0, 0, 0);
      d.setHours(Math.floor(d.getHours() / n) * n);
      break;
    case 'day':
      d.setHours(0, 0, 0, 0);
      break;
    case 'week':
      d.setHours(0, 0, 0, 0);
      d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // back to Monday
      break;
    case 'month':
      d.setHours(0, 0, 0, 0);
      d.setDate(1);
      d.setMonth(Math.floor(d.getMonth() / n) * n);
      break;
    case 'year':
      d.setHours(0, 0, 0, 0);
      d.setMonth(0, 1);
      d.setFullYear(Math.floor(d.getFullYear() / n) * n);
      break;
  }
  let t = d.getTime();
  while (t < time) t = advance(t, unit, n);
  return t;
}

function advance(time: number, unit: Unit, n: number): number {
  const d = new Date(time);
  if (unit === 'second') d.setSeconds(d.getSeconds() + n);
  else if (unit === 'minute') d.setMinutes(d.getMinutes() + n);
  else if (unit === 'hour') d.setHours(d.getHours() + n);
  else if (unit === 'day') d.setDate(d.getDate() + n);
  else if (unit === 'week') d.setDate(d.getDate() + 7 * n);
  else if (unit === 'month') d.setMonth(d.getMonth() + n);
  else d.setFullYear(d.getFullYear() + n);
  // A step always moves on, even across a clock change that would land it on the same instant.
  return Math.max(d.getTime(), time + 1);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(time: number, unit: Unit, withDate: boolean, locale?: string, withYear = false): string {
  const options: Intl.DateTimeFormatOptions =
    unit === 'year'
      ? { year: 'numeric' }
      : unit === 'month'
        ? { month: 'short', ...(withYear ? { year: 'numeric' } : {}) }
        : unit === 'day' || unit === 'week'
          ? { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) }
          : {
              ...(withDate ? { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) } : {}),
              hour: '2-digit',
              minute: '2-digit',
              ...(unit === 'second' ? { second: '2-digit' } : {}),
            };
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) formats.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter.format(time);
}

/** A date and time for the zoom's label and the chart's name: minutes, in the reader's locale. */
export function formatMoment(time: number, locale?: string): string {
  return format(time, 'minute', true, locale, true);
}
