/**
 * One writer at a time across the tabs of an origin: catch-up, decide and append run under a Web
 * Lock named after the database, so tabs take turns instead of racing and retrying
 * (docs/decisions/009-consistency-boundary.md). The expected-version check stays the guarantee;
 * the lock only makes conflicts between tabs rare enough not to matter.
 */
export interface WriteLock {
  /** Runs `work` holding the lock; `locked` is false when there is no lock to take. */
  run<T>(work: (locked: boolean) => Promise<T>): Promise<T>;
}

/** What the lock needs of `navigator.locks` (tests may hand in their own). */
export interface LockRequester {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The browser's lock manager, when there is one (not in Node, nor fake-indexeddb tests). */
export function browserLocks(): LockRequester | null {
  const locks = (globalThis as { navigator?: { locks?: LockRequester } }).navigator?.locks;
  return locks ?? null;
}

export function writeLock(databaseName: string, locks: LockRequester | null): WriteLock {
  const name = `rewind-write:${databaseName}`;
  return {
    run: (work) => (locks ? locks.request(name, () => work(true)) : work(false)),
  };
}
