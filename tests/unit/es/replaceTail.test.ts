import { describe, expect, it } from 'vitest';
import { ConcurrencyError, chain, type ChainLink, type EventMeta, type StoredEvent } from '../../../src/es';
import { freshLog } from '../../support/harness';

const meta = (id: string): EventMeta => ({ commandId: id, correlationId: id, causationId: null });
const at = '2026-01-01T00:00:00.000Z';

async function logOfFour() {
  const log = freshLog();
  for (const [i, stream] of ['a', 'b', 'a', 'b'].entries()) {
    await log.append(stream, await log.streamVersion(stream), [{ type: 'X', payload: i }], meta(`c${i}`), at);
  }
  const link = async (seq: number): Promise<ChainLink> => ({ seq, hash: (await log.storedHashAt(seq))! });
  return { log, link };
}

/** Rows that follow `after`: other events than the log held there (another device's, then re-decided ones). */
function tail(after: ChainLink, streams: Array<[string, number]>): StoredEvent[] {
  return chain(
    after.hash,
    streams.map(([streamId, version], i) => ({
      seq: after.seq + i + 1,
      id: `new-${i}`,
      type: 'Y',
      streamId,
      version,
      at,
      schemaVersion: 1,
      payload: i,
      meta: meta(`n${i}`),
      tags: [],
    })),
  );
}

describe('EventLog.replaceTail (a sync rebase)', () => {
  it('replaces every event after the link, keeps the chain whole and drops snapshots past it', async () => {
    const { log, link } = await logOfFour();
    await log.db.snapshots.bulkPut([
      { position: 2, modelVersion: 1, savedAt: at, streamVersions: [], data: null },
      { position: 4, modelVersion: 1, savedAt: at, streamVersions: [], data: null },
    ]);
    const after = await link(2);
    const rows = tail(after, [
      ['a', 2],
      ['c', 1],
      ['b', 2],
    ]);
    await log.replaceTail(after, await link(4), rows);
    const all = await log.readRange(1);
    expect(all.map((e) => e.id).slice(2)).toEqual(['new-0', 'new-1', 'new-2']);
    expect(await log.lastPosition()).toBe(5);
    expect((await log.verifyChain()).intact).toBe(true);
    expect(await log.streamVersion('a')).toBe(2);
    expect((await log.db.snapshots.toArray()).map((s) => s.position)).toEqual([2]);
  });

  it('refuses, changing nothing, when the log moved on since it was read or no longer holds the link', async () => {
    const { log, link } = await logOfFour();
    const after = await link(2);
    const rows = tail(after, [['a', 2]]);
    const before = await log.readRange(1);
    await expect(log.replaceTail(after, await link(3), rows)).rejects.toBeInstanceOf(ConcurrencyError);
    const elsewhere = { seq: 2, hash: 'f'.repeat(64) };
    await expect(log.replaceTail(elsewhere, await link(4), tail(elsewhere, [['a', 2]]))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await log.readRange(1)).toEqual(before);
  });

  it('refuses rows that do not chain on from the link', async () => {
    const { log, link } = await logOfFour();
    const rows = tail(await link(1), [['a', 2]]).map((e) => ({ ...e, seq: 3 }));
    await expect(log.replaceTail(await link(2), await link(4), rows)).rejects.toThrow(/does not chain on/);
    expect(await log.lastPosition()).toBe(4);
  });
});
