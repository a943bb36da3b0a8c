import { describe, expect, it } from 'vitest';
import { ConcurrencyError, HistoryReplacedError, type Commit, type EventMeta } from '../../../src/es';
import { freshLog } from '../../support/harness';

const meta: EventMeta = { commandId: 'c', correlationId: 'c', causationId: null };
const at = '2026-01-01T00:00:00.000Z';
const commitOf = (n: number, stream = (i: number) => `s${i}`): Commit => ({
  events: Array.from({ length: n }, (_, i) => ({ streamId: stream(i), type: 'X', payload: i })),
  expected: new Map(),
  meta,
  at,
});

describe('EventLog.appendCommits options', () => {
  it('writes only if the log still ends at the expected position', async () => {
    const log = freshLog();
    await log.appendCommits([commitOf(2)]);
    const error = await log.appendCommits([commitOf(1)], { expectedPosition: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: '$all', expectedVersion: 1, actualVersion: 2 });
    expect(await log.count()).toBe(2);
    await log.appendCommits([commitOf(1, () => 'later')], { expectedPosition: 2 });
    expect(await log.count()).toBe(3);
  });

  it('takes stream versions from the caller, and a wrong one rejects the whole write', async () => {
    const log = freshLog();
    await log.appendCommits([commitOf(1, () => 'a')]);
    const stored = await log.appendCommits([commitOf(2, () => 'a')], { expectedPosition: 1, versionAt: () => 1 });
    expect(stored.map((e) => e.version)).toEqual([2, 3]);
    await expect(
      log.appendCommits([commitOf(3, (i) => (i < 2 ? 'b' : 'a'))], { expectedPosition: 3, versionAt: () => 0 }),
    ).rejects.toThrow();
    expect(await log.count()).toBe(3);
    expect(await log.streamVersion('b')).toBe(0);
  });

  it('hands big writes over in batches, reporting each, and drops everything when aborted midway', async () => {
    const log = freshLog();
    const controller = new AbortController();
    const reports: number[] = [];
    const attempt = log.appendCommits([commitOf(5_000)], {
      signal: controller.signal,
      onProgress: (written, total) => {
        reports.push(written);
        expect(total).toBe(5_000);
        if (written === 2_000) controller.abort();
      },
    });
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports).toEqual([2_000]);
    expect(await log.count()).toBe(0);

    const done: number[] = [];
    await log.appendCommits([commitOf(4_500)], { onProgress: (written) => done.push(written) });
    expect(done).toEqual([2_000, 4_000, 4_500]);
    expect(await log.count()).toBe(4_500);
  });

  it('writes on a head the caller gives without reading the log first, and is refused, writing nothing, once the log moved past it', async () => {
    const log = freshLog();
    const [first] = await log.appendCommits([commitOf(1, () => 'a')]);
    const head = { seq: first!.seq, hash: first!.hash };
    const stored = await log.appendCommits([commitOf(2, () => 'a')], { head, versionAt: () => 1 });
    expect(stored.map((e) => [e.seq, e.version])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect((await log.verifyChain()).intact).toBe(true);
    // Another writer got there first: the same head is now stale, for any stream.
    const stale = await log.appendCommits([commitOf(1, () => 'b')], { head, versionAt: () => 0 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConcurrencyError);
    expect(stale).toMatchObject({ streamId: '$all' });
    expect(await log.count()).toBe(3);
    expect(await log.streamVersion('b')).toBe(0);
  });

  it('on a given head, still refuses a history replaced since it was pinned, and rolls back the rows handed over with the check', async () => {
    const log = freshLog();
    await log.ensureIdentity();
    await log.pinHistory();
    const [first] = await log.appendCommits([commitOf(1, () => 'a')]);
    await log.db.logInfo.put({ key: 'identity', value: 'another-history' });
    const attempt = log.appendCommits([commitOf(1, () => 'a')], { head: { seq: first!.seq, hash: first!.hash }, versionAt: () => 1 });
    await expect(attempt).rejects.toBeInstanceOf(HistoryReplacedError);
    expect(await log.count()).toBe(1);
  });
});
