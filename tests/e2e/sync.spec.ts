import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncHarness, type SyncHarness } from '../server/syncServerHarness';
import { launchKillable } from './crashes/killableBrowser';
import '../bench/pages/globals';
import { addToCart, checkout, chooseCustomer, eventCount, sampleShop } from './support';

// Two devices (browser contexts, each its own profile) sync one shop through the real sync server
// on a throwaway PostgreSQL, started here on a free loopback port and stopped at the end.
let h: SyncHarness;
let shopId = '';
let shops = 0;
const tokens: Record<'a' | 'b', string> = { a: '', b: '' };

test.beforeAll(async () => {
  h = await startSyncHarness();
});
// Each test syncs a shop of its own.
test.beforeEach(async () => {
  shopId = `corner-shop-${++shops}`;
  tokens.a = (await h.sync.tokens.create(shopId, 'Till 1')).token;
  tokens.b = (await h.sync.tokens.create(shopId, 'Till 2')).token;
});
test.afterAll(async () => {
  await h?.stop();
});

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** A device on the shop: its own context, the sample shop loaded first when `sample`, then connected with `token`. */
async function joined(browser: Browser, token: string, sample: boolean): Promise<Page> {
  const page = await device(browser);
  if (sample) await sampleShop(page);
  else await page.goto('/');
  await connect(page, token);
  return page;
}

async function connect(page: Page, token: string): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Sync server' });
  await form.getByLabel('Server address').fill(h.base);
  await form.getByLabel('Device token').fill(token);
  await form.getByLabel('Shop').fill(shopId);
  await form.getByRole('button', { name: 'Connect' }).click();
}

const syncStatus = (page: Page) => page.getByTestId('sync-status');

const headHash = (page: Page) =>
  page.evaluate(async () => {
    const { log } = window.rewind.runtime;
    return log.storedHashAt(await log.lastPosition());
  });

test('two devices fast-forward each other through the server, a second tab follows its leader', async ({ browser }) => {
  const a = await device(browser);
  await sampleShop(a);
  await connect(a, tokens.a);
  await expect(syncStatus(a)).toHaveText('Synced.');
  await expect(a.getByTestId('sync-server')).toContainText('as Till 1');
  await expect(a.getByTestId('sync-confirmed')).toHaveText('8');

  const b = await device(browser);
  await b.goto('/');
  await connect(b, tokens.b);
  await expect(syncStatus(b)).toHaveText('Synced.');
  await expect(eventCount(b)).toHaveText('8 events');
  expect(await headHash(b)).toBe(await headHash(a));

  // Pulled events name the device that made them.
  await b.getByRole('tab', { name: 'Audit log' }).click();
  await expect(b.getByRole('list', { name: 'Audit entries' }).getByText('by Till 1').first()).toBeVisible();

  // A second tab of device A follows the leader tab: it shows the status and the events, and does not sync itself.
  const a2 = await a.context().newPage();
  await a2.goto('/');
  await expect(eventCount(a2)).toHaveText('8 events');
  expect(await a2.evaluate(() => window.rewind.runtime.sync!.store.getState().leader)).toBe(false);
  expect(await a.evaluate(() => window.rewind.runtime.sync!.store.getState().leader)).toBe(true);

  // B's sale reaches A (its long poll) and A's second tab (the cross-tab signal).
  await b.getByRole('tab', { name: 'Shop' }).click();
  await b.getByLabel('Customer', { exact: true }).selectOption({ label: 'Ada Lovelace' });
  await b.getByLabel('Quantity of White teapot', { exact: true }).fill('5');
  await b.getByRole('button', { name: 'Add White teapot to cart' }).click();
  await expect(eventCount(b)).toHaveText('9 events');
  await expect(eventCount(a)).toHaveText('9 events');
  await expect(eventCount(a2)).toHaveText('9 events');
  await a2.getByRole('tab', { name: 'Settings' }).click();
  await expect(syncStatus(a2)).toHaveText('Synced.');
  expect(await headHash(a)).toBe(await headHash(b));

  // And A's back to B.
  await a.getByRole('tab', { name: 'Shop' }).click();
  await a.getByLabel('Customer', { exact: true }).selectOption({ label: 'Grace Hopper' });
  await a.getByLabel('Quantity of Blue mug', { exact: true }).fill('2');
  await a.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  await expect(eventCount(a)).toHaveText('10 events');
  await expect(eventCount(b)).toHaveText('10 events');
  expect(await headHash(b)).toBe(await headHash(a));

  // A checkout on B: its order is placed by B alone (A hears the checkout but leaves B's follow-up to B).
  await b.getByRole('region', { name: 'Cart of Ada Lovelace' }).getByRole('button', { name: 'Checkout' }).click();
  await expect(b.getByRole('region', { name: 'Cart of Ada Lovelace' }).getByText('The cart is empty.')).toBeVisible();
  const placed = async (page: Page) =>
    page.evaluate(() => [...window.rewind.runtime.store.getState().shop.orders.values()].map((o) => o.id).join());
  await expect.poll(() => placed(b)).not.toBe('');
  await expect.poll(() => placed(a)).toBe(await placed(b));
  await expect.poll(async () => (await headHash(a)) === (await headHash(b))).toBe(true);
  await b.getByRole('tab', { name: 'Settings' }).click();
  await expect(syncStatus(b)).toHaveText('Synced.');
  await a.getByRole('tab', { name: 'Settings' }).click();
  await expect(syncStatus(a)).toHaveText('Synced.');
  expect(await a.evaluate(() => window.rewind.runtime.store.getState().shop.products.get('POT-WHITE')?.stock)).toBe(0);
});

