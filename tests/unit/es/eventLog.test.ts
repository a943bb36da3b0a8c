import { describe, expect, it } from 'vitest';
import { ConcurrencyError, type EventMeta } from '../../../src/es';
import { freshLog } from '../../support/harness';

const meta = (id: string): EventMeta => ({ commandId: id, correlationId: id, causationId: null });
const at = '2026-01-01T00:00:00.000Z';

describe('EventLog.append', () => {
  it('assigns gap-free global positions and per-stream versions in order', async () => {
    const log = freshLog();
    await log.append(
      'a',
      0,
      [
        { type: 'X', payload: 1 },
        { type: 'X', payload: 2 },
      ],
      meta('c1'),
      at,
    );
    await log.append('b', 0, [{ type: 'Y', payload: 3 }], meta('c2'), at);
    await log.append('a', 2, [{ type: 'Z', payload: 4 }], meta('c3'), at);
    const all = await log.readRange(1);
    expect(all.map((e) => [e.seq, e.streamId, e.version, e.payload])).toEqual([
      [1, 'a', 1, 1],
      [2, 'a', 2, 2],
      [3, 'b', 1, 3],
      [4, 'a', 3, 4],
    ]);
    expect(new Set(all.map((e) => e.id)).size).toBe(4);
    expect(all[3]!.meta).toEqual(meta('c3'));
    expect(await log.lastPosition()).toBe(4);
    expect(await log.count()).toBe(4);
  });

  it('raises a typed concurrency error with both versions and writes nothing', async () => {
    const log = freshLog();
    await log.append('a', 0, [{ type: 'X', payload: 1 }], meta('c1'), at);
    const error = await log.append('a', 0, [{ type: 'X', payload: 2 }], meta('c2'), at).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'a', expectedVersion: 0, actualVersion: 1 });
    expect(await log.count()).toBe(1);
  });

  it('writes all commits of a call or none of them', async () => {
    const log = freshLog();
    await log.append('b', 0, [{ type: 'X', payload: 0 }], meta('c0'), at);
    const attempt = log.appendCommits([
      { events: [{ streamId: 'a', type: 'X', payload: 1 }], expected: new Map([['a', 0]]), meta: meta('c1'), at },
      { events: [{ streamId: 'b', type: 'X', payload: 2 }], expected: new Map([['b', 0]]), meta: meta('c2'), at },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await log.readRange(1)).map((e) => e.payload)).toEqual([0]);
  });

  it('lets concurrent appends to one stream through one at a time', async () => {
    const log = freshLog();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => log.append('a', 0, [{ type: 'X', payload: i }], meta(`c${i}`), at)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(4);
    expect(await log.count()).toBe(1);
  });
});

describe('EventLog reads', () => {
  it('reads by range, stream, type, time and newest first by tag', async () => {
    const log = freshLog();
    await log.append('a', 0, [{ type: 'X', payload: 1, tags: ['t:1'] }], meta('c1'), '2026-01-01T00:00:00.000Z');
    await log.append('b', 0, [{ type: 'Y', payload: 2 }], meta('c2'), '2026-01-02T00:00:00.000Z');
    await log.append('a', 1, [{ type: 'Y', payload: 3, tags: ['t:1'] }], meta('c3'), '2026-01-03T00:00:00.000Z');
    expect((await log.readRange(2, 3)).map((e) => e.seq)).toEqual([2, 3]);
    expect((await log.readStream('a')).map((e) => e.version)).toEqual([1, 2]);
    expect((await log.readByType('Y')).map((e) => e.seq)).toEqual([2, 3]);
    expect((await log.readByTime('2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z')).map((e) => e.seq)).toEqual([2, 3]);
    expect((await log.readNewest({ limit: 10, tag: 't:1' })).map((e) => e.seq)).toEqual([3, 1]);
    expect((await log.readNewest({ limit: 2 })).map((e) => e.seq)).toEqual([3, 2]);
    expect((await log.readNewest({ limit: 10, beforeSeq: 3, type: 'Y' })).map((e) => e.seq)).toEqual([2]);
    expect(await log.streamVersion('a')).toBe(2);
  });

  it('upcasts old payloads on read without rewriting them', async () => {
    const { EventLog } = await import('../../../src/es');
    const name = `upcast-${Math.random()}`;
    const old = new EventLog(name);
    await old.append('a', 0, [{ type: 'Renamed', payload: { n: 'Ada' }, schemaVersion: 1 }], meta('c1'), at);
    const current = new EventLog(name, { upcasters: { Renamed: { 1: (p) => ({ name: (p as { n: string }).n }) } } });
    const [event] = await current.readRange(1);
    expect(event).toMatchObject({ schemaVersion: 2, payload: { name: 'Ada' } });
    const [raw] = await old.readRange(1);
    expect(raw).toMatchObject({ schemaVersion: 1, payload: { n: 'Ada' } });
  });
});

describe('EventLog.firstGap', () => {
  it('finds the first missing position among any gaps, and none in a whole log', async () => {
    const log = freshLog();
    for (let i = 0; i < 40; i++) await log.append(`s${i}`, 0, [{ type: 'X', payload: i }], meta(`c${i}`), at);
    expect(await log.firstGap(40)).toBeNull();
    expect(await log.firstGap(0)).toBeNull();
    await log.db.events.bulkDelete([29, 17, 18]);
    expect(await log.firstGap(40)).toBe(17);
    expect(await log.firstGap(16)).toBeNull();
    await log.db.events.delete(1);
    expect(await log.firstGap(40)).toBe(1);
    await log.db.events.bulkPut(await freshRows(40));
    expect(await log.firstGap(40)).toBeNull();
    await log.db.events.delete(40);
    expect(await log.firstGap(40)).toBe(40);
  });
});

/** Rows for positions 1..n, as a second log of the same appends would write them. */
async function freshRows(n: number) {
  const other = freshLog();
  for (let i = 0; i < n; i++) await other.append(`s${i}`, 0, [{ type: 'X', payload: i }], meta(`c${i}`), at);
  return other.db.events.toArray();
}
