import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildOnlineRetailFile, onlineRetailSamplePath as samplePath } from '../support/onlineRetailBuilder';
import { eventCount, sampleShop } from './support';

const fileInput = (page: Page) => page.getByLabel('Import order history (CSV)', { exact: true });
const report = (page: Page) => page.getByRole('region', { name: 'Import report' });
const number = (text: string) => Number(text.replace(/,/g, ''));

/** The report's table as label → shown value. */
async function readReport(page: Page): Promise<Record<string, string>> {
  const rows = report(page).getByRole('row');
  const figures: Record<string, string> = {};
  for (const row of await rows.all()) {
    figures[(await row.getByRole('rowheader').textContent())!] = (await row.getByRole('cell').textContent())!;
  }
  return figures;
}

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const broken = [
  HEADER,
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,six,12/1/10 8:26,3.39,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,12/1/10 8:28',
  '',
  '536367,84879,"ASSORTED COLOUR BIRD, ORNAMENT",32,someday,1.69,13047,United Kingdom',
].join('\n');

test('the Online Retail sample imports through the file input, reports its figures and survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'import your order history' }).click();
  await expect(page.getByRole('tab', { name: 'Import' })).toHaveAttribute('aria-selected', 'true');

  const readStart = Date.now();
  await fileInput(page).setInputFiles(samplePath);
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeVisible({ timeout: 30_000 });
  const readMs = Date.now() - readStart;
  await expect(page.getByLabel('Day/month order')).toHaveValue('month-first');
  await expect(
    page.getByRole('table', { name: 'First rows of the file' }).getByRole('cell', { name: 'WHITE METAL LANTERN' }),
  ).toBeVisible();

  const writeStart = Date.now();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(report(page)).toBeVisible({ timeout: 60_000 });
  const writeMs = Date.now() - writeStart;
  console.log(`Sample import in Chromium: read ${readMs} ms, write ${writeMs} ms (${readMs + writeMs} ms in all).`);

  const figures = await readReport(page);
  expect(Object.keys(figures)).toEqual([
    'Rows read',
    'Malformed rows',
    'Skipped rows',
    'Orders',
    'Gross sales',
    'Returns',
    'Returned amount',
    'Net sales',
    'Products',
    'Customers',
  ]);
  expect(number(figures['Rows read']!)).toBe(28_492);
  expect(figures['Malformed rows']).toBe('0');
  for (const amount of ['Gross sales', 'Returned amount', 'Net sales']) expect(figures[amount]).toMatch(/^-?[\d,]+\.\d\d$/);
  expect(number(figures['Net sales']!) * 100).toBeCloseTo((number(figures['Gross sales']!) - number(figures['Returned amount']!)) * 100, 6);

  const download = page.waitForEvent('download');
  await report(page).getByRole('link', { name: 'Download report (JSON)' }).click();
  const json = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { figures: Record<string, number> };
  expect(json.figures.orders).toBe(number(figures['Orders']!));
  expect(json.figures.grossSalesCents).toBe(Math.round(number(figures['Gross sales']!) * 100));
  expect(json.figures.customers).toBe(number(figures['Customers']!));

  const events = await eventCount(page).textContent();
  await page.getByRole('tab', { name: 'Orders' }).click();
  const ordersTitle = page.getByRole('heading', { name: /^Orders \(/ });
  await expect(ordersTitle).toHaveText(`Orders (${figures['Orders']})`);
  // The newest order is the sample's last sale invoice, paid, with its lines and total.
  const newest = `Order #${number(figures['Orders']!)}`;
  await page.getByRole('button', { name: `Open order #${number(figures['Orders']!)}`, exact: true }).click();
  const order = page.getByRole('region', { name: newest });
  await expect(order.getByText('paid', { exact: true })).toBeVisible();
  await expect(order.getByRole('table', { name: `Lines of ${newest.toLowerCase()}` }).getByRole('row')).not.toHaveCount(0);
  await expect(order.getByRole('rowheader', { name: 'Total' })).toBeVisible();

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const audit = page.getByRole('list', { name: 'Audit entries' });
  await expect(audit).toContainText('was imported for Customer');
  await expect(audit.getByRole('listitem').first().locator('time')).toHaveAttribute('datetime', /^2010-12-/);

  await page.reload();
  await expect(eventCount(page)).toHaveText(events!);
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { name: /^Orders \(/ })).toHaveText(`Orders (${figures['Orders']})`);
});

test('a broken file shows its malformed lines, and an import refused for its dates leaves the log untouched', async ({ page }) => {
  await sampleShop(page);
  await page.getByRole('tab', { name: 'Import' }).click();

  // Dropped rather than chosen, to cover the drop zone too.
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'broken.csv', { type: 'text/csv' }));
    return transfer;
  }, broken);
  await page.locator('.file-drop').dispatchEvent('drop', { dataTransfer });

  const malformed = page.getByRole('list', { name: 'Malformed rows' });
  await expect(malformed.getByRole('listitem')).toHaveText([
    'Line 3: quantity "six" is not an integer',
    'Line 4: wrong number of fields (5; the header has 8)',
    'Line 6: date "someday" cannot be read',
  ]);
  await page.getByRole('button', { name: 'Import without the malformed rows' }).click();
  await expect(page.getByRole('alert')).toContainText("The file starts on 2010-12-01 08:26 UTC, before the shop's last event");
  await expect(report(page)).toHaveCount(0);
  await expect(eventCount(page)).toHaveText('8 events');
  await page.reload();
  await expect(eventCount(page)).toHaveText('8 events');
});

test('cancelling while the events are being written leaves nothing in the log', async ({ page }) => {
  test.setTimeout(180_000);
  const built = await buildOnlineRetailFile(join(tmpdir(), `rewind-cancel-${process.pid}.csv`), 120_000);
  await page.goto('/#/import');
  await fileInput(page).setInputFiles(built.path);
  await page.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 120_000 });
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The import was cancelled; nothing was written.')).toBeVisible();
  await expect(eventCount(page)).toHaveText('0 events');
  await page.reload();
  await expect(eventCount(page)).toHaveText('0 events');
});
