import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createShopRuntime } from '../../../src/state';

describe('shop runtime when a newer build opens the database in another tab', () => {
  it('sets upgradeRequired so the UI can ask for a reload', async () => {
    const dbName = `runtime-upgrade-${Math.random().toString(36).slice(2)}`;
    const runtime = createShopRuntime({ dbName, snapshots: { idleMs: 60_000 } });
    await runtime.start();
    expect(runtime.store.getState().upgradeRequired).toBe(false);

    const newer = new Dexie(dbName);
    newer.version(2).stores({ events: 'seq, &id, &[streamId+version], type, at, *tags, streamId', snapshots: 'position' });
    await newer.open();

    expect(runtime.store.getState().upgradeRequired).toBe(true);
    newer.close();
    await runtime.stop();
  });
});
