import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { eventTypes } from '../../../src/domain';
import { eventSchemaVersions } from '../../../src/domain/schemaVersions';
import { shopSchemaVersions } from '../../../src/shopLog';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { seedDatabase, type DatabaseFixture } from '../../support/seedDatabase';

const fixture = JSON.parse(readFileSync('tests/fixtures/previous-build/a5643c9-log.json', 'utf8')) as DatabaseFixture;
const rows = fixture.tables.events as Array<{ seq: number; type: string; schemaVersion: number; payload: Record<string, unknown> }>;
const opened: ShopRuntime[] = [];

afterEach(async () => {
  for (const runtime of opened.splice(0)) await runtime.stop();
});

describe('a log written by the previous build (a5643c9, Dexie v5, every event at schema version 1)', () => {
  it('opens with every event present and CustomerRegistered upcast to version 2', async () => {
    const dbName = `previous-${crypto.randomUUID()}`;
    await seedDatabase({ ...fixture, dbName });
    const runtime = createShopRuntime({ dbName, recordStorage: null, snapshots: { idleMs: 60_000 } });
    opened.push(runtime);
    await runtime.start();

    expect(runtime.store.getState()).toMatchObject({ status: 'ready', position: rows.length, writeLock: null });
    const events = await runtime.log.readRange(1, Infinity);
    expect(events.map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
    const registered = events.filter((e) => e.type === 'CustomerRegistered');
    expect(registered.length).toBe(rows.filter((r) => r.type === 'CustomerRegistered').length);
    for (const event of registered) expect(event).toMatchObject({ schemaVersion: 2, payload: { email: null } });
    expect(runtime.store.getState().shop.customers.get('edsger')).toMatchObject({ name: 'Edsger W. Dijkstra', email: null });
    // Upcast on read only: the stored rows keep the shape the previous build wrote.
    const stored = await runtime.log.db.events.get(registered[0]!.seq);
    expect(stored).toMatchObject({ schemaVersion: 1 });
    expect(stored!.payload).not.toHaveProperty('email');

    await runtime.dispatch({ type: 'RegisterCustomer', customerId: 'barbara', name: 'Barbara Liskov', email: 'barbara@example.com' });
    const [written] = await runtime.log.readByType('CustomerRegistered', Infinity).then((e) => e.slice(-1));
    expect(written).toMatchObject({ schemaVersion: 2, payload: { email: 'barbara@example.com' } });
  });

  it('declares each type’s schema version as its upcasters reach it (1 + steps)', () => {
    for (const type of eventTypes) expect([type, shopSchemaVersions[type]]).toEqual([type, eventSchemaVersions[type] ?? 1]);
  });
});
