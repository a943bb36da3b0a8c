import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';

/** The sync server's two handles on one database: Emmett's event store and a pool for its own tables. */
export interface SyncDatabase {
  store: PostgresEventStore;
  pool: pg.Pool;
  /** Changes when the database is reset or replaced: devices then start over instead of trusting old positions. */
  backendId: string;
  close(): Promise<void>;
}

/**
 * Emmett stores `message_id` without a unique index; a retried push must never duplicate an event,
 * so the id is made unique here (per partition, as PostgreSQL requires of a partitioned table).
 */
const OWN_SCHEMA = `
CREATE UNIQUE INDEX IF NOT EXISTS rewind_message_id_unique ON emt_messages (message_id, partition, is_archived);
CREATE TABLE IF NOT EXISTS rewind_backend (
  only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  backend_id TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO rewind_backend (backend_id) VALUES (gen_random_uuid()::text) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS rewind_device_tokens (
  device_id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  device_name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);
`;

/** Opens the database and migrates Emmett's schema and the server's own, before anything reads them. */
export async function openSyncDatabase(connectionString: string): Promise<SyncDatabase> {
  const store = getPostgreSQLEventStore(connectionString, { schema: { autoMigration: 'None' } });
  const pool = new pg.Pool({ connectionString, max: 10 });
  try {
    await store.schema.migrate();
    await pool.query(OWN_SCHEMA);
    const { rows } = await pool.query<{ backend_id: string }>('SELECT backend_id FROM rewind_backend');
    return {
      store,
      pool,
      backendId: rows[0]!.backend_id,
      async close() {
        await Promise.allSettled([store.close(), pool.end()]);
      },
    };
  } catch (error) {
    await Promise.allSettled([store.close(), pool.end()]);
    throw error;
  }
}
