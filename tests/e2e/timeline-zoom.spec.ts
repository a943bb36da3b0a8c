import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eventCount } from './support';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
// Six invoices spread over five months, so the plot has gaps to drag across.
const csv = [
  HEADER,
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,12/1/10 8:26,3.39,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,12/15/10 10:00,1.85,17850,United Kingdom',
  '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,1/10/11 9:00,1.69,13047,United Kingdom',
  '536368,22745,POPPY S PLAYHOUSE BEDROOM,6,2/20/11 14:00,2.10,13047,United Kingdom',
  '536368,22748,POPPY S PLAYHOUSE KITCHEN,6,2/20/11 14:00,2.10,13047,United Kingdom',
  '536369,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,3/25/11 11:00,4.25,17850,United Kingdom',
  '536370,22728,ALARM CLOCK BAKELIKE PINK,24,4/18/11 16:30,3.75,12583,France',
].join('\n');

const slider = (page: Page) => page.getByRole('slider', { name: 'Timeline position' });
const plot = (page: Page) => page.getByRole('img', { name: /^Events over time by category/ });
const axisTimes = (page: Page) =>
  page
    .getByRole('group', { name: 'Time axis' })
    .locator('time')
    .evaluateAll((times) => times.map((t) => Date.parse(t.getAttribute('datetime')!)));

/** Every event's position and time, read from the log itself. */
const eventTimes = (page: Page) =>
  page.evaluate(async () => (await window.rewind.runtime.log.readRange(1)).map((e) => ({ seq: e.seq, at: Date.parse(e.at) })));

async function importSpreadHistory(page: Page): Promise<void> {
  await page.goto('/#/import');
  await page.getByLabel('Import order history (CSV)', { exact: true }).setInputFiles({
    name: 'spread.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Import report' })).toBeVisible({ timeout: 30_000 });
  await expect(eventCount(page)).not.toHaveText('0 events');
}

