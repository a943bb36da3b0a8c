import { databaseOfSchema } from '../../support/olderSchema';
import { describe, expect, it } from 'vitest';
import { EventLog, replayPart, type EventMeta } from '../../../src/es';
import { EventLogDb, type ReplayBlock } from '../../../src/es/eventLogDb';
import { blockOf } from '../../../src/es/replayBlocks';
import { freshLog } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';

const meta: EventMeta = { commandId: 'c', correlationId: 'c', causationId: null };
const at = '2026-01-01T00:00:00.000Z';

const textOf = (block: ReplayBlock) => new TextDecoder().decode(block.text);

/** What the blocks give back of the log's own rows: their replay parts. */
async function replayPartsOf(log: EventLog, from: number, to: number) {
  return (await log.readRange(from, to)).map(replayPart);
}

async function logOf(count: number, log = freshLog()): Promise<EventLog> {
  const events = Array.from({ length: count }, (_, i) => ({ type: 'Counted', payload: { n: i + 1, note: i % 2 ? null : 'even' } }));
  await log.append('counter', 0, events, meta, at);
  return log;
}

describe('replay blocks', () => {
  it('cache a block once a read covers it whole, and serve later reads inside it from the cache', async () => {
    const log = await logOf(12);
    const expected = await replayPartsOf(log, 1, 12);
    expect(await log.readWithinBlock(5, 8, 4)).toEqual(expected.slice(4, 8));
    await waitUntil(async () => (await log.db.replayParts.count()) === 1);
    const [block] = await log.db.replayParts.toArray();
    expect([block!.size, block!.index]).toEqual([4, 1]);
    // The rows are gone from the events table's reach: the block alone answers.
    await log.db.events.bulkDelete([6, 7]);
    expect(await log.readWithinBlock(6, 7, 4)).toEqual(expected.slice(5, 7));
    expect(await log.readWithinBlock(5, 5, 4)).toEqual(expected.slice(4, 5));
  });

  it('do not cache a part of a block, nor the unfinished last block', async () => {
    const log = await logOf(10);
    const all = await replayPartsOf(log, 1, 10);
    expect(await log.readWithinBlock(2, 4, 4)).toEqual(all.slice(1, 4));
    expect(await log.readWithinBlock(9, 12, 4)).toEqual(all.slice(8, 10));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await log.db.replayParts.count()).toBe(0);
  });

  it('keep the rows as stored, so upcasters added later still apply to cached blocks', async () => {
    const name = `blocks-${Math.random().toString(36).slice(2)}`;
    const plain = await logOf(4, new EventLog(name));
    await plain.readWithinBlock(1, 4, 4);
    await waitUntil(async () => (await plain.db.replayParts.count()) === 1);
    plain.db.close();
    const upcasting = new EventLog(name, { upcasters: { Counted: { 1: (p) => ({ ...(p as object), upcast: true }) } } });
    const events = await upcasting.readWithinBlock(1, 4, 4);
    expect(events.map((e) => [e.schemaVersion, (e.payload as { upcast?: boolean }).upcast])).toEqual(Array(4).fill([2, true]));
    upcasting.db.close();
  });

  it('fall back to the rows when a cached block cannot be read, and refuse a range across blocks', async () => {
    const log = await logOf(8);
    const all = await replayPartsOf(log, 1, 8);
    const ends = new Uint32Array([5, 6, 7, 8]);
    await log.db.replayParts.put({ size: 4, index: 0, text: new TextEncoder().encode('[{"seq":1,'), ends });
    expect(await log.readWithinBlock(1, 4, 4)).toEqual(all.slice(0, 4));
    await waitUntil(async () => textOf((await log.db.replayParts.get([4, 0]))!) === JSON.stringify(all.slice(0, 4)));
    // A block holding other positions' rows counts as damaged too.
    await log.db.replayParts.put(blockOf(4, 1, all.slice(0, 4)));
    expect(await log.readWithinBlock(5, 8, 4)).toEqual(all.slice(4, 8));
    await expect(log.readWithinBlock(3, 6, 4)).rejects.toThrow(/crosses a block/);
  });

  it('hold only what replaying needs, and parse only the events asked for', async () => {
    const log = await logOf(8);
    const all = await replayPartsOf(log, 1, 8);
    await log.readWithinBlock(5, 8, 4);
    await waitUntil(async () => (await log.db.replayParts.count()) === 1);
    const stored = (await log.db.replayParts.get([4, 1]))!;
    expect(JSON.parse(textOf(stored))).toEqual(all.slice(4, 8));
    expect(textOf(stored)).not.toMatch(/"(id|meta|tags|commandId)"/);
    // Spoil the third event's text: the events before it are still read from the block alone.
    const spoilt = { ...stored, text: stored.text.slice() };
    spoilt.text.fill(0x78, stored.ends[1]! + 1, stored.ends[2]!);
    const fresh = new EventLog(log.name);
    await fresh.db.replayParts.put(spoilt);
    await fresh.db.events.bulkDelete([5, 6]);
    expect(await fresh.readWithinBlock(5, 6, 4)).toEqual(all.slice(4, 6));
    expect(await fresh.readWithinBlock(7, 8, 4)).toEqual(all.slice(6, 8));
    // …and a read that takes in the spoilt event falls back to the rows (5 and 6 are gone now).
    expect(await fresh.readWithinBlock(6, 7, 4)).toEqual(all.slice(6, 7));
    fresh.db.close();
  });

  it('count bytes, not characters, so events with text outside ASCII are cut where they end', async () => {
    const log = freshLog();
    const names = ['Crème brûlée dish', '陶瓷茶杯', 'Mug 🍵 “tea”', 'plain'];
    await log.append(
      'named',
      0,
      names.map((name) => ({ type: 'Named', payload: { name } })),
      meta,
      at,
    );
    const all = await replayPartsOf(log, 1, 4);
    await log.readWithinBlock(1, 4, 4);
    await waitUntil(async () => (await log.db.replayParts.count()) === 1);
    expect(textOf((await log.db.replayParts.get([4, 0]))!)).toBe(JSON.stringify(all));
    for (const [from, to] of [
      [1, 1],
      [2, 3],
      [3, 4],
      [4, 4],
    ] as const) {
      expect(await new EventLog(log.name).readWithinBlock(from, to, 4)).toEqual(all.slice(from - 1, to));
    }
  });

  it('read a block that version 5 stored as a string as missing, and store it again as bytes', async () => {
    const log = await logOf(4);
    const all = await replayPartsOf(log, 1, 4);
    await log.db.replayParts.put({ size: 4, index: 0, rows: JSON.stringify(all), ends: [1, 2, 3, 4] } as unknown as ReplayBlock);
    expect(await log.readWithinBlock(1, 4, 4)).toEqual(all);
    await waitUntil(async () => (await log.db.replayParts.get([4, 0]))?.text instanceof Uint8Array);
    expect(textOf((await log.db.replayParts.get([4, 0]))!)).toBe(JSON.stringify(all));
  });

  it('hand a whole missing block to the writer (a worker on its own connection), and read the rest here', async () => {
    const name = `blocks-${Math.random().toString(36).slice(2)}`;
    const elsewhere = await logOf(10, new EventLog(name));
    const asked: Array<[number, number]> = [];
    const log = new EventLog(name, {
      replayBlockWriter: (size, index) => {
        asked.push([size, index]);
        return elsewhere.writeReplayBlock(size, index);
      },
    });
    const all = await replayPartsOf(log, 1, 10);
    expect(await log.readRangeViaBlocks(1, 10, 4)).toEqual(all);
    expect(asked).toEqual([
      [4, 0],
      [4, 1],
    ]); // not the unfinished third block
    expect((await log.db.replayParts.toArray()).map((b) => [b.index, JSON.parse(textOf(b))])).toEqual([
      [0, all.slice(0, 4)],
      [1, all.slice(4, 8)],
    ]);
    // A part of a missing block is read from the rows here.
    await log.db.replayParts.clear();
    expect(
      await new EventLog(name, {
        replayBlockWriter: (size, index) => (asked.push([size, index]), Promise.resolve(null)),
      }).readRangeViaBlocks(6, 7, 4),
    ).toEqual(all.slice(5, 7));
    expect(asked).toHaveLength(2);
  });

  it('read the rows here when the writer fails or finds the block unfinished', async () => {
    const log = await logOf(8);
    const all = await replayPartsOf(log, 1, 8);
    const failing = new EventLog(log.name, { replayBlockWriter: () => Promise.reject(new Error('worker gone')) });
    expect(await failing.readRangeViaBlocks(1, 8, 4)).toEqual(all);
    const empty = new EventLog(log.name, { replayBlockWriter: () => Promise.resolve(null) });
    expect(await empty.readRangeViaBlocks(1, 4, 4)).toEqual(all.slice(0, 4));
    expect(await log.writeReplayBlock(4, 2)).toBeNull(); // positions 9–12 are not in the log
  });

  it('read any range a block at a time, the full blocks from the cache and the rest from the rows', async () => {
    const log = await logOf(11);
    const all = await replayPartsOf(log, 1, 11);
    expect(await log.readRangeViaBlocks(1, 11, 4)).toEqual(all);
    await waitUntil(async () => (await log.db.replayParts.count()) === 2);
    expect(await log.readRangeViaBlocks(3, 10, 4)).toEqual(all.slice(2, 10));
    expect(await log.readRangeViaBlocks(6, 6, 4)).toEqual(all.slice(5, 6));
  });

  it('replace the blocks of whole rows that the previous schema cached, keeping every event', async () => {
    const rows = await (await logOf(6)).readRange(1, 6);
    // A database as the previous build (schema v4) left it: the events, and a cached block of whole
    // rows in its replayBlocks table.
    const name = `blocks-${Math.random().toString(36).slice(2)}`;
    const old = databaseOfSchema(name, 4);
    // Rows of that build carry no hash: the upgrade chains them.
    await old.table('events').bulkAdd(rows.map(({ hash: _unchained, ...row }) => row));
    await old.table('replayBlocks').put({ size: 3, index: 0, rows: JSON.stringify(rows.slice(0, 3)) });
    expect(old.verno).toBe(4);
    old.close();

    const log = new EventLog(name);
    expect(await log.readRangeViaBlocks(1, 6, 3)).toEqual(rows.map(replayPart));
    expect(log.db.verno).toBe(EventLogDb.schemaVersion);
    expect(log.db.tables.map((t) => t.name)).not.toContain('replayBlocks');
    expect(await log.readRange(1, 6)).toEqual(rows);
    await waitUntil(async () => (await log.db.replayParts.count()) === 2);
    log.db.close();
  });
});
