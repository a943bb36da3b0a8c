import { expect, test, type Page } from '@playwright/test';
import { eventCount } from './support';

const DEMO = 10_000;
const slider = (page: Page) => page.getByRole('slider', { name: /Timeline/ });
const handle = (page: Page) => page.getByRole('separator', { name: 'Resize the timeline' });
const dockHeight = async (page: Page) => Number(await handle(page).getAttribute('aria-valuenow'));
const viewing = (page: Page, n: number) => page.getByText(`Viewing #${n.toLocaleString('en-GB')} of ${DEMO.toLocaleString('en-GB')}`);
const pages = ['Shop', 'Orders', 'Customers', 'Discounts', 'Audit log', 'Import', 'Settings'];

/** The shop after the 10k demo history, generated through the offer as a new user would. */
async function demoShop(page: Page) {
  await page.goto('/');
  const offer = page.getByRole('region', { name: 'Your shop is empty' });
  await offer.getByRole('button', { name: /^Generate demo history \(10,000/ }).click();
  await expect(eventCount(page)).toHaveText('10,000 events', { timeout: 150_000 });
}

async function openTimelineOn(page: Page, view: string) {
  await page.getByRole('tab', { name: view }).click();
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(slider(page)).toBeVisible();
}

/** The whole box inside the window: seen without scrolling. */
async function expectInWindow(page: Page, box: { x: number; y: number; width: number; height: number } | null) {
  const size = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
}

const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);

/** Where the cursor's row is against the list's scroll box: 'in view', 'out of view', or 'absent'. */
const cursorRow = (page: Page) =>
  page.evaluate(() => {
    const row = document.querySelector('.event-row.at-cursor');
    if (!row) return 'absent';
    const box = row.getBoundingClientRect();
    const list = document.querySelector('.event-rows')!.getBoundingClientRect();
    return box.top >= list.top - 1 && box.bottom <= list.bottom + 1 ? 'in view' : 'out of view';
  });

/** Leaves focus on the page itself, as after a click on plain text. */
const focusBody = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

