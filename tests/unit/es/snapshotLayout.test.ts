import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, EventLog, type Decider, type ReadModel, type SnapshotPolicy, type SnapshotRows } from '../../../src/es';
import { baseKey, nextChunk, resolveRows, type StoredRow } from '../../../src/es/snapshotLayout';
import { freshLog, steppingClock } from '../../support/harness';

/** A model of the kernel's own: keys set and unset, one stream per key. */
type Values = Readonly<Record<string, number>>;
type Change = { key: string; value: number | null };

const valuesModel: ReadModel<Values> = {
  version: 1,
  initial: () => ({}),
  evolve(state, event) {
    const next = { ...state };
    if (event.type === 'Set') next[event.streamId] = (event.payload as { value: number }).value;
    else delete next[event.streamId];
    return next;
  },
  serialize: (state) => state,
  deserialize: (data) => data as Values,
  snapshotRows(state, previous): SnapshotRows {
    return {
      put: Object.entries(state).filter(([key, value]) => previous?.[key] !== value),
      remove: Object.keys(previous ?? {}).filter((key) => !(key in state)),
    };
  },
  fromSnapshotRows: (rows) => Object.fromEntries(rows) as Values,
};

const valuesDecider: Decider<Values, Change> = {
  parse: (input) => input as Change,
  decide: (_state, { key, value }) => [
    value === null ? { streamId: key, type: 'Unset', payload: {} } : { streamId: key, type: 'Set', payload: { value } },
  ],
};

const engineOn = (log: EventLog, policy: Partial<SnapshotPolicy>) =>
  new Engine({
    log,
    model: valuesModel,
    decider: valuesDecider,
    snapshots: { every: 1_000_000, idleMs: 600_000, ...policy },
    clock: steppingClock(),
  });

type Step = { kind: 'set'; key: string; value: number } | { kind: 'unset'; key: string } | { kind: 'save' } | { kind: 'reopen' };

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: fc.integer({ min: 0, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unset' as const), key }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'save' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);
const policy = fc.record({
  chunkRows: fc.integer({ min: 1, max: 4 }),
  minOverlayRows: fc.integer({ min: 1, max: 8 }),
  pageRows: fc.integer({ min: 1, max: 5 }),
});

describe('snapshot layout (base and overlay)', () => {
  it('cuts chunks of about the weight asked for, a list row weighing its length', () => {
    const rows: StoredRow[] = [
      ['m:a', 1],
      ['m:b', { lines: [1, 2] }],
      ['m:ids#0', ['x', 'y', 'z', 'w']],
      ['m:c', 3],
      ['v:a', 1],
    ];
    expect(nextChunk(rows, 0, 2)).toEqual({ end: 2, weight: 2 });
    expect(nextChunk(rows, 0, 3)).toEqual({ end: 3, weight: 7 });
    expect(nextChunk(rows, 2, 1)).toEqual({ end: 3, weight: 5 }); // one row, however heavy
    expect(nextChunk(rows, 3, 10)).toEqual({ end: 5, weight: 2 });
  });

  it('lets the overlay replace and remove rows of the base', () => {
    const records = [
      {
        key: baseKey(0),
        value: [
          ['m:a', 1],
          ['m:b', 2],
        ],
      },
      {
        key: baseKey(1),
        value: [
          ['m:c', 3],
          ['v:a', 1],
        ],
      },
      { key: 'd:m:a', value: null },
      { key: 'd:m:b', value: null },
      { key: 'm:a', value: 10 }, // removed, then written again
      { key: 'm:c', value: 30 },
      { key: 'm:d', value: 4 },
    ];
    expect(records.map((r) => r.key).slice(0, 2)).toEqual(['b:000000', 'b:000001']);
    expect(resolveRows(records)).toEqual([
      ['v:a', 1],
      ['m:a', 10],
      ['m:c', 30],
      ['m:d', 4],
    ]);
  });

  it('reads back, after any mix of saves and reopenings, the state and stream versions that were saved', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), policy, async (steps, snapshotPolicy) => {
        const log = freshLog();
        let engine = engineOn(log, snapshotPolicy);
        await engine.start();
        for (const s of steps) {
          if (s.kind === 'set') await engine.dispatch({ key: s.key, value: s.value });
          else if (s.kind === 'unset') await engine.dispatch({ key: s.key, value: null });
          else if (s.kind === 'save') await engine.snapshots.save(engine.projection);
          else {
            await engine.stop();
            engine = engineOn(new EventLog(log.name), snapshotPolicy);
            await engine.start();
          }
        }
        await engine.snapshots.save(engine.projection);
        await engine.stop();

        const rows = resolveRows(await log.db.snapshotRows.toArray());
        const stored = new Map(rows);
        expect(stored.size).toBe(rows.length);
        const expected = new Map<string, unknown>([
          ...Object.entries(engine.projection.state).map(([k, v]) => [`m:${k}`, v] as const),
          ...[...engine.projection.streamVersions()].map(([stream, version]) => [`v:${stream}`, version] as const),
        ]);
        expect(stored).toEqual(expected);

        const reopened = engineOn(new EventLog(log.name), snapshotPolicy);
        await reopened.start();
        expect(reopened.snapshots.savedPosition).toBe(engine.projection.position);
        expect(reopened.projection.state).toEqual(engine.projection.state);
        await reopened.stop();
      }),
      { numRuns: 60 },
    );
  });
});
