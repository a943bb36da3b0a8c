import type { AddressInfo } from 'node:net';
import type { ChainLink } from '../../src/es';
import type { UpstreamEvent } from '../../src/server/shopStreams';
import { openSyncDatabase, type SyncDatabase } from '../../src/server/syncDatabase';
import { createSyncServer, type SyncLimits, type SyncServer, type SyncServerOptions } from '../../src/server/syncServer';
import { startPostgres, type TestPostgres } from '../support/postgres';

/** What the server answers, as the tests read it. */
export interface SyncAnswer {
  error?: string;
  head?: ChainLink;
  events: UpstreamEvent[];
  [field: string]: unknown;
}

/** A real PostgreSQL cluster, the sync server on a loopback port, and a way to call it as a device. */
export interface SyncHarness {
  pg: TestPostgres;
  db: SyncDatabase;
  sync: SyncServer;
  base: string;
  call(
    path: string,
    init?: { method?: string; token?: string | null; body?: unknown; rawBody?: string },
  ): Promise<{ status: number; body: SyncAnswer }>;
  stop(): Promise<void>;
}

export async function startSyncHarness(
  limits: Partial<SyncLimits> = {},
  extra: Omit<SyncServerOptions, 'db' | 'limits'> = {},
): Promise<SyncHarness> {
  const pg = await startPostgres();
  const db = await openSyncDatabase(pg.url);
  const sync = createSyncServer({ db, limits, log: (line) => line.startsWith('error') && console.error(line), ...extra });
  await new Promise<void>((resolve) => sync.server.listen(0, '127.0.0.1', resolve));
  const { port } = sync.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    pg,
    db,
    sync,
    base,
    async call(path, init = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
      const response = await fetch(base + path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
      return { status: response.status, body: (await response.json()) as SyncAnswer };
    },
    async stop() {
      await sync.close();
      await db.close();
      pg.stop();
    },
  };
}
