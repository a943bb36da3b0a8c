import { expect, test, type Page } from '@playwright/test';
import { addToCart, checkout, eventCount, sampleShop } from './support';

const slider = (page: Page) => page.getByRole('slider', { name: /Timeline/ });
const cartOf = (page: Page, name: string) => page.getByRole('region', { name: `Cart of ${name}` });

async function openTimeline(page: Page) {
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(slider(page)).toBeVisible();
}

test('scrubbing with keyboard and mouse shows the cart and orders as they were', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2); // #9
  await addToCart(page, 'White teapot', 1); // #10
  await checkout(page, 'Ada Lovelace'); // #11 CheckoutRequested, #12-#15 order placed …
  await expect(eventCount(page)).toHaveText('15 events');
  await openTimeline(page);

  // Keyboard: back to the moment after the first add-to-cart.
  await slider(page).focus();
  await page.keyboard.press('Home');
  await expect(page.getByText('Viewing #0 of 15')).toBeVisible();
  await page.keyboard.press('PageUp'); // +100, clamped to the present
  await expect(page.getByText(/Viewing #/)).toHaveCount(0);
  await page.keyboard.press('Home');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Viewing #9 of 15')).toBeVisible();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'White teapot', exact: true })).toHaveCount(0);
  // Commands are disabled in the past.
  await expect(page.getByRole('button', { name: 'Add Blue mug to cart' })).toBeDisabled();

  await page.keyboard.press('ArrowLeft');
  await expect(page.getByText('Viewing #8 of 15')).toBeVisible();
  await expect(cartOf(page, 'Ada Lovelace').getByText('The cart is empty.')).toBeVisible();

  // Orders view at #10 has no order; at the present it has one.
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByText('No orders yet.')).toBeVisible();

  // Mouse: click near the right end of the slider.
  const box = (await slider(page).boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect(page.getByRole('button', { name: 'Open order #1' })).toBeVisible();

  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByText(/Viewing #14 of 15/)).toBeVisible();
  await page.getByRole('button', { name: 'Return to present' }).click();
  await expect(page.getByText(/Viewing #/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open order #1' })).toBeEnabled();
});

test('a deep link reloads at the same point in time', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 1);
  await addToCart(page, 'Earl Grey tea, 100 g', 3);
  await openTimeline(page);
  await slider(page).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByText('Viewing #9 of 10')).toBeVisible();
  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(page).toHaveURL(/#\/shop\?at=9$/);

  await page.reload();
  await expect(page.getByText('Viewing #9 of 10')).toBeVisible();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'Earl Grey tea, 100 g', exact: true })).toHaveCount(0);

  await page.goto('/#/customers?at=6');
  await page.reload();
  await expect(page.getByText('Viewing #6 of 10')).toBeVisible();
  await expect(page.locator('.customer-name')).toHaveText(['Ada Lovelace']);
});

test('skipping an add-to-cart flags the later checkout, and clearing skips restores history', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2); // #9
  await checkout(page, 'Ada Lovelace'); // #10 CheckoutRequested, #11–#13 order placed
  await expect(eventCount(page)).toHaveText('13 events');
  await openTimeline(page);
  await page.getByRole('checkbox', { name: 'Skip event #9' }).check();
  await expect(page.getByText('what-if: 1 skipped')).toBeVisible();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: '#10' })
      .getByText(/flagged: the cart no longer holds/),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByText('No orders yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear skips' }).click();
  await expect(page.getByRole('button', { name: 'Open order #1' })).toBeVisible();
  await expect(eventCount(page)).toHaveText('13 events');
});

test('a branch takes commands without touching the log, and can be discarded', async ({ page }) => {
  await sampleShop(page);
  await openTimeline(page);
  await page.getByRole('button', { name: 'Branch from here' }).click();
  await expect(page.getByRole('status', { name: 'Branch' })).toBeVisible();
  await addToCart(page, 'Blue mug', 4);
  await checkout(page, 'Ada Lovelace');
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('button', { name: 'Open order #1' })).toBeVisible();
  await expect(eventCount(page)).toHaveText('8 events');

  await page.reload();
  await expect(page.getByRole('status', { name: 'Branch' })).toContainText('5 events in the sandbox');
  await openTimeline(page);
  await page.getByRole('button', { name: 'Discard branch' }).click();
  await expect(page.getByRole('status', { name: 'Branch' })).toHaveCount(0);
  await expect(page.getByText('No orders yet.')).toBeVisible();
  await expect(eventCount(page)).toHaveText('8 events');
});

