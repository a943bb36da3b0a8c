import { categoryOf, type ShopState } from '../../domain';
import {
  DensityPlot,
  MIN_ZOOM_SPAN_MS,
  marksOf,
  type CheckpointIndex,
  type Density,
  type DensityWindow,
  type EventMarks,
} from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore, TimeZoom } from '../timelineStore';

const DEFAULT_BUCKETS = 120;

/** How a zoom changes the stack of zoomed views: one more level, or the current one moved. */
export type ZoomHow = 'in' | 'replace';
export type ZoomOutcome = { zoomed: true } | { zoomed: false; reason: string };

const noEvents: EventMarks = marksOf([]);

/**
 * The density plot: every event the checkpoint build passes, plus the tail beyond it. It can be
 * zoomed to a time range (nested); a zoom re-buckets what is held, never reading the log again.
 */
export class TimelineDensity {
  private readonly plot = new DensityPlot(categoryOf);
  /** The tail read at the last refresh, packed: the events after the checkpoints. */
  private tail: EventMarks = noEvents;
  private extent: { start: number; end: number } | null = null;
  /** Zoomed views, outermost first; empty for the whole history. */
  private levels: DensityWindow[] = [];

  constructor(
    private readonly log: ShopRuntime['log'],
    private readonly checkpoints: CheckpointIndex<ShopState>,
    private readonly store: TimelineStore,
    private readonly bucketCount = DEFAULT_BUCKETS,
  ) {
    checkpoints.observe((marks) => this.plot.add(marks));
  }

  /** The checkpoints were cut back (the history after them was rewritten): so are the marks and any zoom. */
  cutBack(): void {
    this.plot.truncate(this.checkpoints.builtUpTo - this.checkpoints.start);
    this.levels = [];
  }

  async refresh(): Promise<void> {
    this.tail = marksOf(await this.log.readRange(this.checkpoints.builtUpTo + 1));
    // The whole history's drawing tells its extent; a zoomed one needs a pass of its own.
    const whole = this.levels.length === 0 ? this.draw() : this.plot.buckets(1, this.tail);
    this.extent = whole && { start: whole.start, end: whole.end };
    if (this.levels.length > 0) this.draw();
  }

  /** Zooms to the events whose time lies in [start, end], within the history's time. */
  zoomTo(start: number, end: number, how: ZoomHow): ZoomOutcome {
    const extent = this.extent;
    if (!extent) return { zoomed: false, reason: 'There are no events to zoom into yet.' };
    if (!Number.isFinite(start) || !Number.isFinite(end)) return { zoomed: false, reason: 'That time range cannot be read.' };
    let from = Math.max(Math.min(start, end), extent.start);
    let to = Math.min(Math.max(start, end), extent.end);
    if (to - from < MIN_ZOOM_SPAN_MS) {
      // Too short to draw (a click, or zoomed in to the end): widened about its middle, inside the history.
      const middle = (from + to) / 2;
      from = Math.max(extent.start, middle - MIN_ZOOM_SPAN_MS / 2);
      to = Math.min(extent.end, from + MIN_ZOOM_SPAN_MS);
    }
    if (from <= extent.start && to >= extent.end) {
      // The whole history (a wheel turned out past it): redrawn only if it was not shown already.
      if (this.levels.length > 0) {
        this.levels = [];
        this.draw();
      }
      return { zoomed: true };
    }
    const top = this.levels.at(-1);
    if (top && top.start === from && top.end === to) {
      // Nothing would change: zoomed in as far as it goes, or a wheel that moved nothing.
      return how === 'in' ? { zoomed: false, reason: 'The timeline zooms in no further than a second.' } : { zoomed: true };
    }
    const range = this.plot.indexRange(from, to, this.tail);
    if (!range) return { zoomed: false, reason: `No events between ${utc(from)} and ${utc(to)}.` };
    const window = { ...range, start: from, end: to };
    if (how === 'replace' && this.levels.length > 0) this.levels[this.levels.length - 1] = window;
    else this.levels.push(window);
    this.draw();
    return { zoomed: true };
  }

  /** Back one zoomed level, or to the whole history. */
  zoomOut(all: boolean): void {
    if (this.levels.length === 0) return;
    if (all) this.levels = [];
    else this.levels.pop();
    this.draw();
  }

  /** When the event at `position` happened, if the plot holds it. */
  timeOf(position: number): number | null {
    return this.plot.timeAt(position - this.firstPosition, this.tail) ?? null;
  }

  /** The position of the plot's first event: the one after the log's origin. */
  private get firstPosition(): number {
    return this.checkpoints.start + 1;
  }

  private draw(): Density | null {
    const window = this.levels.at(-1);
    const zoom: TimeZoom | null = window
      ? {
          fromPosition: this.firstPosition + window.first,
          toPosition: this.firstPosition + window.last,
          start: window.start,
          end: window.end,
          depth: this.levels.length,
        }
      : null;
    const density = this.plot.buckets(this.bucketCount, this.tail, window);
    this.store.setState({ density, zoom });
    return density;
  }
}

function utc(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
