import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchivedHistoryError, replayPart, type StoredEvent } from '../../../src/es';
import {
  collectionKeys,
  evolveAll,
  initialShopState,
  shopReadModel,
  type CollectionKey,
  type ShopChanges,
  type ShopState,
} from '../../../src/domain';
import { CheckpointIndex, type CheckpointFeed } from '../../../src/timeline';
import { CheckpointFolder } from '../../../src/workers/checkpointFolder';
import { feedOf } from '../../../src/workers/checkpointWorkerClient';
import { jsonTexts } from '../../../src/workers/jsonBytes';
import { canonicalShop } from '../../support/canonical';
import { demoEvents } from '../../support/demoEvents';

const INTERVAL = 100;
/** Entries a part carries for one map: its sets and removals, or the whole small map. */
const sizeOf = (c: ShopChanges[CollectionKey]) => ('entries' in c ? c.entries.length : c.set.length + c.removed.length);

/** The log as the worker reads it: replay parts of a range (here from memory). */
const readerOf = (events: readonly StoredEvent[]) => ({
  readRangeViaBlocks: (from: number, to: number) => Promise.resolve(events.slice(from - 1, to).map(replayPart)),
  originState: () => Promise.resolve(null),
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

  it('are fed only to a build with many intervals to go, and the feed is let go when it is done', async () => {
    const asked: number[] = [];
    let released = 0;
    const working = folderFeed(events);
    const counting: CheckpointFeed<ShopState> = {
      next: (previous, from, to) => (asked.push(from), working.next(previous, from, to)),
      release: () => (released += 1),
    };
    const checkpoints = checkpointsOf(events, counting);
    await checkpoints.ensureBuilt(3 * INTERVAL);
    expect(asked).toEqual([]); // three intervals: folded on the page
    expect(released).toBe(0);
    await checkpoints.ensureBuilt(events.length);
    expect(asked[0]).toBe(3 * INTERVAL + 1);
    expect(asked.length).toBe(Math.floor(events.length / INTERVAL) - 3);
    expect(released).toBe(1);
    for (const k of [650, 901, events.length]) expect(canonicalShop(await checkpoints.stateAt(k))).toBe(replayed(k));
  });

  it('hand each interval over in parts of the size asked for', async () => {
    const made = await new CheckpointFolder(readerOf(events), 7).next(1, 300, INTERVAL);
    const { parts } = made!;
    expect(parts.ends.length).toBeGreaterThan(3);
    const changes = jsonTexts(parts).map((text) => JSON.parse(text) as ShopChanges);
    const entries = changes.map((c) => collectionKeys.reduce((n, field) => n + sizeOf(c[field]), 0));
    expect(Math.max(...entries)).toBeLessThanOrEqual(7);
    expect(parts.ends.at(-1)).toBe(new TextDecoder().decode(parts.bytes).length);
    expect(made!.marks.times.length).toBe(300);
    expect(made!.marks.typeNames).toContain('ProductRegistered');
  });

  it('carry on by folding on the page when the worker fails part way', async () => {
    const working = folderFeed(events);
    let calls = 0;
    const failing: CheckpointFeed<ShopState> = {
      next: (previous, from, to) => (++calls === 3 ? Promise.reject(new Error('worker gone')) : working.next(previous, from, to)),
      release: () => undefined,
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

  it('fold their way to an interval further on, or start over for an earlier one', async () => {
    const folder = new CheckpointFolder(readerOf(events));
    const feed = feedOf((from, to) => folder.next(from, to, INTERVAL));
    const stateAt = (k: number) => evolveAll(initialShopState(), events.slice(0, k));
    expect(await feed.next(initialShopState(), 1, 100)).not.toBeNull();
    // A worker started afresh is asked for #1,001–#1,100: it folds the first thousand itself.
    const ahead = await feed.next(stateAt(1_000), 1_001, 1_100);
    expect(canonicalShop(ahead!.state)).toBe(replayed(1_100));
    const back = await feed.next(stateAt(300), 301, 400);
    expect(canonicalShop(back!.state)).toBe(replayed(400));
    expect(await feed.next(stateAt(events.length - 50), events.length - 49, events.length + 50)).toBeNull();
  });

  it('answer null while the log does not reach the end of the interval', async () => {
    const short = events.slice(0, 150);
    const folder = new CheckpointFolder(readerOf(short));
    expect(await folder.next(1, 100, INTERVAL)).not.toBeNull();
    expect(await folder.next(101, 200, INTERVAL)).toBeNull();
  });
});

describe('checkpoints of a log whose beginning was archived', () => {
  const events = demoEvents(11, 30);
  const ORIGIN = 437;
  const replayed = (k: number) => canonicalShop(evolveAll(initialShopState(), events.slice(0, k)));
  const originState = evolveAll(initialShopState(), events.slice(0, ORIGIN));
  /** The log as it is after archiving: nothing at or before the origin can be read. */
  const archivedReader = {
    readRangeViaBlocks: (from: number, to: number) => {
      if (from <= ORIGIN) return Promise.reject(new Error(`read #${from}, which is archived`));
      return Promise.resolve(events.slice(from - 1, to).map(replayPart));
    },
    originState: () =>
      Promise.resolve({
        position: ORIGIN,
        modelVersion: shopReadModel.version,
        data: shopReadModel.serialize(originState),
        streamVersions: [],
      }),
  };

  it('count from the origin, on the page and in the worker, and refuse positions behind it', async () => {
    expect(events.length).toBeGreaterThan(ORIGIN + 5 * INTERVAL);
    const folder = new CheckpointFolder(archivedReader, 7);
    const feed = feedOf((from, to) => folder.next(from, to, INTERVAL));
    for (const fed of [null, feed]) {
      const source = {
        readInterval: (from: number, to: number) => archivedReader.readRangeViaBlocks(from, to),
        readEvent: (position: number) => Promise.resolve(position > ORIGIN ? events[position - 1] : undefined),
      };
      const checkpoints = new CheckpointIndex(source, evolveAll, initialShopState(), INTERVAL, () => undefined, fed);
      checkpoints.startFrom(ORIGIN, originState);
      expect(checkpoints.start).toBe(ORIGIN);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: ORIGIN, max: events.length }), async (k) => {
          expect(canonicalShop(await checkpoints.stateAt(k))).toBe(replayed(k));
        }),
        { numRuns: 25 },
      );
      await checkpoints.ensureBuilt(events.length);
      expect(checkpoints.builtUpTo).toBe(ORIGIN + Math.floor((events.length - ORIGIN) / INTERVAL) * INTERVAL);
      expect((await checkpoints.stateAndEventAt(ORIGIN)).event).toBeUndefined();
      await expect(checkpoints.stateAt(ORIGIN - 1)).rejects.toBeInstanceOf(ArchivedHistoryError);
      expect(() => checkpoints.checkpointAtOrBelow(0)).toThrow('History before event 438 is archived');
      expect(() => checkpoints.startFrom(0, initialShopState())).toThrow(/build has begun/);
    }
  });
});