test('restoring a past point appends compensating events and makes the present equal that point', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2); // #9
  await checkout(page, 'Ada Lovelace'); // #10–#13
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Delete Grace Hopper' }).click();
  await page.getByRole('button', { name: 'Confirm deleting Grace Hopper' }).click(); // #14
  await expect(eventCount(page)).toHaveText('14 events');

  await openTimeline(page);
  await slider(page).focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Viewing #9 of 14')).toBeVisible();
  await page.getByRole('button', { name: 'Restore this point' }).click();
  await page.getByRole('button', { name: 'Yes, restore' }).click();
  await expect(page.getByText(/Restored the shop to #9/)).toBeVisible();
  const after = Number((await eventCount(page).textContent())!.split(' ')[0]);
  expect(after).toBeGreaterThan(14);

  await page.getByRole('tab', { name: 'Customers' }).click();
  await expect(page.locator('.customer-name').filter({ hasText: 'Grace Hopper' })).toBeVisible();
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByText('No orders yet.')).toBeVisible();
  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText('Restored to #9');
  // Diff between the restored point and the present is empty.
  await page.getByRole('tab', { name: 'Diff' }).click();
  await slider(page).focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: 'Diff' }).getByText('No differences.')).toBeVisible();
});

test('undo and redo the last command with buttons and keys', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2);
  const cart = cartOf(page, 'Ada Lovelace');
  await expect(cart.getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cart.getByText('The cart is empty.')).toBeVisible();
  await expect(eventCount(page)).toHaveText('10 events');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(cart.getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await page.locator('body').click();
  await page.keyboard.press('Control+z');
  await expect(cart.getByText('The cart is empty.')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(cart.getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText('Undo');
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText('Redo');
});

test('the Redux DevTools bridge sends events and jumps the cursor', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const sent: Array<{ action: { type: string; seq?: number }; state: unknown }> = [];
    const listeners: Array<(m: unknown) => void> = [];
    w.__devtoolsSent = sent;
    w.__devtoolsJump = (actionId: number) =>
      listeners.forEach((l) => l({ type: 'DISPATCH', payload: { type: 'JUMP_TO_ACTION', actionId } }));
    w.__REDUX_DEVTOOLS_EXTENSION__ = {
      connect: () => ({
        init: (state: unknown) => sent.push({ action: { type: '@@INIT' }, state }),
        send: (action: { type: string; seq?: number }, state: unknown) => sent.push({ action, state }),
        subscribe: (l: (m: unknown) => void) => listeners.push(l),
      }),
    };
  });
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2);
  // The command is written before its event reaches the bridge: wait for it rather than race it.
  const sentSoFar = () =>
    page.evaluate(
      () =>
        (
          window as unknown as {
            __devtoolsSent: Array<{ action: { type: string; seq?: number }; state: { carts: Record<string, { lines: unknown[] }> } }>;
          }
        ).__devtoolsSent,
    );
  await expect.poll(async () => (await sentSoFar()).length).toBe(10);
  const sent = await sentSoFar();
  expect(sent.map((s) => s.action.type)).toEqual([
    '@@INIT',
    'ProductRegistered',
    'ProductRegistered',
    'ProductRegistered',
    'ProductRegistered',
    'ProductRegistered',
    'CustomerRegistered',
    'CustomerRegistered',
    'CustomerRegistered',
    'ItemAddedToCart',
  ]);
  expect(sent.at(-1)!.state.carts.ada!.lines).toEqual([{ sku: 'MUG-BLUE', quantity: 2 }]);
  await page.evaluate(() => (window as unknown as { __devtoolsJump: (id: number) => void }).__devtoolsJump(6));
  await expect(page.getByText('Viewing #6 of 9')).toBeVisible();
});

test('a long history is scrubbed from checkpoints and replay blocks that a worker makes from the rows', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Your shop is empty' })
    .getByRole('button', { name: /^Generate demo history/ })
    .click();
  await expect(eventCount(page)).toHaveText('10,000 events', { timeout: 45_000 });
  // Opened afresh, the app builds its five checkpoints at once: a build that long goes to a worker.
  workers.length = 0;
  await page.reload();
  await expect(eventCount(page)).toHaveText('10,000 events');

  // The worker folds the log, storing all ten blocks as bytes as it reads them.
  const storedBlocks = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('rewind');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('replayParts').objectStore('replayParts').getAll();
            all.onsuccess = () => {
              resolve((all.result as Array<{ text: unknown }>).filter((b) => b.text instanceof Uint8Array).length);
              open.result.close();
            };
          };
        }),
    );
  await expect.poll(storedBlocks, { timeout: 30_000 }).toBe(10);
  expect(workers.some((url) => /checkpointWorker/.test(url))).toBe(true);

  // A past point shows what the rows say: as many orders as OrderPlaced events up to it.
  await openTimeline(page);
  await slider(page).focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 43; i++) await page.keyboard.press('PageUp');
  for (let i = 0; i < 21; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Viewing #4,321 of 10,000')).toBeVisible();
  const placed = await page.evaluate(
    async () => (await window.rewind.runtime.log.readRange(1, 4321)).filter((e) => e.type === 'OrderPlaced').length,
  );
  expect(placed).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { name: `Orders (${placed.toLocaleString('en-GB')})` })).toBeVisible();
});
