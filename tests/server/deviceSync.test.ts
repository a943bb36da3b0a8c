import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleShopCommands } from '../../src/domain';
import { createShopRuntime, type ShopRuntime } from '../../src/state';
import { SyncOfflineError, SyncUnauthorisedError, type SyncStatus } from '../../src/sync';
import { ShopStreams } from '../../src/server/shopStreams';
import { SyncDb } from '../../src/sync/syncDb';
import { canonicalShop } from '../support/canonical';
import { waitUntil } from '../support/waitUntil';
import { startSyncHarness, type SyncHarness } from './syncServerHarness';

/**
 * The device side against the real server and PostgreSQL: two runtimes (devices, each its own
 * fake-indexeddb database) sync one shop through it, both ways.
 */
let h: SyncHarness;
/** Set by a test to make the server fail after committing a push, before answering (a lost answer). */
let dropAnswers = 0;
let shopNumber = 0;
const opened: ShopRuntime[] = [];

beforeAll(async () => {
  h = await startSyncHarness(
    { requestsPerSecond: 10_000, burst: 10_000, maxWaitSeconds: 2 },
    {
      afterCommit: () => {
        if (dropAnswers > 0) {
          dropAnswers -= 1;
          throw new Error('answer dropped by the test');
        }
      },
    },
  );
}, 60_000);
afterAll(() => h?.stop());
afterEach(async () => {
  for (const runtime of opened.splice(0)) await runtime.stop();
});

async function device(dbName = `device-${crypto.randomUUID()}`): Promise<ShopRuntime> {
  const runtime = createShopRuntime({ dbName, sync: true, recordStorage: null });
  opened.push(runtime);
  await runtime.start();
  return runtime;
}

async function newShop() {
  const shopId = `dev-shop-${++shopNumber}`;
  const a = await h.sync.tokens.create(shopId, 'Till 1');
  const b = await h.sync.tokens.create(shopId, 'Till 2');
  return { shopId, tokenA: a.token, tokenB: b.token };
}

const statusOf = (runtime: ShopRuntime): SyncStatus => runtime.sync!.store.getState().status;
const headHash = async (runtime: ShopRuntime) => runtime.log.storedHashAt(await runtime.log.lastPosition());

async function synced(runtime: ShopRuntime, position: number) {
  await waitUntil(
    async () =>
      statusOf(runtime) === 'synced' &&
      runtime.sync!.store.getState().confirmed === position &&
      runtime.store.getState().position === position,
    `device synced at ${position} (now ${statusOf(runtime)} ${runtime.sync!.store.getState().message ?? ''})`,
    15_000,
  );
}

