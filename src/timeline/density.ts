import type { StoredEvent } from '../es';

export interface DensityBucket {
  /** Start of the bucket, ms since epoch. */
  from: number;
  counts: Record<string, number>;
  total: number;
}

/**
 * Counts of events per time bucket and category, accumulated as events stream past (the
 * checkpoint build already reads every event, so the plot costs no extra pass over the log).
 */
export class DensityPlot {
  readonly buckets: DensityBucket[];
  private readonly width: number;

  constructor(
    readonly start: number,
    readonly end: number,
    size: number,
    private readonly categoryOf: (type: string) => string,
  ) {
    this.width = Math.max(1, (end - start) / size);
    this.buckets = Array.from({ length: size }, (_, i) => ({ from: start + i * this.width, counts: {}, total: 0 }));
  }

  add(events: readonly StoredEvent[]): void {
    for (const event of events) {
      const bucket = this.buckets[this.indexOf(Date.parse(event.at))]!;
      const category = this.categoryOf(event.type);
      bucket.counts[category] = (bucket.counts[category] ?? 0) + 1;
      bucket.total += 1;
    }
  }

  /** Bucket index of a time, clamped into the plot. */
  indexOf(time: number): number {
    return Math.min(this.buckets.length - 1, Math.max(0, Math.floor((time - this.start) / this.width)));
  }
}
