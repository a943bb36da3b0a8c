import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addToCart, checkout, chooseCustomer, eventCount, sampleShop } from './support';

const stockOf = (page: Page, product: string) =>
  page
    .getByRole('row', { name: new RegExp(product) })
    .getByRole('cell')
    .nth(3);

async function openOrder(page: Page, number: number): Promise<Locator> {
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: `Open order #${number}` }).click();
  return page.getByRole('region', { name: `Order #${number}` });
}

/** Whether the focused element draws a focus ring (an outline of some width that is not "none"). */
const focusRingShows = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  });

test('order buttons follow the status and say why; a shipped order takes returns, stock comes back and Orders shows them', async ({
  page,
}) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 3);
  await checkout(page, 'Ada Lovelace');
  await expect(stockOf(page, 'Blue mug')).toHaveText('17');

  const order = await openOrder(page, 1);
  const button = (name: string) => order.getByRole('button', { name, exact: true });
  await expect(button('Ship')).toBeDisabled();
  await expect(button('Ship')).toHaveAccessibleDescription('Order #1 cannot ship: it is not paid yet.');
  await expect(order.getByRole('form', { name: 'Return items' })).toHaveCount(0);
  await button('Mark paid').click();
  await expect(button('Mark paid')).toHaveAccessibleDescription('Order #1 cannot be paid: it is already paid.');
  await button('Ship').click();
  await expect(order.getByText('shipped', { exact: true })).toBeVisible();
  for (const [name, sentence] of [
    ['Mark paid', 'Order #1 cannot be paid: it has already shipped.'],
    ['Ship', 'Order #1 cannot ship: it has already shipped.'],
    ['Cancel order', 'Order #1 cannot be cancelled: it has already shipped.'],
  ] as const) {
    await expect(button(name)).toBeDisabled();
    await expect(button(name)).toHaveAccessibleDescription(sentence);
  }

  // Two of the three mugs come back.
  const form = order.getByRole('form', { name: 'Return items' });
  const units = form.getByLabel('Units of Blue mug to return');
  await units.fill('2');
  await form.getByRole('button', { name: 'Record return and refund' }).click();
  const returns = order.getByRole('table', { name: 'Returns of order #1' });
  await expect(returns.getByRole('cell', { name: '2 × Blue mug' })).toBeVisible();
  await expect(returns.getByTestId('order-refunded')).toHaveText('25.00');
  await expect(page.getByRole('table', { name: 'Orders' }).getByRole('row').nth(1)).toContainText('shipped · 1 return');

  // Two more than the one left: the decider's sentence; dismissed from the keyboard, the focus ring showing.
  const before = await eventCount(page).textContent();
  await units.fill('2');
  await form.getByRole('button', { name: 'Record return and refund' }).click();
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('Order #1 cannot take back 2 × Blue mug: only 1 left to return.');
  await expect(eventCount(page)).toHaveText(before!);
  await units.focus();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Record return and refund' })).toBeFocused();
  expect(await focusRingShows(page)).toBe(true);
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  expect(await focusRingShows(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(alert).toHaveCount(0);

  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(stockOf(page, 'Blue mug')).toHaveText('19');
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText('2 × Blue mug returned from order #1; 25.00 refunded');
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText('2 × Blue mug went back into stock from order #1');

  // A cancelled order: nothing applies, each button says why.
  await chooseCustomer(page, 'Grace Hopper');
  await addToCart(page, 'White teapot', 1);
  await checkout(page, 'Grace Hopper');
  const second = await openOrder(page, 2);
  await second.getByRole('button', { name: 'Cancel order' }).click();
  await expect(second.getByText('cancelled', { exact: true })).toBeVisible();
  await expect(second.getByRole('button', { name: 'Mark paid' })).toHaveAccessibleDescription('Order #2 cannot be paid: it was cancelled.');
  await expect(second.getByRole('button', { name: 'Ship' })).toHaveAccessibleDescription('Order #2 cannot ship: it was cancelled.');
  await expect(second.getByRole('button', { name: 'Cancel order' })).toHaveAccessibleDescription(
    'Order #2 cannot be cancelled: it was cancelled.',
  );

  // All of it survives a reload: the returns are events like the rest.
  await page.reload();
  const reloaded = await openOrder(page, 1);
  await expect(reloaded.getByRole('table', { name: 'Returns of order #1' }).getByTestId('order-refunded')).toHaveText('25.00');
});

