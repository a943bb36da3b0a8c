/**
 * Long-poll waiters per shop: a pull with nothing new waits here until a push lands on that shop
 * or its time runs out. Within one server process; several processes would need LISTEN/NOTIFY.
 */
export class HeadWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Resolves when `shopId` has news, after `ms`, or when `signal` aborts (the device went away). */
  wait(shopId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiting.get(shopId) ?? new Set();
      this.waiting.set(shopId, set);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0) this.waiting.delete(shopId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      set.add(done);
    });
  }

  notify(shopId: string): void {
    for (const done of [...(this.waiting.get(shopId) ?? [])]) done();
  }

  /** Lets every waiter go, so the server can close. */
  releaseAll(): void {
    for (const shopId of [...this.waiting.keys()]) this.notify(shopId);
  }
}
