import { expect, test } from '@playwright/test';
import { eventCount } from './support';

const DAY = 86_400_000;

test('the demo history is months of trading up to today: the closing message says what was made, the audit log spans the months', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Your shop is empty' })
    .getByRole('button', { name: /^Generate demo history/ })
    .click();
  await expect(eventCount(page)).toHaveText('10,000 events', { timeout: 120_000 });

  // The closing message, in shop words; Settings shows the run that the empty shop's offer started.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const message = page.getByRole('region', { name: 'Demo history' }).getByRole('status');
  await expect(message).toHaveText(
    /^Made 6 months of trading \(\d{1,2} [A-Z][a-z]{2}( \d{4})? – \d{1,2} [A-Z][a-z]{2} \d{4}\): 10,000 events — [\d,]+ customers, [\d,]+ orders \([\d,]+ cancelled, [\d,]+ with returns\), 3 discount codes, [\d,]+ restocks — in [\d.]+ s\.$/,
  );
  const text = (await message.textContent())!;

  // The log the app holds: months apart, ending today, in opening hours, never going back in time.
  const times = await page.evaluate(async () => (await window.rewind.runtime.log.readRange(1, Infinity)).map((e) => e.at));
  expect(times).toHaveLength(10_000);
  const [first, last] = [Date.parse(times[0]!), Date.parse(times.at(-1)!)];
  expect(last - first).toBeGreaterThan(150 * DAY);
  expect(last).toBeLessThanOrEqual(Date.now());
  expect(Date.now() - last).toBeLessThan(2 * DAY);
  expect(times.every((at, i) => i === 0 || at >= times[i - 1]!)).toBe(true);
  expect(times.every((at) => new Date(at).getUTCHours() >= 9 && new Date(at).getUTCHours() < 19)).toBe(true);
  const lastDay = new Date(last).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  expect(text).toContain(`– ${lastDay}):`);

  // The audit log shows the same: the discount codes were created months apart (a welcome code at the start).
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await page.getByLabel('Event type').selectOption('DiscountCodeCreated');
  const entries = page.getByRole('list', { name: 'Audit entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(3);
  await expect(entries.filter({ hasText: 'WELCOME10' })).toHaveCount(1);
  const created = (await entries.locator('time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')!))).map(Date.parse);
  expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(60 * DAY);
});
