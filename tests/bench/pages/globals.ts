import type { ShopRuntime, TimeMachine } from '../../../src/state';
import type { LabApi } from './lab';

/** What the app (src/main.tsx) and the bench pages put on `window` for the harness. */
declare global {
  interface Window {
    rewind: { runtime: ShopRuntime; timeMachine: TimeMachine; ready: Promise<void> };
    lab: LabApi;
    rawStart?: { at: number; snapshotPosition: number; snapshotRows: number; tailEvents: number };
    /** Long tasks seen since the page started (registered by the harness before any script). */
    benchLongTasks?: Array<{ start: number; duration: number }>;
    /** Times the main thread stalled over 50 ms, garbage collection included (a 5 ms heartbeat). */
    benchStalls?: Array<{ start: number; duration: number }>;
  }
}

export {};
