import { createStore } from 'zustand/vanilla';
import type { BranchRecord, StoredEvent } from '../es';
import type { ShopState } from '../domain';
import type { BuildProgress, Density } from '../timeline';

export interface BranchView {
  record: BranchRecord;
  state: ShopState;
  eventCount: number;
  /** When the branch's events happened, to draw them beside the real history. */
  eventTimes: number[];
}

export type DensityView = Density;

/** A zoomed view of the history: the events it holds and the time the plot draws. */
export interface TimeZoom {
  fromPosition: number;
  toPosition: number;
  /** The time drawn, ms since epoch. */
  start: number;
  end: number;
  /** Zooms deep: 1 = zoomed once from the whole history. */
  depth: number;
}

/** The time machine's view state: where the cursor is and what the app shows there. */
export interface TimelineView {
  /** null while following the present. */
  cursor: number | null;
  /** The state the views show instead of the present (past, what-if), or null for the present. */
  viewed: ShopState | null;
  viewedEvent: StoredEvent | null;
  /** The position `viewed` shows: it trails `cursor` while a jump is being computed. */
  viewedAt: number | null;
  computing: boolean;
  build: BuildProgress | null;
  skips: ReadonlySet<number>;
  flagged: ReadonlyMap<number, string>;
  branch: BranchView | null;
  branches: BranchRecord[];
  /** Times of the events branches start from, to mark them on the plot. */
  branchMarks: number[];
  undoable: number;
  redoable: number;
  density: DensityView | null;
  /** null for the whole history; the plot and the slider span only a zoomed range. */
  zoom: TimeZoom | null;
  /** Outcome of the last time-machine action (restore, apply, undo …), for the user to read. */
  notice: { kind: 'info' | 'error'; text: string; details?: string[] } | null;
}

export const createTimelineStore = () =>
  createStore<TimelineView>(() => ({
    cursor: null,
    viewed: null,
    viewedEvent: null,
    viewedAt: null,
    computing: false,
    build: null,
    skips: new Set(),
    flagged: new Map(),
    branch: null,
    branches: [],
    branchMarks: [],
    undoable: 0,
    redoable: 0,
    density: null,
    zoom: null,
    notice: null,
  }));

export type TimelineStore = ReturnType<typeof createTimelineStore>;
