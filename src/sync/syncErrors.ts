import type { ChainLink } from '../es';

/** The server could not be reached (no network, DNS, refused connection, CORS): retried with backoff. */
export class SyncOfflineError extends Error {
  override readonly name = 'SyncOfflineError';
  constructor(
    readonly url: string,
    cause?: unknown,
  ) {
    super(`The sync server at ${url} cannot be reached (offline, or the address is wrong).`, { cause });
  }
}

/** The token is missing, unknown, revoked (401) or another shop's (403): not retried until the settings change. */
export class SyncUnauthorisedError extends Error {
  override readonly name = 'SyncUnauthorisedError';
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** Upstream moved on past the push's base: pull, then push again on the new head. */
export class SyncStaleHeadError extends Error {
  override readonly name = 'SyncStaleHeadError';
  constructor(
    readonly head: ChainLink,
    message: string,
  ) {
    super(message);
  }
}

/** The server refused the request as wrong (400, 404, 409 duplicate, 413): retrying the same request will not help. */
export class SyncRefusedError extends Error {
  override readonly name = 'SyncRefusedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server failed or asked to slow down (5xx, 429, an unreadable answer): retried with backoff. */
export class SyncServerError extends Error {
  override readonly name = 'SyncServerError';
  constructor(
    readonly status: number,
    message: string,
    /** Seconds the server asked to wait (429), when it said. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/**
 * This device's history no longer continues what it confirmed upstream: the server's database was
 * replaced (another backend id), or the local log was replaced or lost events. Sync stops rather
 * than push or pull across the break.
 */
export class SyncDivergedError extends Error {
  override readonly name = 'SyncDivergedError';
  constructor(
    message: string,
    /** What the user can do here: take the shop's history from the server in place of this device's. */
    readonly remedy: 'take-upstream' | null = null,
  ) {
    super(message);
  }
}

/** Upstream holds events this device has not seen while it has events of its own not yet upstream. */
export class SyncNeedsRebaseError extends Error {
  override readonly name = 'SyncNeedsRebaseError';
  constructor(
    readonly upstreamHead: ChainLink,
    readonly pending: number,
  ) {
    super(
      `Another device's events reached the server while this device had ${pending} events of its own not yet sent; they must be decided again on the server's events.`,
    );
  }
}

/** Errors that go away by themselves: retried with backoff. */
export const isTransient = (error: unknown): boolean => error instanceof SyncOfflineError || error instanceof SyncServerError;
