import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DeviceTokens, isShopId, type Device } from './deviceTokens';
import { HeadWaiters } from './headWaiters';
import { bearerToken, countParam, readJsonBody, sendJson } from './httpParts';
import { chainProblem, checkPush, Refusal } from './pushCheck';
import { RateLimiter } from './rateLimit';
import { ShopStreams } from './shopStreams';
import type { SyncDatabase } from './syncDatabase';

export interface SyncLimits {
  /** Events in one push (LiveStore's batches are 1–100 too). */
  maxPushEvents: number;
  maxPullEvents: number;
  maxBodyBytes: number;
  /** Longest a pull with nothing new waits for a push (long poll). */
  maxWaitSeconds: number;
  requestsPerSecond: number;
  burst: number;
}

export const defaultLimits: SyncLimits = {
  maxPushEvents: 100,
  maxPullEvents: 1_000,
  maxBodyBytes: 1_048_576,
  maxWaitSeconds: 30,
  requestsPerSecond: 20,
  burst: 60,
};

export interface SyncServerOptions {
  db: SyncDatabase;
  limits?: Partial<SyncLimits>;
  /** The app's origin, for CORS; '*' by default (tokens travel in a header, never in cookies). */
  allowedOrigin?: string;
  log?: (line: string) => void;
  /** For tests: called after a push is committed and before it is answered. */
  afterCommit?: (shopId: string) => void | Promise<void>;
}

export interface SyncServer {
  server: Server;
  tokens: DeviceTokens;
  close(): Promise<void>;
}

const ROUTE = /^\/v1\/shops\/([^/]+)\/(meta|events)$/;

/**
 * The sync server's HTTP face: meta, paged (long-poll) pull and push per shop, every request
 * authenticated by a device token of that shop, sized and rate-limited. Any refusal is a JSON
 * `{ error }` sentence and changes nothing.
 */
export function createSyncServer(options: SyncServerOptions): SyncServer {
  const limits = { ...defaultLimits, ...options.limits };
  const tokens = new DeviceTokens(options.db.pool);
  const streams = new ShopStreams(options.db);
  const waiters = new HeadWaiters();
  const rate = new RateLimiter(limits.requestsPerSecond, limits.burst);
  const cors = {
    'access-control-allow-origin': options.allowedOrigin ?? '*',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
  };
  const log = options.log ?? (() => {});

  async function authenticate(request: IncomingMessage, shopId: string): Promise<Device> {
    const token = bearerToken(request);
    if (!token) throw new Refusal(401, 'This request has no device token (Authorization: Bearer …).');
    const checked = await tokens.check(token);
    if (!checked.ok) {
      throw new Refusal(
        401,
        checked.reason === 'revoked' ? "This device's token was revoked by the shop's owner." : 'This device token is not known here.',
      );
    }
    if (checked.device.shopId !== shopId) throw new Refusal(403, 'This device token belongs to another shop.');
    const wait = rate.take(checked.device.deviceId);
    if (wait > 0) throw new Refusal(429, 'Too many requests from this device; try again shortly.', { retryAfter: wait });
    return checked.device;
  }

  async function handle(request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://sync.invalid');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const route = ROUTE.exec(url.pathname);
    if (!route) throw new Refusal(404, 'There is nothing here: the sync API is /v1/shops/<shop>/meta and /v1/shops/<shop>/events.');
    const shopId = decodeURIComponent(route[1]!);
    if (!isShopId(shopId)) throw new Refusal(404, 'There is no such shop.');
    const what = route[2]!;
    const allowed = what === 'events' ? ['GET', 'POST'] : ['GET'];
    if (!allowed.includes(request.method ?? '')) throw new Refusal(405, `${what} answers ${allowed.join(' and ')} only.`);
    const device = await authenticate(request, shopId);

    if (what === 'meta') {
      sendJson(response, 200, { backendId: options.db.backendId, shopId, head: await streams.head(shopId), device, limits }, cors);
      return;
    }
    if (request.method === 'GET') {
      const after = countParam(url, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = countParam(url, 'limit', limits.maxPullEvents, 1, limits.maxPullEvents);
      const wait = countParam(url, 'wait', 0, 0, limits.maxWaitSeconds);
      let events = await streams.read(shopId, after, limit);
      if (events.length === 0 && wait > 0) {
        await waiters.wait(shopId, wait * 1000, signal);
        if (signal.aborted) return;
        events = await streams.read(shopId, after, limit);
      }
      sendJson(response, 200, { backendId: options.db.backendId, head: await streams.head(shopId), events }, cors);
      return;
    }
    const push = checkPush(await readJsonBody(request, limits.maxBodyBytes), limits.maxPushEvents);
    // The chain is checked from the event at `base`; whether upstream moved past it, the append's
    // expected version says (a retry of a push that landed is recognised there by its ids).
    const link = await streams.linkAt(shopId, push.base);
    if (!link) throw staleRefusal(await streams.head(shopId));
    const broken = chainProblem(link, push.events);
    if (broken) {
      // Built on another event at `base` than upstream holds there: a rebase, not a forgery, when upstream moved.
      const head = await streams.head(shopId);
      throw head.seq !== push.base ? staleRefusal(head) : new Refusal(400, broken);
    }
    const outcome = await streams.append(shopId, push.base, push.events, device);
    if (outcome.kind === 'stale') throw staleRefusal(outcome.head);
    if (outcome.kind === 'duplicate') {
      throw new Refusal(409, `An event with the id ${outcome.id} is already upstream: nothing was appended.`, {
        head: outcome.head,
        duplicate: outcome.id,
      });
    }
    log(`push ${shopId}: ${push.events.length} events by ${device.name}, head ${outcome.head.seq}`);
    waiters.notify(shopId);
    await options.afterCommit?.(shopId);
    sendJson(response, 200, { head: outcome.head, retried: outcome.retried }, cors);
  }

  // Close waits for these, so no answer in progress reads a database its owner closes next.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const aborted = new AbortController();
    response.on('close', () => aborted.abort());
    const answering = handle(request, response, aborted.signal).catch((error: unknown) => {
      if (error instanceof Refusal) {
        const headers: Record<string, string> = { ...cors };
        if (typeof error.details.retryAfter === 'number') headers['retry-after'] = String(error.details.retryAfter);
        sendJson(response, error.status, { error: error.message, ...error.details }, headers);
        return;
      }
      log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(response, 500, { error: 'The sync server failed to answer; nothing was changed. Try again.' }, cors);
    });
    inFlight.add(answering);
    void answering.finally(() => inFlight.delete(answering));
  });

  return {
    server,
    tokens,
    async close() {
      waiters.releaseAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([closed, Promise.allSettled([...inFlight])]);
    },
  };
}

const staleRefusal = (head: { seq: number; hash: string }) =>
  new Refusal(409, `Upstream is at event ${head.seq}: pull and rebase before pushing.`, { head, stale: true });