test('a discontinued product cannot be added to a cart and says why; put back on sale, it can', async ({ page }) => {
  await sampleShop(page);
  await page.getByRole('button', { name: 'Manage White teapot' }).click();
  await page.getByRole('button', { name: 'Discontinue White teapot' }).click();
  const add = page.getByRole('button', { name: 'Add White teapot to cart' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription('White teapot is discontinued and can no longer be sold.');
  await expect(page.getByText('White teapot is discontinued and can no longer be sold.')).toBeVisible();

  await page.getByRole('button', { name: 'Put White teapot back on sale' }).click();
  await expect(add).toBeEnabled();
  await add.click();
  await expect(
    page.getByRole('region', { name: 'Cart of Ada Lovelace' }).getByRole('cell', { name: 'White teapot', exact: true }),
  ).toBeVisible();
});

test('counts say 1 event, then 2 events', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByLabel('Customer name').fill('Ada');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(eventCount(page)).toHaveText('1 event');
  await page.getByLabel('Customer name').fill('Bob');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(eventCount(page)).toHaveText('2 events');
  await expect(page.getByRole('status').filter({ hasText: '1 events' })).toHaveCount(0);
});

test('messages: a refusal goes at the next success or when dismissed, -5 is a negative price, a link past the end opens the present; Settings asks for persistent storage', async ({
  page,
}) => {
  await sampleShop(page);
  const form = page.getByRole('region', { name: 'New product' });
  await form.getByLabel('SKU').fill('NEG-1');
  await form.getByLabel('Name').fill('Negative');
  await form.getByLabel('Price').fill('-5');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form.getByRole('alert')).toContainText('Price cannot be negative.');
  await expect(form.getByRole('alert')).not.toContainText('must be a number');

  // Another action succeeds: the refusal beside the form no longer stands.
  await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  await expect(eventCount(page)).toHaveText('9 events');
  await expect(form.getByRole('alert')).toHaveCount(0);

  await page.getByLabel('Quantity of Knitted tea cosy', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Add Knitted tea cosy to cart' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not enough Knitted tea cosy in stock' });
  await expect(refusal).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refusal).toHaveCount(0);

  // A link to event 999 of 9: the present, where commands work, and no cursor left in the URL.
  await page.goto('/#/orders?at=999');
  await page.reload();
  await expect(eventCount(page)).toHaveText('9 events');
  await expect(page.getByText(/Viewing #\d/)).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/orders');
  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(page.getByRole('button', { name: 'Add Blue mug to cart' })).toBeEnabled();

  // Settings: ask for persistent storage; the outcome is said, and the fact beside it agrees.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Ask to keep data' }).click();
  const outcome = page.getByTestId('persist-result');
  await expect(outcome).toHaveText(/^(Granted|The browser said no|This browser cannot be asked)/);
  const granted = (await outcome.textContent())!.startsWith('Granted');
  await expect(page.getByTestId('storage-persistent')).toHaveText(granted ? /^Yes/ : /^No/);
});

test('no page scrolls sideways at 360 × 740, and axe finds nothing on the new parts there', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2);
  await checkout(page, 'Ada Lovelace');
  const order = await openOrder(page, 1);
  await order.getByRole('button', { name: 'Mark paid' }).click();
  await order.getByRole('button', { name: 'Ship' }).click();
  await order.getByLabel('Units of Blue mug to return').fill('1');
  await order.getByRole('button', { name: 'Record return and refund' }).click();
  await expect(order.getByRole('table', { name: 'Returns of order #1' })).toBeVisible();
  const findings = (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);

  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const views = await page.getByRole('tab').allTextContents();
  for (const timelineOpen of [false, true]) {
    if (timelineOpen) await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    for (const view of views) {
      await page.getByRole('tab', { name: view, exact: true }).click();
      await expect(page.getByRole('tab', { name: view, exact: true })).toHaveAttribute('aria-selected', 'true');
      if (view === 'Shop') await page.getByRole('button', { name: 'Manage Blue mug' }).click();
      if (view === 'Orders') await page.getByRole('button', { name: 'Open order #1' }).click();
      expect({ view, timelineOpen, overflow: await overflow() }).toEqual({ view, timelineOpen, overflow: 0 });
    }
  }
  expect(findings).toEqual([]);
});
