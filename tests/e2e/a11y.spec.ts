import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addToCart, checkout, eventCount } from './support';

interface Finding {
  view: string;
  rule: string;
  impact: string | null | undefined;
  targets: string[];
}

async function audit(page: Page, view: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({ view, rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

test('axe finds no violations on any view, with the sample shop loaded and an order open', async ({ page }) => {
  // A dozen axe runs over the whole page.
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Load sample shop' })).toBeVisible();
  const findings = await audit(page, 'empty shop');

  await page.getByRole('button', { name: 'Load sample shop' }).click();
  await expect(eventCount(page)).toHaveText('8 events');
  await addToCart(page, 'Blue mug', 2);
  await checkout(page, 'Ada Lovelace');
  await addToCart(page, 'White teapot', 1);

  // Every tab there is, so views added later are checked too.
  const views = await page.getByRole('tab').allTextContents();
  expect(views).toEqual(expect.arrayContaining(['Shop', 'Orders', 'Customers', 'Audit log', 'Settings']));
  for (const view of views) {
    await page.getByRole('tab', { name: view, exact: true }).click();
    await expect(page.getByRole('tab', { name: view, exact: true })).toHaveAttribute('aria-selected', 'true');
    if (view === 'Orders') {
      await page.getByRole('button', { name: 'Open order #1' }).click();
      await expect(page.getByRole('region', { name: 'Order #1' })).toBeVisible();
    }
    findings.push(...(await audit(page, view)));
  }

  // The timeline panel opens over any view (where this build has one).
  const timeline = page.getByRole('button', { name: 'Timeline', exact: true });
  if ((await timeline.count()) > 0) {
    await timeline.click();
    await expect(page.locator('#timeline')).not.toBeEmpty();
    findings.push(...(await audit(page, 'timeline')));
  }

  // A phone-sized screen wraps the header; its text must stay on the header's colour.
  await page.setViewportSize({ width: 412, height: 800 });
  await page.getByRole('tab', { name: 'Shop', exact: true }).click();
  findings.push(...(await audit(page, 'narrow screen')));

  await page.context().setOffline(true);
  await expect(page.getByTestId('online-indicator')).toHaveText(/Offline/);
  findings.push(...(await audit(page, 'offline')));

  expect(findings).toEqual([]);
});
