import type { Page } from '@playwright/test';

/** Where a crash is aimed: in a burst of commands, in a snapshot save during one, or in an order-history import. */
export type KillPoint = 'burst' | 'snapshot' | 'import';

/**
 * Opens the app and starts a burst of mixed commands in it (customers, products, restocks, carts
 * and checkouts, which the process manager turns into orders), not awaited. Each command's stored
 * event ids reach `acknowledged` once its promise resolved, through a binding: what arrives was
 * durable before the crash (a crash can only lose acknowledgements in flight, never invent one).
 * Resolves with the app's write lock (JSON) instead when it started locked, bursting nothing.
 */
export async function startBurst(page: Page, round: number, point: KillPoint, acknowledged: Set<string>): Promise<string | null> {
  await page.exposeBinding('rewindAck', (_source, ids: string[]) => ids.forEach((id) => acknowledged.add(id)));
  await page.goto('/');
  return page
    .evaluate(
      async ({ round, point }) => {
        const { runtime, ready } = window.rewind;
        const w = window as unknown as { burstPhase: string };
        w.burstPhase = 'ready';
        await ready;
        w.burstPhase = 'products';
        // A log the app locked at start (the browser lost it since the last round) takes no command:
        // say so instead of bursting into refusals.
        const lock = runtime.store.getState().writeLock;
        if (lock) return JSON.stringify(lock);
        const ack = (window as unknown as { rewindAck(ids: string[]): Promise<void> }).rewindAck;
        const send = (command: Parameters<typeof runtime.dispatch>[0]) =>
          runtime.dispatch(command).then(
            (events) => void ack(events.map((e) => e.id)),
            () => undefined, // refused (e.g. out of stock): nothing was written, nothing to check
          );
        const skus = Array.from({ length: 6 }, (_, i) => `CR-${i}`);
        await Promise.all(
          skus.map((sku, i) => send({ type: 'RegisterProduct', sku, name: `Crash product ${i}`, priceCents: 100 + i, stock: 1_000_000 })),
        );
        w.burstPhase = 'burst';
        let n = 0;
        const one = (): Promise<void> => {
          n += 1;
          const customerId = `r${round}-c${n}`;
          const sku = skus[n % skus.length]!;
          return Promise.all([
            send({ type: 'RegisterCustomer', customerId, name: `Customer ${n} of round ${round}` }),
            send({ type: 'AddItemToCart', customerId, sku, quantity: 1 + (n % 3) }),
            send({ type: 'AddItemToCart', customerId, sku: skus[(n + 1) % skus.length]!, quantity: 1 }),
            send({ type: 'Restock', sku, quantity: 5 }),
            send({ type: 'CheckoutCart', customerId }),
          ]).then(() => undefined);
        };
        // Several customers at a time keep the group commit's batches full while the page dies.
        // A macrotask between rounds: refusals settle in microtasks alone, and must never starve the page.
        void (async () => {
          for (;;) {
            await Promise.all([one(), one(), one(), one()]);
            await new Promise((r) => setTimeout(r, 0));
          }
        })();
        if (point === 'snapshot') {
          void (async () => {
            for (;;) {
              await runtime.engine.snapshots.save(runtime.engine.projection);
              await new Promise((r) => setTimeout(r, 20));
            }
          })();
        }
        return null;
      },
      { round, point },
    )
    .catch(async (error: unknown) => {
      const state = await page
        .evaluate(() => {
          const { runtime } = window.rewind;
          const view = runtime.store.getState();
          return { phase: (window as unknown as { burstPhase?: string }).burstPhase, status: view.status, position: view.position };
        })
        .catch(() => null);
      // Chromium's inspector holds an evaluation's promise weakly, and now and then reports it
      // collected though the page ran the function to its end: the burst is running, and the round
      // goes on to check (letItRun) that its commands are acknowledged.
      if (state?.phase === 'burst' && /garbage collected/.test(String(error))) {
        console.log(`[crashes] round ${round}: the burst started, but its evaluation's promise was reported collected; going on`);
        return null;
      }
      throw new Error(`The burst did not start (${JSON.stringify(state)}): ${String(error)}`);
    });
}

/**
 * Opens the app and starts importing an order-history file through the Import view; resolves once
 * the import has begun to write (the log grew), so that a crash lands between its batches.
 */
export async function startImport(page: Page, file: string): Promise<void> {
  await page.goto('/#/import');
  const before = await page.evaluate(async () => {
    await window.rewind.ready;
    return window.rewind.runtime.store.getState().position;
  });
  await page.getByLabel('Import order history (CSV)', { exact: true }).setInputFiles(file);
  const importButton = page.getByRole('button', { name: 'Import', exact: true });
  await importButton.waitFor({ timeout: 30_000 });
  await importButton.click();
  await page.waitForFunction((from) => window.rewind.runtime.store.getState().position > from, before, { timeout: 30_000 });
}