test("a device with history of its own that cannot be decided again takes the server's history once the user says so", async ({
  browser,
}) => {
  const a = await joined(browser, tokens.a, true);
  await expect(syncStatus(a)).toHaveText('Synced.');

  // B was used on its own first: its sample shop was written before sync was set up, with no commands kept.
  const b = await joined(browser, tokens.b, true);
  await expect(b.getByTestId('sync-message')).toContainText('they cannot be decided again, so sync stopped and nothing was changed');
  await expect(eventCount(b)).toHaveText('8 events');
  const offer = b.getByRole('group', { name: "Use the server's history" });
  await expect(offer).toContainText('Its 8 events not on the server would be removed from it');
  expect((await new AxeBuilder({ page: b }).include('.sync-settings').analyze()).violations.map((v) => v.id)).toEqual([]);
  await offer.getByRole('button', { name: 'Use the server’s history on this device…' }).click();
  await offer.getByRole('button', { name: 'Yes, replace this device’s history' }).click();

  await expect(syncStatus(b)).toHaveText('Synced.');
  await expect(offer).toHaveCount(0);
  expect(await headHash(b)).toBe(await headHash(a));
  await expect(eventCount(b)).toHaveText('8 events');
  expect(await b.evaluate(async () => (await window.rewind.runtime.log.verifyChain()).intact)).toBe(true);
  // And it syncs on, both ways.
  await chooseCustomer(b, 'Ada Lovelace');
  await addToCart(b, 'Blue mug', 2);
  await expect(eventCount(a)).toHaveText('9 events');
  expect(await headHash(a)).toBe(await headHash(b));
});

test('a wrong token or an unreachable server is refused with a sentence and changes nothing', async ({ browser }) => {
  const page = await device(browser);
  await page.goto('/');
  await connect(page, 'rwd_not-a-token');
  await expect(page.getByTestId('sync-problem')).toContainText('Not connected, nothing was changed: This device token is not known here.');
  await expect(syncStatus(page)).toHaveText('Not set up: this shop lives in this browser only.');
  const form = page.getByRole('form', { name: 'Sync server' });
  await form.getByLabel('Server address').fill('http://127.0.0.1:9');
  await form.getByLabel('Device token').fill(tokens.a);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('sync-problem')).toContainText('cannot be reached');
  await expect(syncStatus(page)).toHaveText('Not set up: this shop lives in this browser only.');
});

