import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, chain, verifyRows, type StoredEvent } from '../../src/es';
import { ShopStreams } from '../../src/server/shopStreams';
import { demoEvents } from '../support/demoEvents';
import { startSyncHarness, type SyncHarness } from './syncServerHarness';

let h: SyncHarness;
let history: StoredEvent[];
let shopNumber = 0;

beforeAll(async () => {
  h = await startSyncHarness({ requestsPerSecond: 10_000, burst: 10_000 });
  history = demoEvents(7, 40);
}, 60_000);
afterAll(() => h?.stop());

/** A fresh shop with one device: each test writes its own stream. */
async function newShop() {
  const shopId = `shop-${++shopNumber}`;
  const { token, device } = await h.sync.tokens.create(shopId, 'Till 1');
  return { shopId, token, device, events: `/v1/shops/${shopId}/events` };
}

const push = (shop: { events: string; token: string }, base: number, events: unknown[]) =>
  h.call(shop.events, { token: shop.token, body: { base, events } });

/** The same history's events, re-chained so they can follow `from` at position `after`. */
function continuing(after: number, from: string, events: StoredEvent[]): StoredEvent[] {
  return chain(
    from,
    events.map(({ hash: _hash, ...e }, i) => ({ ...e, seq: after + i + 1, id: `${e.id}-at-${after + i + 1}` })),
  );
}

describe('sync server: authentication', () => {
  it('refuses a missing, unknown, revoked or other shop token, and answers its own', async () => {
    const a = await newShop();
    const b = await newShop();
    expect((await h.call(`/v1/shops/${a.shopId}/meta`, {})).status).toBe(401);
    expect((await h.call(`/v1/shops/${a.shopId}/meta`, { token: 'rwd_not-a-token' })).status).toBe(401);
    const wrongShop = await h.call(`/v1/shops/${a.shopId}/meta`, { token: b.token });
    expect(wrongShop.status).toBe(403);
    expect(wrongShop.body.error).toMatch(/another shop/);
    const ok = await h.call(`/v1/shops/${a.shopId}/meta`, { token: a.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ shopId: a.shopId, head: { seq: 0, hash: GENESIS_HASH }, backendId: h.db.backendId });

    expect(await h.sync.tokens.revoke(a.device.deviceId)).toBe(true);
    const revoked = await push(a, 0, history.slice(0, 1));
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toMatch(/revoked/);
    expect((await new ShopStreams(h.db).head(a.shopId)).seq).toBe(0);
  });

  it('stores only a hash of each token', async () => {
    const a = await newShop();
    const { rows } = await h.db.pool.query<{ token_hash: string }>('SELECT token_hash FROM rewind_device_tokens WHERE device_id = $1', [
      a.device.deviceId,
    ]);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(a.token);
  });
});

