import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointFeed } from '../../../src/timeline';
import { marksOf } from '../../../src/timeline/density';

const INTERVAL = 10;

/** A scheduler.postTask that records the priority of every turn asked for. */
function recordingScheduler(log: string[]) {
  return {
    postTask: (callback: () => void, { priority }: { priority: string }) => {
      log.push(`turn:${priority}`);
      return new Promise<void>((resolve) => setTimeout(() => resolve(callback()), 0));
    },
  };
}

/** A feed whose state is the number of events folded so far. */
function countingFeed(log: string[]): CheckpointFeed<number> {
  return {
    next: (previous, from, to) => {
      log.push(`next:${from}`);
      return Promise.resolve({ state: previous + (to - from + 1), marks: marksOf([]) });
    },
    release: () => undefined,
  };
}

/** The index module loaded with `scheduler` as the page's, since it looks the scheduler up once. */
async function indexWithScheduler(log: string[]) {
  vi.stubGlobal('scheduler', recordingScheduler(log));
  vi.resetModules();
  const { CheckpointIndex } = await import('../../../src/timeline/checkpoints');
  const source = {
    readInterval: () => Promise.reject(new Error('a fed build does not read the log on the page')),
    readEvent: () => Promise.resolve(undefined),
  };
  return new CheckpointIndex<number>(source, (state, events) => state + events.length, 0, INTERVAL, undefined, countingFeed(log));
}

describe('a checkpoint build fed by a worker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('asks for the next interval only after a background-priority turn, so the page runs what it has queued first', async () => {
    const log: string[] = [];
    const index = await indexWithScheduler(log);
    await index.ensureBuilt(6 * INTERVAL);
    expect(log).toEqual(['next:1', 'next:11', 'next:21', 'next:31', 'next:41', 'next:51'].flatMap((next) => [next, 'turn:background']));
    expect(await index.stateAt(6 * INTERVAL)).toBe(6 * INTERVAL);
  });

  it('does not wait for background turns while a jump waits on the build', async () => {
    const log: string[] = [];
    const index = await indexWithScheduler(log);
    expect(await index.stateAt(6 * INTERVAL)).toBe(6 * INTERVAL);
    // Only after the interval the jump waited for does the build go back to background turns.
    expect(log).toEqual(['next:1', 'next:11', 'next:21', 'next:31', 'next:41', 'next:51', 'turn:background']);
  });
});