test('dragging across the plot zooms the slider to that time, the axis shows its dates, and zoom out restores it', async ({ page }) => {
  await importSpreadHistory(page);
  const events = await eventTimes(page);
  const present = events[events.length - 1]!.seq;
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(slider(page)).toHaveAttribute('max', String(present));
  await expect(slider(page)).toHaveAttribute('min', '0');
  await expect(plot(page)).toBeVisible();

  // The whole history's axis is dated across its months.
  const start = Math.min(...events.map((e) => e.at));
  const end = Math.max(...events.map((e) => e.at));
  const wholeTicks = await axisTimes(page);
  expect(wholeTicks.length).toBeGreaterThan(2);
  for (const t of wholeTicks) {
    expect(t).toBeGreaterThanOrEqual(start);
    expect(t).toBeLessThanOrEqual(end);
  }

  // Drag from between the 15 Dec and 10 Jan invoices to between the 20 Feb and 25 Mar ones.
  const from = (Date.UTC(2010, 11, 15, 10) + Date.UTC(2011, 0, 10, 9)) / 2;
  const to = (Date.UTC(2011, 1, 20, 14) + Date.UTC(2011, 2, 25, 11)) / 2;
  await plot(page).scrollIntoViewIfNeeded();
  const box = (await plot(page).boundingBox())!;
  const xOf = (t: number) => box.x + ((t - start) / (end - start)) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(from), y);
  await page.mouse.down();
  await page.mouse.move((xOf(from) + xOf(to)) / 2, y, { steps: 3 });
  await expect(page.locator('.density .brush')).toBeVisible();
  await page.mouse.move(xOf(to), y, { steps: 3 });
  await page.mouse.up();
  await expect(page.locator('.density .brush')).toHaveCount(0);

  // The drag is only as precise as a pixel: the expected events are those clearly inside it.
  const inside = events.filter((e) => e.at >= from && e.at <= to);
  const first = inside[0]!.seq;
  const last = inside[inside.length - 1]!.seq;
  expect(first).toBeGreaterThan(1);
  expect(last).toBeLessThan(present);
  await expect(slider(page)).toHaveAttribute('min', String(first));
  await expect(slider(page)).toHaveAttribute('max', String(last));
  await expect(page.getByText(`Zoomed: #${first} – #${last}`)).toBeVisible();
  await expect(plot(page)).toHaveAccessibleName(/\(zoomed\)$/);
  const zoomedTicks = await axisTimes(page);
  expect(zoomedTicks.length).toBeGreaterThan(1);
  for (const t of zoomedTicks) {
    expect(t).toBeGreaterThanOrEqual(from - 60_000);
    expect(t).toBeLessThanOrEqual(to + 60_000);
  }
  // The axis is the zoom's own: the whole history's first month (Jan 2011) lies outside it.
  expect(zoomedTicks).not.toEqual(wholeTicks);

  // Stepping stays inside the zoom: from the present (outside it) a step back lands on its end.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByText(`Viewing #${last} of ${present}`)).toBeVisible();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByText(`Viewing #${last - 1} of ${present}`)).toBeVisible();
  await slider(page).focus();
  await page.keyboard.press('Home');
  await expect(page.getByText(`Viewing #${first} of ${present}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step back' })).toBeDisabled();

  // The wheel over the plot zooms in about the pointer (on the 20 Feb invoice: half the time
  // either side, so the 10 Jan one falls out), and the page does not scroll.
  const scrolled = () => page.evaluate(() => [window.scrollY, document.querySelector('.timeline-panel')!.scrollTop]);
  const scrollBefore = await scrolled();
  const february = Date.UTC(2011, 1, 20, 14);
  await page.mouse.move(box.x + ((february - from) / (to - from)) * box.width, y);
  await page.mouse.wheel(0, -300);
  const feb = events.filter((e) => e.at === february);
  await expect(slider(page)).toHaveAttribute('min', String(feb[0]!.seq));
  await expect(slider(page)).toHaveAttribute('max', String(feb[feb.length - 1]!.seq));
  await expect(page.getByText(/^Zoomed:/)).toBeVisible();
  expect(await scrolled()).toEqual(scrollBefore);
  const wheelTicks = await axisTimes(page);
  for (const t of wheelTicks) {
    expect(t).toBeGreaterThanOrEqual(from - 60_000);
    expect(t).toBeLessThanOrEqual(to + 60_000);
  }

  // The wheel replaced the drag's zoom rather than nesting in it, so one "Zoom out" is the whole history again.
  await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
  await expect(slider(page)).toHaveAttribute('min', '0');
  await expect(slider(page)).toHaveAttribute('max', String(present));
  await expect(page.getByText(/^Zoomed:/)).toHaveCount(0);
  expect(await axisTimes(page)).toEqual(wholeTicks);
});

test('zooming by keyboard nests, Escape goes back one level, and an empty range is refused with a sentence', async ({ page }) => {
  await importSpreadHistory(page);
  const events = await eventTimes(page);
  const present = events[events.length - 1]!.seq;
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(plot(page)).toBeVisible();

  // At the present, "Zoom in" keeps the last quarter of the time.
  await page.getByRole('button', { name: 'Zoom in around the cursor' }).click();
  await expect(slider(page)).toHaveAttribute('max', String(present));
  const start = Math.min(...events.map((e) => e.at));
  const end = Math.max(...events.map((e) => e.at));
  const min = Number(await slider(page).getAttribute('min'));
  expect(min).toBe(events.find((e) => e.at >= end - (end - start) / 4)!.seq);
  expect(min).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Zoom in around the cursor' }).click();
  await expect(page.getByRole('button', { name: 'Whole history' })).toBeVisible();
  // Zoomed two levels deep, the timeline's controls and plot still pass axe.
  const violations = (await new AxeBuilder({ page }).include('.timeline-panel').analyze()).violations;
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await slider(page).focus();
  await page.keyboard.press('Escape');
  await expect(slider(page)).toHaveAttribute('min', String(min));
  await expect(page.getByRole('button', { name: 'Whole history' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(slider(page)).toHaveAttribute('min', '0');

  // A drag across the empty weeks between two invoices zooms nowhere and says why.
  await plot(page).scrollIntoViewIfNeeded();
  const box = (await plot(page).boundingBox())!;
  const xOf = (t: number) => box.x + ((t - start) / (end - start)) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(Date.UTC(2011, 2, 1)), y);
  await page.mouse.down();
  await page.mouse.move(xOf(Date.UTC(2011, 2, 15)), y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('status').filter({ hasText: /^No events between 2011-03-0\d/ })).toBeVisible();
  await expect(slider(page)).toHaveAttribute('min', '0');
  await expect(slider(page)).toHaveAttribute('max', String(present));
});