describe('sync server: push and pull', () => {
  it('appends a valid batch and pulls it back, page by page, as pushed', async () => {
    const shop = await newShop();
    const events = history.slice(0, 150);
    expect((await push(shop, 0, events.slice(0, 100))).body.head).toEqual({ seq: 100, hash: events[99]!.hash });
    expect((await push(shop, 100, events.slice(100))).status).toBe(200);
    const first = await h.call(`${shop.events}?after=0&limit=60`, { token: shop.token });
    const rest = await h.call(`${shop.events}?after=60`, { token: shop.token });
    const pulled = [...first.body.events, ...rest.body.events];
    expect(pulled.map((e) => e.event)).toEqual(events);
    expect(pulled[0].device).toMatchObject({ id: shop.device.deviceId, name: 'Till 1' });
    expect(rest.body.head).toEqual({ seq: 150, hash: events[149]!.hash });
  });

  it('refuses a stale head with the current one, and a base ahead of it', async () => {
    const shop = await newShop();
    await push(shop, 0, history.slice(0, 10));
    const other = continuing(0, GENESIS_HASH, history.slice(20, 25));
    const stale = await push(shop, 0, other);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ stale: true, head: { seq: 10, hash: history[9]!.hash } });
    const ahead = await push(shop, 12, continuing(12, history[9]!.hash, history.slice(20, 21)));
    expect(ahead.status).toBe(409);
    // Built on another event at position 5 than upstream's (the device's own, before a rebase).
    const elsewhere = await push(shop, 5, continuing(5, 'f'.repeat(64), history.slice(30, 32)));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ stale: true, head: { seq: 10 } });
    expect((await new ShopStreams(h.db).head(shop.shopId)).seq).toBe(10);
  });

  it('lets exactly one of two concurrent pushes at the same head win', async () => {
    const shop = await newShop();
    await push(shop, 0, history.slice(0, 5));
    const mine = continuing(5, history[4]!.hash, history.slice(5, 30));
    const theirs = continuing(5, history[4]!.hash, history.slice(40, 60)).map((e) => e);
    const results = await Promise.all([push(shop, 5, mine), push(shop, 5, theirs)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]!.status === 200 ? mine : theirs;
    const pulled = await h.call(`${shop.events}?after=5`, { token: shop.token });
    expect(pulled.body.events.map((e) => e.event)).toEqual(winner);
  });

  it('refuses an event id already upstream and leaves the stream unchanged', async () => {
    const shop = await newShop();
    await push(shop, 0, history.slice(0, 3));
    const copy = chain(history[2]!.hash, [{ ...withoutHash(history[3]!), id: history[0]!.id }]);
    const refused = await push(shop, 3, copy);
    expect(refused.status).toBe(409);
    expect(refused.body.duplicate).toBe(history[0]!.id);
    const pulled = await h.call(`${shop.events}?after=0`, { token: shop.token });
    expect(pulled.body.events).toHaveLength(3);
  });

  it('answers a retried push that already landed as the first time, without duplicating it', async () => {
    const shop = await newShop();
    const batch = history.slice(0, 20);
    expect((await push(shop, 0, batch)).status).toBe(200);
    const again = await push(shop, 0, batch);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ retried: true, head: { seq: 20 } });
    expect((await h.call(`${shop.events}?after=0`, { token: shop.token })).body.events).toHaveLength(20);
  });

  it('refuses a forged hash, a broken envelope, a wrong position and an unknown payload, appending nothing', async () => {
    const shop = await newShop();
    const events = history.slice(0, 4);
    const forged = events.map((e, i) => (i === 2 ? { ...e, payload: { ...(e.payload as object), quantity: 99 } } : e));
    const cases: Array<[unknown[], RegExp]> = [
      [forged, /Event #3: its hash does not match/],
      [[{ ...events[0], seq: 'one' }], /position \(seq\)/],
      [[events[1]], /at position 2, where 1 should be/],
      [[{ ...events[0], type: 'StockStolen' }], /not an event this version of Rewind knows/],
      [[{ ...events[0], extra: 1 }], /field "extra"/],
      [[{ ...events[0], payload: { ...(events[0]!.payload as object), name: 'a\u0000b' } }], /NUL character/],
    ];
    for (const [batch, reason] of cases) {
      const answer = await push(shop, 0, batch);
      expect(answer.status, String(reason)).toBe(400);
      expect(answer.body.error).toMatch(reason);
    }
    expect((await new ShopStreams(h.db).head(shop.shopId)).seq).toBe(0);
  });

  it('refuses an oversized batch, an oversized body and a body that is not JSON', async () => {
    const shop = await newShop();
    const many = await push(shop, 0, history.slice(0, 101));
    expect(many.status).toBe(413);
    expect(many.body.error).toMatch(/at most 100 events/);
    const huge = await h.call(shop.events, {
      token: shop.token,
      rawBody: JSON.stringify({ base: 0, events: [], pad: 'x'.repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    const garbage = await h.call(shop.events, { token: shop.token, rawBody: '{"base":0,' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatch(/not valid JSON/);
    expect((await new ShopStreams(h.db).head(shop.shopId)).seq).toBe(0);
  });

  it('wakes a waiting pull when a push lands (long poll)', async () => {
    const shop = await newShop();
    const started = Date.now();
    const waiting = h.call(`${shop.events}?after=0&wait=20`, { token: shop.token });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await push(shop, 0, history.slice(0, 2));
    const answer = await waiting;
    expect(answer.body.events).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('pulls a history of 100,000 events in pages, whole and in order', async () => {
    const shop = await newShop();
    const big = demoEvents(11, 2_700).slice(0, 100_000);
    expect(big).toHaveLength(100_000);
    const streams = new ShopStreams(h.db);
    for (let at = 0; at < big.length; at += 1_000) {
      const outcome = await streams.append(shop.shopId, at, big.slice(at, at + 1_000), shop.device);
      expect(outcome.kind).toBe('appended');
    }
    const pulled: StoredEvent[] = [];
    for (;;) {
      const page = await h.call(`${shop.events}?after=${pulled.length}`, { token: shop.token });
      if (page.body.events.length === 0) break;
      pulled.push(...page.body.events.map((e) => e.event));
    }
    expect(pulled).toHaveLength(100_000);
    expect(verifyRows(pulled, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ intact: true, events: 100_000 });
  }, 300_000);
});

function withoutHash(event: StoredEvent) {
  const { hash: _hash, ...rest } = event;
  return rest;
}