describe('device sync against the server', () => {
  it('pushes a device history, fast-forwards a second device, and back, with the device that made each event', async () => {
    const shop = await newShop();
    const a = await device();
    for (const command of sampleShopCommands()) await a.dispatch(command);
    const written = a.store.getState().position;
    expect(statusOf(a)).toBe('off');

    await a.sync!.connect({ serverUrl: h.base, token: shop.tokenA, shopId: shop.shopId });
    await synced(a, written);
    expect((await new ShopStreams(h.db).head(shop.shopId)).seq).toBe(written);

    const b = await device();
    await b.sync!.connect({ serverUrl: h.base, token: shop.tokenB, shopId: shop.shopId });
    await synced(b, written);
    expect(await headHash(b)).toBe(await headHash(a));
    expect(canonicalShop(b.store.getState().shop)).toBe(canonicalShop(a.store.getState().shop));
    expect((await b.log.verifyChain()).intact).toBe(true);
    const [first] = await b.log.readRange(1, 1);
    expect((await b.sync!.authorsOf([first!.id])).get(first!.id)).toBe('Till 1');
    expect(b.sync!.store.getState().deviceName).toBe('Till 2');

    // B's command reaches A through A's long poll.
    await b.dispatch({ type: 'Restock', sku: 'POT-WHITE', quantity: 2 });
    await synced(b, written + 1);
    await synced(a, written + 1);
    expect(a.store.getState().shop.products.get('POT-WHITE')?.stock).toBe(7);
    const [restock] = await a.log.readRange(written + 1, written + 1);
    expect((await a.sync!.authorsOf([restock!.id])).get(restock!.id)).toBe('Till 2');
    expect(await headHash(a)).toBe(await headHash(b));
  });

  it('recognises a push whose answer was lost by its ids: nothing is duplicated upstream', async () => {
    const shop = await newShop();
    const a = await device();
    await a.dispatch(sampleShopCommands()[0]!);
    dropAnswers = 1;
    await a.sync!.connect({ serverUrl: h.base, token: shop.tokenA, shopId: shop.shopId });
    await synced(a, 1);
    expect(dropAnswers).toBe(0);
    await a.dispatch(sampleShopCommands()[1]!);
    await synced(a, 2);
    const pulled = await h.call(`/v1/shops/${shop.shopId}/events?after=0`, { token: shop.tokenA });
    expect(pulled.body.events.map((e) => e.event.seq)).toEqual([1, 2]);
    expect(pulled.body.events.map((e) => e.event.hash)).toEqual([await a.log.storedHashAt(1), await a.log.storedHashAt(2)]);
  });

  it('refuses a wrong token or a server that is down with a sentence, and changes nothing', async () => {
    const shop = await newShop();
    const a = await device();
    await expect(a.sync!.connect({ serverUrl: h.base, token: 'rwd_wrong', shopId: shop.shopId })).rejects.toBeInstanceOf(
      SyncUnauthorisedError,
    );
    await expect(a.sync!.connect({ serverUrl: 'http://127.0.0.1:9', token: shop.tokenA, shopId: shop.shopId })).rejects.toBeInstanceOf(
      SyncOfflineError,
    );
    await expect(a.sync!.connect({ serverUrl: h.base, token: shop.tokenB, shopId: 'another-shop' })).rejects.toThrow(/another shop/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.sync!.store.getState()).toMatchObject({ status: 'off', serverUrl: null });
  });

  it('stops with a sentence, writing nothing, when events made before sync was set up cannot be decided again; taking the server’s history goes on', async () => {
    const shop = await newShop();
    const a = await device();
    const b = await device();
    await a.dispatch(sampleShopCommands()[0]!);
    await a.sync!.connect({ serverUrl: h.base, token: shop.tokenA, shopId: shop.shopId });
    await synced(a, 1);
    await b.dispatch(sampleShopCommands()[1]!);
    await b.sync!.connect({ serverUrl: h.base, token: shop.tokenB, shopId: shop.shopId });
    await waitUntil(() => statusOf(b) === 'error', 'a refusal', 10_000);
    expect(b.sync!.store.getState().message).toMatch(/1 of this device's events not yet sent were not made by commands it kept/);
    expect(await b.log.lastPosition()).toBe(1);
    expect((await new ShopStreams(h.db).head(shop.shopId)).seq).toBe(1);
    expect(b.sync!.store.getState().remedy).toBe('take-upstream');

    // The user takes the server's history in place of B's own: B then holds A's, and syncs on.
    await a.dispatch(sampleShopCommands()[2]!);
    await synced(a, 2);
    await b.sync!.takeUpstream();
    await synced(b, 2);
    expect(await headHash(b)).toBe(await headHash(a));
    expect(canonicalShop(b.store.getState().shop)).toBe(canonicalShop(a.store.getState().shop));
    expect(b.sync!.store.getState().remedy).toBeNull();
    expect((await b.log.verifyChain()).intact).toBe(true);
    await b.dispatch(sampleShopCommands()[3]!);
    await synced(b, 3);
    await synced(a, 3);
    expect(await headHash(a)).toBe(await headHash(b));
    expect((await new ShopStreams(h.db).head(shop.shopId)).seq).toBe(3);
  });

  it('rebases: both sell the last teapots while apart; the later is refused as a conflict naming the device, and both converge', async () => {
    const shop = await newShop();
    const a = await device();
    const b = await device();
    for (const command of sampleShopCommands()) await a.dispatch(command);
    await a.sync!.connect({ serverUrl: h.base, token: shop.tokenA, shopId: shop.shopId });
    await b.sync!.connect({ serverUrl: h.base, token: shop.tokenB, shopId: shop.shopId });
    await synced(b, 8);
    await a.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'POT-WHITE', quantity: 5 });
    await b.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'POT-WHITE', quantity: 5 });
    await synced(a, 10);
    await synced(b, 10);

    await a.sync!.setPaused(true);
    await waitUntil(() => statusOf(a) === 'paused', 'A paused');
    await b.dispatch({ type: 'CheckoutCart', customerId: 'grace' });
    await waitUntil(() => b.store.getState().shop.orders.size === 1, 'B ordered');
    await a.dispatch({ type: 'CheckoutCart', customerId: 'ada' });
    await waitUntil(() => a.store.getState().shop.orders.size === 1, 'A ordered, offline');
    const bEnd = b.store.getState().position;
    await synced(b, bEnd);

    await a.sync!.setPaused(false);
    await waitUntil(() => a.sync!.store.getState().conflicts.length === 1, 'a conflict on A', 15_000);
    const [conflict] = a.sync!.store.getState().conflicts;
    expect(conflict!.events[0]!.type).toBe('CheckoutRequested');
    expect(conflict!.reason).toMatch(/White teapot/);
    expect(conflict!.causedBy?.device).toBe('Till 2');
    await waitUntil(() => a.store.getState().rewritten !== null, 'A refolded');
    await synced(a, bEnd);
    expect(await headHash(a)).toBe(await headHash(b));
    expect(canonicalShop(a.store.getState().shop)).toBe(canonicalShop(b.store.getState().shop));
    expect(a.store.getState().shop.products.get('POT-WHITE')?.stock).toBe(0);
    expect([...a.store.getState().shop.orders.values()].map((o) => o.customerId)).toEqual(['grace']);
    expect((await a.log.verifyChain()).intact).toBe(true);

    await a.sync!.dismissConflict(conflict!.commandId);
    await waitUntil(() => a.sync!.store.getState().conflicts.length === 0, 'dismissed');
  });

  it('keeps a command sent the moment a synced device opens, before its sync settings were read, for a later rebase', async () => {
    const shop = await newShop();
    const dbName = `device-${crypto.randomUUID()}`;
    const first = await device(dbName);
    await first.dispatch(sampleShopCommands()[0]!);
    await first.sync!.connect({ serverUrl: h.base, token: shop.tokenA, shopId: shop.shopId });
    await synced(first, 1);
    await first.sync!.setPaused(true);
    await first.stop();
    opened.splice(opened.indexOf(first), 1);

    const again = await device(dbName);
    await again.dispatch(sampleShopCommands()[1]!);
    const kept = new SyncDb(dbName);
    try {
      await waitUntil(async () => (await kept.pending.count()) === 1, 'the command was kept for sync');
      const [record] = await kept.pending.toArray();
      expect(record!.input).toEqual(sampleShopCommands()[1]);
      expect(statusOf(again)).toBe('paused');
    } finally {
      kept.close();
    }
  });

  it('forgets a command kept long ago whose events never reached the log, once every event is confirmed, and keeps a recent one', async () => {
    const shop = await newShop();
    const dbName = `device-${crypto.randomUUID()}`;
    const a = await device(dbName);
    await a.sync!.connect({ serverUrl: h.base, token: shop.tokenA, shopId: shop.shopId });
    const kept = new SyncDb(dbName);
    try {
      const orphan = (commandId: string, keptAt: number) => ({
        commandId,
        input: sampleShopCommands()[0],
        cause: null,
        at: new Date().toISOString(),
        drawnIds: [],
        keptAt,
      });
      // What a failed append or a crash between keeping and writing leaves behind.
      await kept.pending.bulkPut([orphan('failed-long-ago', Date.now() - 10 * 60_000), orphan('still-being-written', Date.now())]);
      await a.dispatch(sampleShopCommands()[0]!);
      await synced(a, 1);
      await waitUntil(async () => (await kept.pending.get('failed-long-ago')) === undefined, 'the old orphan was forgotten');
      expect((await kept.pending.toArray()).map((r) => r.commandId)).toEqual(['still-being-written']);
    } finally {
      kept.close();
    }
  });
});
