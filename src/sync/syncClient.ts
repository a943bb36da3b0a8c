import type { ChainLink, StoredEvent } from '../es';
import { SyncOfflineError, SyncRefusedError, SyncServerError, SyncStaleHeadError, SyncUnauthorisedError } from './syncErrors';

/** Where and as whom this device syncs. */
export interface SyncSettings {
  serverUrl: string;
  token: string;
  shopId: string;
}

/** Who the server says this device is, and which database it keeps the shop in. */
export interface SyncMeta {
  backendId: string;
  shopId: string;
  head: ChainLink;
  device: { deviceId: string; name: string };
  limits?: { maxPushEvents?: number; maxPullEvents?: number; maxWaitSeconds?: number };
}

/** An upstream event with the device that pushed it. */
export interface PulledEvent {
  event: StoredEvent;
  device: { id: string; name: string };
}

export interface PullPage {
  backendId: string;
  head: ChainLink;
  events: PulledEvent[];
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const SHOP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The settings as typed, checked and trimmed; a sentence saying what is wrong otherwise. */
export function checkSettings(input: SyncSettings): SyncSettings {
  const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new SyncRefusedError(0, `"${input.serverUrl}" is not a web address (for example https://sync.example.com).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SyncRefusedError(0, 'The server address must start with https:// or http://.');
  // The token travels in a header: in clear only on this machine (the app's CSP allows no more).
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new SyncRefusedError(
      0,
      'A sync server on another machine must be reached over https://, so the device token is not sent in clear.',
    );
  }
  if (url.search || url.hash || url.username) throw new SyncRefusedError(0, 'The server address holds no query, fragment or user name.');
  const token = input.token.trim();
  if (!/^\S{1,200}$/.test(token)) throw new SyncRefusedError(0, 'The device token is the one line the server printed when it was created.');
  const shopId = input.shopId.trim();
  if (!SHOP_ID.test(shopId))
    throw new SyncRefusedError(0, 'A shop id is 1 to 64 letters, digits, "-" or "_", starting with a letter or digit.');
  return { serverUrl, token, shopId };
}

/**
 * The sync server's HTTP API as a device calls it (src/server/syncServer.ts answers): every
 * failure becomes one of the typed errors in syncErrors.ts, with the server's own sentence.
 */
export class SyncClient {
  private readonly fetch: FetchLike;

  constructor(
    readonly settings: SyncSettings,
    fetchImpl?: FetchLike,
  ) {
    this.fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  meta(signal?: AbortSignal): Promise<SyncMeta> {
    return this.call<SyncMeta>('meta', { method: 'GET', signal });
  }

  /** Up to `limit` events after upstream position `after`; with `waitSeconds`, waits that long for one (long poll). */
  pull(after: number, limit: number, waitSeconds = 0, signal?: AbortSignal): Promise<PullPage> {
    const query = `?after=${after}&limit=${limit}${waitSeconds > 0 ? `&wait=${waitSeconds}` : ''}`;
    return this.call<PullPage>(`events${query}`, { method: 'GET', signal });
  }

  /** Appends `events` after upstream position `base`; resolves with the new head. */
  async push(base: number, events: readonly unknown[], signal?: AbortSignal): Promise<{ head: ChainLink; retried: boolean }> {
    return this.call('events', { method: 'POST', body: JSON.stringify({ base, events }), signal });
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    const { serverUrl, token, shopId } = this.settings;
    const url = `${serverUrl}/v1/shops/${encodeURIComponent(shopId)}/${path}`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        cache: 'no-store',
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      // fetch rejects only when no answer came (network, DNS, CORS): the server says nothing then.
      throw new SyncOfflineError(serverUrl, error);
    }
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      if (init.signal?.aborted) throw error;
      if (response.ok) throw new SyncServerError(response.status, `The sync server at ${serverUrl} sent an answer that is not JSON.`);
    }
    if (response.ok) return body as T;
    throw errorOf(response, body, serverUrl);
  }
}

function errorOf(response: Response, body: Record<string, unknown>, serverUrl: string): Error {
  const said = typeof body.error === 'string' ? body.error : null;
  const { status } = response;
  if (status === 401 || status === 403) return new SyncUnauthorisedError(status, said ?? 'The sync server refused this device token.');
  if (status === 409 && body.stale === true && isLink(body.head)) return new SyncStaleHeadError(body.head, said ?? 'Upstream moved on.');
  if (status === 429 || status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after') ?? body.retryAfter);
    return new SyncServerError(
      status,
      said ?? `The sync server at ${serverUrl} failed (HTTP ${status}).`,
      Number.isFinite(retryAfter) ? retryAfter : null,
    );
  }
  if (status === 404 && said === null) return new SyncRefusedError(status, `There is no Rewind sync server at ${serverUrl}.`);
  return new SyncRefusedError(status, said ?? `The sync server refused the request (HTTP ${status}).`);
}

const isLink = (value: unknown): value is ChainLink =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as ChainLink).seq) &&
  typeof (value as ChainLink).hash === 'string';
