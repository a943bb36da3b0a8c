import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayPart, type StoredEvent } from '../../../src/es';
import { evolveAll, initialShopState, type ShopState } from '../../../src/domain';
import { CheckpointIndex, type CheckpointFeed } from '../../../src/timeline';
import { CheckpointFolder } from '../../../src/workers/checkpointFolder';
import { feedOf } from '../../../src/workers/checkpointWorkerClient';
import { canonicalShop } from '../../support/canonical';
import { demoEvents } from '../../support/demoEvents';

const INTERVAL = 100;

/** The log as the worker reads it: replay parts of a range (here from memory). */
const readerOf = (events: readonly StoredEvent[]) => ({
  readRangeViaBlocks: (from: number, to: number) => Promise.resolve(events.slice(from - 1, to).map(replayPart)),
});

function checkpointsOf(events: readonly StoredEvent[], feed: CheckpointFeed<ShopState> | null) {
  const source = {
    readInterval: (from: number, to: number) => readerOf(events).readRangeViaBlocks(from, to),
    readEvent: (position: number) => Promise.resolve(events[position - 1]),
  };
  return new CheckpointIndex(source, evolveAll, initialShopState(), INTERVAL, () => undefined, feed);
}

/** Parts of 7 entries, so that most intervals reach the page in several parts. */
const folderFeed = (events: readonly StoredEvent[]) => {
  const folder = new CheckpointFolder(readerOf(events), 7);
  return feedOf((from, to) => folder.next(from, to, INTERVAL));
};

describe('checkpoints folded in a worker', () => {
  const events = demoEvents(5, 40);
  const replayed = (k: number) => canonicalShop(evolveAll(initialShopState(), events.slice(0, k)));

  it('give the state at k equal to replaying the first k events, for random k', async () => {
    expect(events.length).toBeGreaterThan(1_000);
    const checkpoints = checkpointsOf(events, folderFeed(events));
    let marked = 0;
    checkpoints.observe((marks) => (marked += marks.times.length));
    await fc.assert(
      fc.asyncProperty(fc.nat(events.length), async (k) => {
        expect(canonicalShop(await checkpoints.stateAt(k))).toBe(replayed(k));
      }),
      { numRuns: 40 },
    );
    await checkpoints.ensureBuilt(events.length);
    expect(checkpoints.builtUpTo).toBe(Math.floor(events.length / INTERVAL) * INTERVAL);
    expect(marked).toBe(checkpoints.builtUpTo);
  });

  it('hand each interval over in parts of the size asked for', async () => {
    const made = await new CheckpointFolder(readerOf(events), 7).next(1, 300, INTERVAL);
    expect(made!.parts.length).toBeGreaterThan(3);
    for (const part of made!.parts) expect(part).toBeInstanceOf(Uint8Array);
    expect(made!.marks.times.length).toBe(300);
    expect(made!.marks.typeNames).toContain('ProductRegistered');
  });

  it('carry on by folding on the page when the worker fails part way', async () => {
    const working = folderFeed(events);
    let calls = 0;
    const failing: CheckpointFeed<ShopState> = {
      next: (previous, from, to) => (++calls === 3 ? Promise.reject(new Error('worker gone')) : working.next(previous, from, to)),
    };
    const checkpoints = checkpointsOf(events, failing);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await checkpoints.ensureBuilt(events.length);
    } finally {
      console.warn = warn;
    }
    expect(calls).toBe(3);
    for (const k of [150, 250, 350, 777, events.length]) expect(canonicalShop(await checkpoints.stateAt(k))).toBe(replayed(k));
  });

  it('refuse an interval that does not follow the last one, and start over from the first', async () => {
    const folder = new CheckpointFolder(readerOf(events));
    expect(await folder.next(1, 100, INTERVAL)).not.toBeNull();
    await expect(folder.next(201, 300, INTERVAL)).rejects.toThrow(/#201–#300.*#100/);
    expect(await folder.next(1, 100, INTERVAL)).not.toBeNull();
    expect(await folder.next(101, 200, INTERVAL)).not.toBeNull();
  });

  it('answer null while the log does not reach the end of the interval', async () => {
    const short = events.slice(0, 150);
    const folder = new CheckpointFolder(readerOf(short));
    expect(await folder.next(1, 100, INTERVAL)).not.toBeNull();
    expect(await folder.next(101, 200, INTERVAL)).toBeNull();
  });
});
