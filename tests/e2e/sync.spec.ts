import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startSyncHarness, type SyncHarness } from '../server/syncServerHarness';
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
  const a = await device(browser);
  await sampleShop(a);
  await connect(a, tokens.a);
  await expect(syncStatus(a)).toHaveText('Synced.');
  const b = await device(browser);
  await b.goto('/');
  await connect(b, tokens.b);
  await expect(syncStatus(b)).toHaveText('Synced.');

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

  // After a reload (as the banner offers) A holds the same history, whole, and still lists the conflict until dismissed.
  await a.getByRole('button', { name: 'Reload' }).click();
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