for (const size of [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the docked timeline stays in view on every page, resizes, and keeps its height', async ({ page }) => {
      test.setTimeout(240_000);
      await demoShop(page);
      await openTimelineOn(page, 'Settings');
      await expectInWindow(page, await slider(page).boundingBox());

      for (const view of pages) {
        await page.getByRole('tab', { name: view }).click();
        await expect(page.getByRole('tab', { name: view })).toHaveAttribute('aria-selected', 'true');
        await expectInWindow(page, await slider(page).boundingBox());
        expect(await sidewaysOverflow(page), `sideways scroll on ${view}`).toBeLessThanOrEqual(0);
        // The view's end can be scrolled to above the dock, never hidden under it (polled: a view loads on its first visit).
        await expect
          .poll(() =>
            page.evaluate(() => {
              window.scrollTo(0, document.scrollingElement!.scrollHeight);
              const viewEnd = document.getElementById('view')!.getBoundingClientRect().bottom;
              return viewEnd - document.querySelector('.dock')!.getBoundingClientRect().top;
            }),
          )
          .toBeLessThanOrEqual(1);
      }

      // Drag the handle up: the dock grows by as much.
      const before = await dockHeight(page);
      const box = (await handle(page).boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 60, { steps: 5 });
      await page.mouse.up();
      await expect.poll(() => dockHeight(page)).toBe(before + 60);
      expect(Math.round((await page.locator('#timeline').boundingBox())!.height)).toBe(before + 60);

      // Keyboard: down makes it smaller, 20 px a press; never below the minimum, never above 80% of the window.
      await handle(page).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => dockHeight(page)).toBe(before + 20);
      await page.keyboard.press('Home');
      await expect.poll(() => dockHeight(page)).toBe(120);
      await page.keyboard.press('End');
      await expect.poll(() => dockHeight(page)).toBe(Math.floor(size.height * 0.8));
      await expectInWindow(page, await slider(page).boundingBox());
      await page.keyboard.press('PageDown');
      const chosen = Math.floor(size.height * 0.8) - 100;
      await expect.poll(() => dockHeight(page)).toBe(chosen);

      await page.reload();
      await expect(eventCount(page)).toHaveText('10,000 events');
      await openTimelineOn(page, 'Orders');
      expect(await dockHeight(page)).toBe(chosen);
      expect(Math.round((await page.locator('#timeline').boundingBox())!.height)).toBe(chosen);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    });

    test('shortcuts step the cursor from anywhere, the list follows it, and the Stream box takes names', async ({ page }) => {
      test.setTimeout(240_000);
      await demoShop(page);
      await page.getByRole('tab', { name: 'Customers' }).click();
      await focusBody(page);

      // Stepping opens the timeline, so the user sees where the cursor went.
      await page.keyboard.press('BracketLeft');
      await expect(viewing(page, DEMO - 1)).toBeVisible();
      await expect(slider(page)).toHaveValue(String(DEMO - 1));
      await expect(page.getByText(/Keyboard, from anywhere/)).toBeVisible();
      await focusBody(page);
      await page.keyboard.press('Shift+BracketLeft');
      await expect(viewing(page, DEMO - 101)).toBeVisible();
      // From a button, too.
      await page.getByRole('tab', { name: 'Orders' }).focus();
      await page.keyboard.press('BracketRight');
      await expect(viewing(page, DEMO - 100)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByText(/Viewing #/)).toHaveCount(0);

      // One-key shortcuts can be turned off (WCAG 2.1.4): a [ pressed then moves nothing.
      const oneKey = page.getByRole('checkbox', { name: /One-key shortcuts/ });
      await oneKey.uncheck();
      await focusBody(page);
      await page.keyboard.press('BracketLeft');
      await oneKey.check();
      await focusBody(page);
      await page.keyboard.press('BracketLeft');
      await expect(viewing(page, DEMO - 1)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByText(/Viewing #/)).toHaveCount(0);
      // Alt+T hides and shows the timeline from the page.
      await page.keyboard.press('Alt+KeyT');
      await expect(slider(page)).toHaveCount(0);
      await page.keyboard.press('Alt+KeyT');
      await expect(slider(page)).toBeVisible();

      // Far back: the list follows the cursor there.
      await slider(page).focus();
      await page.keyboard.press('Home');
      for (let i = 0; i < 30; i++) await page.keyboard.press('PageUp');
      await expect(viewing(page, 3000)).toBeVisible();
      await expect.poll(() => cursorRow(page)).toBe('in view');
      await focusBody(page);
      await page.keyboard.press('Shift+BracketRight');
      await expect(viewing(page, 3100)).toBeVisible();
      await expect.poll(() => cursorRow(page)).toBe('in view');

      // With the toggle off, the list stays where it was.
      await page.getByRole('checkbox', { name: 'Follow cursor' }).uncheck();
      const scrolled = await page.locator('.event-rows').evaluate((l) => l.scrollTop);
      await focusBody(page);
      for (let i = 0; i < 20; i++) await page.keyboard.press('Shift+BracketRight');
      await expect(viewing(page, 5100)).toBeVisible();
      expect(await cursorRow(page)).not.toBe('in view');
      expect(await page.locator('.event-rows').evaluate((l) => l.scrollTop)).toBe(scrolled);
      await page.keyboard.press('Escape');

      // The Stream box: an order by its number, and a product by its name, find that entity's events.
      const expected = await page.evaluate(async () => {
        const { shop, position } = window.rewind.runtime.store.getState();
        const events = await window.rewind.runtime.log.readRange(1, position);
        const orders = [...shop.orders.values()];
        const order = orders[Math.floor(orders.length / 2)]!;
        const products = [...shop.products.values()];
        const lower = (s: string) => s.toLowerCase();
        const product = products.find((p) => products.filter((q) => lower(q.name).includes(lower(p.name))).length === 1)!;
        return {
          orderNumber: order.number,
          orderEvents: events.filter((e) => e.streamId === `order-${order.id}`).length,
          productName: product.name,
          productEvents: events.filter((e) => e.tags.includes(`product:${product.sku}`)).length,
        };
      });
      expect(expected.orderEvents).toBeGreaterThan(0);
      expect(expected.productEvents).toBeGreaterThan(1);
      const list = page.getByRole('list', { name: 'Events' });
      const stream = page.getByRole('textbox', { name: /Stream or name/ });
      const found = page.getByRole('search', { name: 'Filter events' }).getByRole('status');

      await stream.fill(`order #${expected.orderNumber}`);
      await expect(found).toHaveText(expected.orderEvents === 1 ? '1 event' : `${expected.orderEvents.toLocaleString('en-GB')} events`);
      await expect(list.getByRole('listitem').first()).toContainText(new RegExp(`order #${expected.orderNumber}\\b`, 'i'));

      await stream.fill(expected.productName.toUpperCase());
      await expect(found).toHaveText(`${expected.productEvents.toLocaleString('en-GB')} events`);
      await expect(list.getByRole('listitem').first()).toContainText(expected.productName);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    });
  });
}
