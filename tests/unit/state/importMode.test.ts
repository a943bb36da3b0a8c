import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryFileHeader, StoredEvent } from '../../../src/es';
import { importMode } from '../../../src/state/importMode';
import type { ShopRuntime } from '../../../src/state';
import { shopEngine } from '../../support/harness';

const engines: ReturnType<typeof shopEngine>[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

/** 12 events archived up to 4, then up to 8: the log, the rows, and what importMode reads of the runtime. */
async function archivedTwice() {
  const engine = shopEngine();
  engines.push(engine);
  await engine.start();
  for (let i = 0; i < 12; i++) await engine.dispatch({ type: 'RegisterCustomer', customerId: `c${i % 5}-${i}`, name: `Customer ${i}` });
  const rows = (await engine.log.readStoredRows(1, Infinity)) as StoredEvent[];
  await engine.archiveUpTo(4, rows[3]!.hash, 'archive-1.ndjson');
  await engine.archiveUpTo(8, rows[7]!.hash, 'archive-2.ndjson');
  const runtime = async (): Promise<Pick<ShopRuntime, 'log' | 'store'>> => {
    const view = { position: 12, origin: await engine.log.origin() };
    return { log: engine.log, store: { getState: () => view } as unknown as ShopRuntime['store'] };
  };
  return { log: engine.log, rows, runtime };
}

const header = (firstSeq: number, lastSeq: number, headHash: string, anchor?: { seq: number; hash: string }): HistoryFileHeader => ({
  format: 'rewind-history',
  formatVersion: 1,
  appVersion: 'test',
  schemaVersions: {},
  eventCount: lastSeq - firstSeq + 1,
  firstSeq,
  lastSeq,
  headHash,
  createdAt: '2026-12-01T00:00:00.000Z',
  ...(anchor ? { anchor } : {}),
});

describe('where a history file goes in a shop archived twice', () => {
  it('takes the second archive before the history, from its anchor, then the first', async () => {
    const { log, rows, runtime } = await archivedTwice();
    const second = header(5, 8, rows[7]!.hash, { seq: 4, hash: rows[3]!.hash });
    expect(await importMode(await runtime(), second)).toEqual({ kind: 'restore-archive', from: { seq: 4, hash: rows[3]!.hash } });
    await log.restoreArchive(rows.slice(4, 8));
    expect(await importMode(await runtime(), header(1, 4, rows[3]!.hash))).toEqual({ kind: 'restore-archive' });
  });

  it('refuses the first archive before the second, naming the one to import first', async () => {
    const { rows, runtime } = await archivedTwice();
    await expect(importMode(await runtime(), header(1, 4, rows[3]!.hash))).rejects.toThrow(
      'This is the archive of events #1 to #4 of this shop, but its history here starts after #8. Import archive-2.ndjson, the archive of the events up to #8, first.',
    );
  });

  it('refuses another shop’s archive, naming this shop’s', async () => {
    const { runtime } = await archivedTwice();
    const other = header(5, 8, 'a'.repeat(64), { seq: 4, hash: 'b'.repeat(64) });
    await expect(importMode(await runtime(), other)).rejects.toThrow(
      /^This file continues a history after event #4, .* it is not an archive of this shop’s history\. Import archive-2\.ndjson, the archive of the events up to #8, first\.$/,
    );
  });

  it('refuses the second archive when the state at its anchor was not kept (archived by an earlier build)', async () => {
    const { log, rows, runtime } = await archivedTwice();
    await log.db.origin.delete('earlier:4');
    await expect(importMode(await runtime(), header(5, 8, rows[7]!.hash, { seq: 4, hash: rows[3]!.hash }))).rejects.toThrow(
      /is not kept in this browser .* Import the pieces into an empty shop instead, in order, starting with the archive that ends at #4\.$/,
    );
  });
});
