import { expect, test } from '@playwright/test';

const position = (page: import('@playwright/test').Page) => page.evaluate(() => window.rewind.runtime.store.getState().position);

test('an empty shop offers a demo history: it fills the log through commands, shows progress and can be cancelled', async ({ page }) => {
  await page.goto('/');
  const offer = page.getByRole('region', { name: 'Your shop is empty' });
  await expect(offer.getByRole('combobox', { name: 'Events' })).toHaveValue('10000');
  await offer.getByRole('button', { name: /^Generate demo history/ }).click();

  // The offer stays while the history grows, so its progress stays in view.
  const progress = offer.getByRole('progressbar', { name: 'Demo history progress' });
  await expect(progress).toBeVisible();
  await expect.poll(() => progress.getAttribute('value').then(Number), { timeout: 20_000 }).toBeGreaterThan(200);
  await offer.getByRole('button', { name: 'Cancel' }).click();

  // Cancelled between batches: what was written stays, and Settings shows the same outcome.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const panel = page.getByRole('region', { name: 'Demo history' });
  await expect(panel.getByRole('status')).toContainText(/^Cancelled after [\d,]+ events; those stay in the log\.$/);
  const written = Number((await panel.getByRole('status').textContent())!.match(/after ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(written).toBeGreaterThan(200);
  expect(await position(page)).toBe(written);
  await expect(page.getByTestId('settings-event-count')).toHaveText(written.toLocaleString('en-GB'));

  // The events are ordinary ones: shoppers, carts, orders.
  await page.getByRole('tab', { name: 'Customers' }).click();
  await expect(page.getByText(/Ada|Grace|Alan|Edsger|Barbara/).first()).toBeVisible();
});
