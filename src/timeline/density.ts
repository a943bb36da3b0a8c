import type { ReplayEvent } from '../es';

export interface DensityBucket {
  /** Start of the bucket, ms since epoch. */
  from: number;
  counts: Record<string, number>;
  total: number;
}

export interface Density {
  start: number;
  end: number;
  buckets: DensityBucket[];
}

/**
 * When each event of a run happened and what type it is, packed: what the plot needs, in a form
 * that crosses from a worker as two buffers and a short list of type names.
 */
export interface EventMarks {
  times: Float64Array;
  /** Index into typeNames, per event. */
  types: Uint16Array;
  typeNames: string[];
}

export function marksOf(events: readonly ReplayEvent[]): EventMarks {
  const times = new Float64Array(events.length);
  const types = new Uint16Array(events.length);
  const typeNames: string[] = [];
  const index = new Map<string, number>();
  events.forEach((event, i) => {
    times[i] = Date.parse(event.at);
    let k = index.get(event.type);
    if (k === undefined) index.set(event.type, (k = typeNames.push(event.type) - 1));
    types[i] = k;
  });
  return { times, types, typeNames };
}

/** What a zoomed plot draws: a run of events (by index) over a time window. */
export interface DensityWindow {
  /** First and last event, counted from the first one added (0); the extra ones follow on. */
  first: number;
  last: number;
  /** The time window drawn, ms since epoch. */
  start: number;
  end: number;
}

/** The shortest time a plot spans, so one event or one instant still has a width. */
const MIN_SPAN_MS = 60_000;
/** The shortest window a zoom may draw. */
export const MIN_ZOOM_SPAN_MS = 1_000;

const none: EventMarks = { times: new Float64Array(0), types: new Uint16Array(0), typeNames: [] };

/**
 * Every event's time and category, packed (9 bytes an event), so the plot can be re-bucketed for
 * any time range — an import of 2010 followed by today's sales — without reading the log again.
 * Events are added as the checkpoint build streams past them.
 */
export class DensityPlot {
  private times = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private size = 0;
  /** Whether the times never go back (imports of old data may): then a range is a binary search. */
  private sorted = true;
  private readonly categories: string[] = [];

  constructor(private readonly categoryOf: (type: string) => string) {}

  get count(): number {
    return this.size;
  }

  add(marks: EventMarks): void {
    const { times, types, typeNames } = marks;
    const kinds = typeNames.map((type) => this.categoryIndex(this.categoryOf(type)));
    this.reserve(this.size + times.length);
    this.times.set(times, this.size);
    for (let i = 0; i < types.length; i += 1) this.kinds[this.size + i] = kinds[types[i]!]!;
    this.sorted &&= nonDecreasing(times, this.size > 0 ? this.times[this.size - 1]! : -Infinity);
    this.size += times.length;
  }

  /** Keeps the first `count` events only: the history after them was written anew (a sync rebase). */
  truncate(count: number): void {
    this.size = Math.max(0, Math.min(this.size, count));
    this.sorted = nonDecreasing(this.times.subarray(0, this.size), -Infinity);
  }

  /** The time of event `index`, the extra ones following the added; undefined beyond them. */
  timeAt(index: number, extra: EventMarks = none): number | undefined {
    if (!Number.isInteger(index) || index < 0) return undefined;
    return index < this.size ? this.times[index] : extra.times[index - this.size];
  }

