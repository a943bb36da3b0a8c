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

/**
 * Every event's time and category, packed (9 bytes an event), so the plot can be re-bucketed for
 * any time range — an import of 2010 followed by today's sales — without reading the log again.
 * Events are added as the checkpoint build streams past them.
 */
export class DensityPlot {
  private times = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private size = 0;
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
    this.size += times.length;
  }

  /** Counts per bucket and category over the whole time range, plus any extra events given. */
  buckets(n: number, extra: readonly ReplayEvent[] = []): Density | null {
    const total = this.size + extra.length;
    if (total === 0) return null;
    let start = Infinity;
    let end = -Infinity;
    for (let i = 0; i < this.size; i++) {
      const t = this.times[i]!;
      if (t < start) start = t;
      if (t > end) end = t;
    }
    const extraTimes = extra.map((e) => Date.parse(e.at));
    for (const t of extraTimes) {
      if (t < start) start = t;
      if (t > end) end = t;
    }
    end = Math.max(end, start + 60_000);
    const width = (end - start) / n;
    const counts = Array.from({ length: n }, () => new Uint32Array(this.categories.length + 8));
    const index = (t: number) => Math.min(n - 1, Math.floor((t - start) / width));
    for (let i = 0; i < this.size; i++) counts[index(this.times[i]!)]![this.kinds[i]!]! += 1;
    extra.forEach((e, i) => (counts[index(extraTimes[i]!)]![this.categoryIndex(this.categoryOf(e.type))]! += 1));
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
