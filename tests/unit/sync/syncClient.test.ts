import { describe, expect, it } from 'vitest';
import {
  SyncClient,
  SyncOfflineError,
  SyncRefusedError,
  SyncServerError,
  SyncStaleHeadError,
  SyncUnauthorisedError,
  backoffDelay,
  checkSettings,
  type FetchLike,
} from '../../../src/sync';

const settings = { serverUrl: 'https://sync.example.com', token: 'rwd_abc', shopId: 'corner-shop' };

/** A fetch that answers every request with one status and body, and remembers what it was asked. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const asked: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchLike = (url, init) => {
    asked.push({ url, init });
    return Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers }));
  };
  return { fetch, asked };
}

describe('sync client: requests', () => {
  it('sends the token as a bearer header to the shop path, and the push as {base, events}', async () => {
    const { fetch, asked } = answering(200, { head: { seq: 3, hash: 'h' }, retried: false });
    const answer = await new SyncClient(settings, fetch).push(2, [{ seq: 3 }]);
    expect(answer.head).toEqual({ seq: 3, hash: 'h' });
    expect(asked[0]!.url).toBe('https://sync.example.com/v1/shops/corner-shop/events');
    expect(asked[0]!.init.method).toBe('POST');
    expect((asked[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer rwd_abc');
    expect(JSON.parse(asked[0]!.init.body as string)).toEqual({ base: 2, events: [{ seq: 3 }] });
  });

  it('pulls after a position, with a long-poll wait only when asked', async () => {
    const { fetch, asked } = answering(200, { backendId: 'b', head: { seq: 0, hash: 'g' }, events: [] });
    const client = new SyncClient(settings, fetch);
    await client.pull(40, 1000);
    await client.pull(40, 1000, 25);
    expect(asked.map((a) => a.url.split('/events')[1])).toEqual(['?after=40&limit=1000', '?after=40&limit=1000&wait=25']);
  });
});

describe('sync client: errors', () => {
  it('maps a failed fetch to offline', async () => {
    const client = new SyncClient(settings, () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(client.meta()).rejects.toBeInstanceOf(SyncOfflineError);
  });

  it("maps 401 and 403 to unauthorised, with the server's sentence", async () => {
    const revoked = new SyncClient(settings, answering(401, { error: "This device's token was revoked by the shop's owner." }).fetch);
    await expect(revoked.meta()).rejects.toThrow(/revoked/);
    await expect(revoked.meta()).rejects.toBeInstanceOf(SyncUnauthorisedError);
    const other = new SyncClient(settings, answering(403, { error: 'This device token belongs to another shop.' }).fetch);
    await expect(other.meta()).rejects.toMatchObject({ name: 'SyncUnauthorisedError', status: 403 });
  });

  it('maps a stale 409 to a stale head carrying the head, and another 409 to a refusal', async () => {
    const stale = new SyncClient(
      settings,
      answering(409, { error: 'Upstream is at event 9', head: { seq: 9, hash: 'x' }, stale: true }).fetch,
    );
    await expect(stale.push(3, [{}])).rejects.toEqual(expect.objectContaining({ head: { seq: 9, hash: 'x' } }));
    await expect(stale.push(3, [{}])).rejects.toBeInstanceOf(SyncStaleHeadError);
    const duplicate = new SyncClient(
      settings,
      answering(409, { error: 'An event with the id e1 is already upstream', head: { seq: 9, hash: 'x' } }).fetch,
    );
    await expect(duplicate.push(3, [{}])).rejects.toBeInstanceOf(SyncRefusedError);
  });

  it('maps 429 and 5xx to a server error that may be retried, with retry-after', async () => {
    const busy = new SyncClient(settings, answering(429, { error: 'Too many requests', retryAfter: 2 }, { 'retry-after': '2' }).fetch);
    await expect(busy.meta()).rejects.toMatchObject({ name: 'SyncServerError', status: 429, retryAfter: 2 });
    const down = new SyncClient(settings, answering(502, 'Bad gateway').fetch);
    await expect(down.meta()).rejects.toBeInstanceOf(SyncServerError);
  });

  it('says there is no sync server at an address that answers 404 without a sentence', async () => {
    const client = new SyncClient(settings, answering(404, '<html>not found</html>').fetch);
    await expect(client.meta()).rejects.toThrow('There is no Rewind sync server at https://sync.example.com.');
  });
});

describe('sync settings', () => {
  it('trims them and drops a trailing slash', () => {
    expect(checkSettings({ serverUrl: ' https://s.example/ ', token: ' rwd_x ', shopId: ' shop-1 ' })).toEqual({
      serverUrl: 'https://s.example',
      token: 'rwd_x',
      shopId: 'shop-1',
    });
  });

  it('refuses an address that is not http(s), an empty token and a bad shop id, with a sentence', () => {
    expect(() => checkSettings({ ...settings, serverUrl: 'sync.example.com' })).toThrow(/not a web address/);
    expect(() => checkSettings({ ...settings, serverUrl: 'ftp://sync.example.com' })).toThrow(/https:\/\/ or http:\/\//);
    expect(() => checkSettings({ ...settings, serverUrl: 'http://sync.example.com' })).toThrow(/over https:\/\//);
    expect(checkSettings({ ...settings, serverUrl: 'http://127.0.0.1:8787' }).serverUrl).toBe('http://127.0.0.1:8787');
    expect(() => checkSettings({ ...settings, token: '  ' })).toThrow(/device token/);
    expect(() => checkSettings({ ...settings, shopId: 'my shop' })).toThrow(/shop id/);
  });
});

describe('backoff', () => {
  it('grows exponentially up to its ceiling, with the delay drawn below it (full jitter)', () => {
    const policy = { baseMs: 100, maxMs: 5_000 };
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 5_000]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  it('spreads devices that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(6, { baseMs: 100, maxMs: 60_000 })));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d).toBeLessThanOrEqual(6_400);
  });
});
