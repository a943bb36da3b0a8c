/** Gives the browser a turn (input, paint) between slices of work. */
export const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Scheduler {
  yield?: () => Promise<void>;
  postTask?: (callback: () => void, options: { priority: 'user-blocking' | 'user-visible' | 'background' }) => Promise<void>;
}

const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;

/**
 * The same, without the wait that nested timeouts get: where the browser has scheduler.yield(),
 * input and paint still go first, but many short slices in a row do not idle between them
 * (docs/decisions/003-checkpoints.md, "src/timeline/turns.ts, nextTurn").
 */
export const nextTurn: () => Promise<void> = scheduler?.yield ? () => scheduler.yield!() : yieldToBrowser;

/**
 * Resolves once the page has nothing more urgent to run (a background-priority task), among it
 * the garbage collections the engine schedules as tasks of their own; without scheduler.postTask,
 * a turn as above. Why the build waits for it: docs/decisions/003-checkpoints.md.
 */
export const afterPendingTasks: () => Promise<void> = scheduler?.postTask
  ? () => scheduler.postTask!(() => undefined, { priority: 'background' })
  : yieldToBrowser;

/**
 * Leaves the main thread idle for as long as the last slice took, so that the collector's
 * concurrent marking keeps up with a build folding on the page (docs/decisions/003-checkpoints.md).
 */
export const restAsLongAs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, ms)));