  /**
   * The first and last event whose time lies in [from, to] (indexes as in `timeAt`), or null if
   * none does. Sorted times are searched; times that go back somewhere are scanned.
   */
  indexRange(from: number, to: number, extra: EventMarks = none): { first: number; last: number } | null {
    const total = this.size + extra.times.length;
    if (total === 0 || !(from <= to)) return null;
    const at = (i: number) => (i < this.size ? this.times[i]! : extra.times[i - this.size]!);
    const sorted = this.sorted && nonDecreasing(extra.times, this.size > 0 ? this.times[this.size - 1]! : -Infinity);
    if (sorted) {
      const first = lowerBound(at, total, (t) => t >= from);
      const last = lowerBound(at, total, (t) => t > to) - 1;
      return first <= last ? { first, last } : null;
    }
    // Two plain loops, the added times and the extra ones: a closure per event costs ~10× at a million.
    let first = -1;
    let last = -1;
    const { times, size } = this;
    for (let i = 0; i < size; i++) {
      const t = times[i]!;
      if (t < from || t > to || t !== t) continue;
      if (first < 0) first = i;
      last = i;
    }
    for (let j = 0; j < extra.times.length; j++) {
      const t = extra.times[j]!;
      if (t < from || t > to || t !== t) continue;
      if (first < 0) first = size + j;
      last = size + j;
    }
    return first < 0 ? null : { first, last };
  }

  /**
   * Counts per bucket and category: over the whole time range of all events (the added and the
   * extra ones), or, zoomed, of the window's events that fall inside its time.
   */
  buckets(n: number, extra: EventMarks = none, window?: DensityWindow): Density | null {
    const total = this.size + extra.times.length;
    if (total === 0 || !(n >= 1)) return null;
    const { times, kinds, size } = this;
    const first = Math.max(0, window?.first ?? 0);
    const last = Math.min(total - 1, window?.last ?? total - 1);
    let start = window?.start ?? Infinity;
    let end = window?.end ?? -Infinity;
    if (!window) {
      for (let i = 0; i < size; i++) {
        const t = times[i]!;
        if (t < start) start = t;
        if (t > end) end = t;
      }
      for (const t of extra.times) {
        if (t < start) start = t;
        if (t > end) end = t;
      }
    }
    if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
    end = Math.max(end, start + (window ? MIN_ZOOM_SPAN_MS : MIN_SPAN_MS));
    const width = (end - start) / n;
    const perWidth = n / (end - start);
    const extraKinds = extra.typeNames.map((type) => this.categoryIndex(this.categoryOf(type)));
    // One flat table, bucket by category: no allocation per bucket or per event.
    const c = this.categories.length;
    const table = new Uint32Array(n * c);
    const lastAdded = Math.min(last, size - 1);
    for (let i = first; i <= lastAdded; i++) {
      const t = times[i]!;
      if (!(t >= start && t <= end)) continue; // also a time that could not be read (NaN)
      table[Math.min(n - 1, Math.floor((t - start) * perWidth)) * c + kinds[i]!]! += 1;
    }
    for (let j = Math.max(0, first - size); j <= last - size; j++) {
      const t = extra.times[j]!;
      if (!(t >= start && t <= end)) continue;
      table[Math.min(n - 1, Math.floor((t - start) * perWidth)) * c + extraKinds[extra.types[j]!]!]! += 1;
    }
    const counts = Array.from({ length: n }, (_, b) => table.subarray(b * c, b * c + c));
    return {
      start,
      end,
      buckets: counts.map((row, b) => {
        const named: Record<string, number> = {};
        let sum = 0;
        this.categories.forEach((c, k) => {
          if (row[k]) named[c] = row[k]!;
          sum += row[k]!;
        });
        return { from: start + b * width, counts: named, total: sum };
      }),
    };
  }

  private categoryIndex(category: string): number {
    let k = this.categories.indexOf(category);
    if (k < 0) k = this.categories.push(category) - 1;
    return k;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.times.length) return;
    const next = Math.max(capacity, this.times.length * 2);
    const times = new Float64Array(next);
    times.set(this.times.subarray(0, this.size));
    const kinds = new Uint8Array(next);
    kinds.set(this.kinds.subarray(0, this.size));
    this.times = times;
    this.kinds = kinds;
  }
}

function nonDecreasing(times: Float64Array, previous: number): boolean {
  let last = previous;
  for (let i = 0; i < times.length; i++) {
    if (!(times[i]! >= last)) return false;
    last = times[i]!;
  }
  return true;
}

/** The first index in [0, n) where `test` holds, given it holds from some index onwards. */
function lowerBound(at: (i: number) => number, n: number, test: (t: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(at(mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