test('both devices sell the last teapots while A is offline: A reconnects, its sale lands in Sync conflicts, both converge', async ({
  browser,
}) => {
  const a = await joined(browser, tokens.a, true);
  await expect(syncStatus(a)).toHaveText('Synced.');
  const b = await joined(browser, tokens.b, false);
  await expect(syncStatus(b)).toHaveText('Synced.');
  // A second tab on A follows the tab that leads its sync, through the rebase below.
  const a2 = await a.context().newPage();
  await a2.goto('/');
  await expect(eventCount(a2)).toHaveText('8 events');

  // Both carts hold the last five teapots, while both are online.
  await chooseCustomer(a, 'Ada Lovelace');
  await addToCart(a, 'White teapot', 5);
  await expect(eventCount(b)).toHaveText('9 events');
  await chooseCustomer(b, 'Grace Hopper');
  await addToCart(b, 'White teapot', 5);
  await expect(eventCount(a)).toHaveText('10 events');

  await a.context().setOffline(true);
  await checkout(a, 'Ada Lovelace');
  await a.getByRole('tab', { name: 'Settings' }).click();
  await expect(syncStatus(a)).toContainText('Offline');
  await expect(syncStatus(a)).toContainText('pending');

  await checkout(b, 'Grace Hopper');
  await b.getByRole('tab', { name: 'Settings' }).click();
  await expect(syncStatus(b)).toHaveText('Synced.');
  const stock = (page: Page) => page.evaluate(() => window.rewind.runtime.store.getState().shop.products.get('POT-WHITE')?.stock);
  expect(await stock(b)).toBe(0);
  expect(await stock(a)).toBe(0);

  // A looks back at its own checkout on the timeline while apart: the timeline keeps what it folded.
  await a.evaluate(async () => {
    const { runtime, timeMachine } = window.rewind;
    await timeMachine.moveTo(runtime.store.getState().position - 1);
    timeMachine.returnToPresent();
  });

  await a.context().setOffline(false);
  const conflicts = a.getByRole('list', { name: 'Sync conflicts' });
  await expect(conflicts.getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
  await expect(conflicts).toContainText('Not applied: Ada Lovelace checked out 5 items for 170.00');
  await expect(conflicts).toContainText('Why: Not enough White teapot in stock: 5 wanted, none are left.');
  await expect(conflicts).toContainText('Because Till 2: 5 × White teapot reserved for order #1 at');
  await expect(syncStatus(a)).toHaveText('Synced.');
  await expect.poll(async () => (await headHash(a)) === (await headHash(b))).toBe(true);
  const orders = (page: Page) =>
    page.evaluate(() =>
      [...window.rewind.runtime.store.getState().shop.orders.values()].map((o) => `${o.id}:${o.customerId}:${o.status}`).join(),
    );
  expect(await orders(a)).toBe(await orders(b));
  expect(await stock(a)).toBe(0);
  expect(await a.evaluate(() => window.rewind.runtime.store.getState().shop.carts.get('ada')?.lines.length)).toBe(1);

  // Without a reload, A's timeline shows the history as it now is: a step back from the present reads as on B.
  const stepBack = (page: Page) =>
    page.evaluate(async () => {
      const { runtime, timeMachine } = window.rewind;
      await timeMachine.moveTo(runtime.store.getState().position - 1);
      const shown = timeMachine.store.getState().viewed!;
      timeMachine.returnToPresent();
      return JSON.stringify({
        stock: [...shown.products.values()].map((p) => [p.sku, p.stock]),
        orders: [...shown.orders.values()].map((o) => [o.id, o.customerId, o.status]),
        carts: [...shown.carts.values()].map((c) => [c.customerId, c.lines.length]),
      });
    });
  expect(await stepBack(a)).toBe(await stepBack(b));
  await expect(a.getByRole('button', { name: 'Reload' })).toHaveCount(0);
  // So does A's second tab, without a reload: it folded the rewritten history and keeps writing on it.
  await expect.poll(() => orders(a2)).toBe(await orders(b));
  expect(await headHash(a2)).toBe(await headHash(b));
  expect(await stepBack(a2)).toBe(await stepBack(b));
  await expect(a2.getByText('The history was replaced in another tab')).toHaveCount(0);
  await chooseCustomer(a2, 'Grace Hopper');
  await addToCart(a2, 'Blue mug', 1);
  await expect
    .poll(() =>
      b.evaluate(
        () =>
          window.rewind.runtime.store
            .getState()
            .shop.carts.get('grace')
            ?.lines.find((l) => l.sku === 'MUG-BLUE')?.quantity,
      ),
    )
    .toBe(1);
  await a2.close();

  // After a reload A holds the same history, whole, and still lists the conflict until dismissed.
  await a.reload();
  await a.getByRole('tab', { name: 'Settings' }).click();
  await expect(syncStatus(a)).toHaveText('Synced.');
  expect(await headHash(a)).toBe(await headHash(b));
  expect(await a.evaluate(async () => (await window.rewind.runtime.log.verifyChain()).intact)).toBe(true);
  // Connected, with a conflict listed: nothing scrolls sideways at 360 px and axe finds nothing in the panel.
  await a.setViewportSize({ width: 360, height: 740 });
  expect(await a.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  expect((await new AxeBuilder({ page: a }).include('.sync-settings').analyze()).violations.map((v) => v.id)).toEqual([]);

  // Tried again, the command is decided anew on the shop as it is now: still no teapots, so it is refused and stays listed.
  const item = conflicts.getByRole('listitem');
  await item.getByRole('button', { name: /^Try again/ }).click();
  await expect(item.getByRole('alert')).toContainText('Still refused: Not enough White teapot in stock');
  await expect(conflicts.getByRole('listitem')).toHaveCount(1);
  // Till 2 restocks; once A holds that, the same checkout goes through as a new command and leaves the list.
  await b.evaluate(() => window.rewind.runtime.dispatch({ type: 'Restock', sku: 'POT-WHITE', quantity: 5 }));
  await expect.poll(() => stock(a), { timeout: 20_000 }).toBe(5);
  await item.getByRole('button', { name: /^Try again/ }).click();
  await expect(a.getByText('None: every change made here reached the server as it was.')).toBeVisible();
  await expect.poll(() => orders(b), { timeout: 20_000 }).toContain(':ada:');
  await expect.poll(async () => (await headHash(a)) === (await headHash(b)), { timeout: 20_000 }).toBe(true);
  expect(await orders(a)).toBe(await orders(b));
  expect(await stock(b)).toBe(0);
});

test("A's browser killed while it decides its commands again converges when reopened: no event lost or doubled, each refusal told once", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const executablePath = testInfo.project.use.launchOptions?.executablePath;
  test.skip(!executablePath, 'needs a Chromium binary to start by hand');
  const profile = mkdtempSync(join(tmpdir(), 'rewind-rebase-kill-'));
  const open = async () => {
    const killable = await launchKillable(executablePath!, profile);
    // Which side of the log's replace the kill fell on, as the reopened app finds it.
    killable.context.on('console', (message) => {
      if (message.text().includes('interrupted rebase')) console.log(`[sync] reopened A: ${message.text()}`);
    });
    const page = await killable.context.newPage();
    await page.goto(new URL('/', baseURL).href);
    await page.evaluate(() => window.rewind.ready);
    return { killable, page };
  };
  try {
    const first = await open();
    const a = first.page;
    await a.getByRole('button', { name: 'Load sample shop' }).click();
    await expect(eventCount(a)).toHaveText('8 events');
    await connect(a, tokens.a);
    await expect(syncStatus(a)).toHaveText('Synced.');
    const b = await device(browser);
    await b.goto('/');
    await connect(b, tokens.b);
    await expect(syncStatus(b)).toHaveText('Synced.');

    // Paused, A takes many commands, its teapot sale among them; B sells the teapots and much else meanwhile.
    await a.getByRole('button', { name: 'Pause sync' }).click();
    await expect(syncStatus(a)).toHaveText('Paused.');
    await a.evaluate(async () => {
      const { runtime } = window.rewind;
      await runtime.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'POT-WHITE', quantity: 5 });
      await runtime.dispatch({ type: 'CheckoutCart', customerId: 'ada' });
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          runtime.dispatch({ type: 'RegisterCustomer', customerId: `a-${i}`, name: `Till 1 customer ${i}` }),
        ),
      );
    });
    await b.evaluate(async () => {
      const { runtime } = window.rewind;
      await runtime.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'POT-WHITE', quantity: 5 });
      await runtime.dispatch({ type: 'CheckoutCart', customerId: 'grace' });
      await Promise.all(Array.from({ length: 1_500 }, () => runtime.dispatch({ type: 'Restock', sku: 'TEA-EARL', quantity: 1 })));
    });
    await expect(syncStatus(b)).toHaveText('Synced.', { timeout: 60_000 });

    // Resumed, A pulls B's events and decides its own again; the browser dies as soon as it says so.
    await a.getByRole('button', { name: 'Resume sync' }).click();
    await a.waitForFunction(() => window.rewind.runtime.sync!.store.getState().message?.startsWith('Deciding') ?? false, null, {
      polling: 5,
      timeout: 60_000,
    });
    await first.killable.kill();

    // Reopened, A starts the rebase over; this time the browser dies once the rebase's intent is
    // written beside the log, which is while (or just after) the log's tail is replaced.
    const second = await open();
    await expect.poll(() => second.page.evaluate(rebaseIntentWritten), { intervals: [5], timeout: 60_000 }).toBe(true);
    await second.killable.kill();

    const again = await open();
    const a2 = again.page;
    await a2.getByRole('tab', { name: 'Settings' }).click();
    await expect(syncStatus(a2)).toHaveText('Synced.', { timeout: 60_000 });
    await expect.poll(async () => (await headHash(a2)) === (await headHash(b)), { timeout: 30_000 }).toBe(true);
    await expect(syncStatus(b)).toHaveText('Synced.');
    const facts = (page: Page) =>
      page.evaluate(async () => {
        const { runtime } = window.rewind;
        const events = await runtime.log.readRange(1);
        const { shop } = runtime.store.getState();
        return {
          position: runtime.store.getState().position,
          ids: new Set(events.map((e) => e.id)).size,
          intact: (await runtime.log.verifyChain()).intact,
          customers: shop.customers.size,
          orders: [...shop.orders.values()].map((o) => `${o.customerId}:${o.status}`).join(),
          tea: shop.products.get('TEA-EARL')?.stock,
          teapots: shop.products.get('POT-WHITE')?.stock,
        };
      });
    const [onA, onB] = [await facts(a2), await facts(b)];
    expect(onA).toEqual(onB);
    expect(onA.ids).toBe(onA.position);
    expect(onA.intact).toBe(true);
    expect(onA.customers).toBe(3 + 300);
    expect(onA.tea).toBe(40 + 1_500);
    expect(onA.teapots).toBe(0);
    expect(onA.orders).toBe('grace:placed');
    const upstream = await h.call(`/v1/shops/${shopId}/events?after=0&limit=1000`, { token: tokens.b });
    expect(upstream.body.head!.seq).toBe(onA.position);
    // A's teapot sale (its cart line, then its checkout) is told once, whichever side of the replace the kill fell on.
    const conflicts = a2.getByRole('list', { name: 'Sync conflicts' }).getByRole('listitem');
    await expect(conflicts).toHaveCount(2);
    await expect(conflicts.filter({ hasText: 'Why: Not enough White teapot in stock: 5 wanted, none are left.' })).toHaveCount(1);
    await expect(conflicts.filter({ hasText: "Why: Ada Lovelace's cart is empty." })).toHaveCount(1);
    await again.killable.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

/** Whether the sync database holds a rebase's intent (read raw, as the app's own copy may be busy). */
const rebaseIntentWritten = () =>
  new Promise<boolean>((resolve) => {
    const request = indexedDB.open('rewind-sync');
    request.onerror = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      try {
        const read = db.transaction('settings').objectStore('settings').get('rebase');
        read.onsuccess = () => resolve(read.result !== undefined);
        read.onerror = () => resolve(false);
      } catch {
        resolve(false);
      } finally {
        db.close();
      }
    };
  });
