import { expect, test, type Page } from '@playwright/test';
import { addToCart, checkout, eventCount, sampleShop } from './support';

const slider = (page: Page) => page.getByRole('slider', { name: /Timeline/ });
const cartOf = (page: Page, name: string) => page.getByRole('region', { name: `Cart of ${name}` });
const stockOf = (page: Page, product: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: product, exact: true }) })
    .locator('td.num')
    .nth(1);

async function restorePoint(page: Page, position: number, of: number): Promise<void> {
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await slider(page).focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < position; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByText(`Viewing #${position} of ${of}`)).toBeVisible();
  await page.getByRole('button', { name: 'Restore this point' }).click();
  await page.getByRole('button', { name: 'Yes, restore' }).click();
}

test('restoring to a point inside a checkout completes it, and the cart then checks out, pays and ships', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2); // #9
  await checkout(page, 'Ada Lovelace'); // #10 CheckoutRequested, #11–#13 order placed
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: 'Open order #1' }).click();
  await page.getByRole('button', { name: 'Mark paid' }).click(); // #14
  await expect(eventCount(page)).toHaveText('14 events');

  // Just after the checkout was requested, before its order was placed.
  await restorePoint(page, 10, 14);
  await expect(
    page.getByText(/^Restored the shop to #10: \d+ things set back\. Ada Lovelace's checkout was completed as order #1\.$/),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Shop' }).click();
  const cart = cartOf(page, 'Ada Lovelace');
  await expect(cart.getByText('The cart is empty.')).toBeVisible();
  await expect(cart.getByText('Checking out… placing the order.')).toHaveCount(0);
  await expect(stockOf(page, 'Blue mug')).toHaveText('18');

  // After a reload too, the cart takes changes and a checkout becomes an order that pays and ships.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Shop' })).toBeVisible();
  await addToCart(page, 'Earl Grey tea, 100 g', 3);
  await expect(cart.getByRole('cell', { name: 'Earl Grey tea, 100 g', exact: true })).toBeVisible();
  await checkout(page, 'Ada Lovelace');
  await expect(stockOf(page, 'Earl Grey tea, 100 g')).toHaveText('37');
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: 'Open order #2' }).click();
  const order = page.getByRole('region', { name: 'Order #2' });
  await order.getByRole('button', { name: 'Mark paid' }).click();
  await expect(order.locator('h2 .status')).toHaveText('paid');
  await order.getByRole('button', { name: 'Ship' }).click();
  await expect(order.locator('h2 .status')).toHaveText('shipped');
});

test('undo undoes a restore as a whole', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2); // #9
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Delete Grace Hopper' }).click();
  await page.getByRole('button', { name: 'Confirm deleting Grace Hopper' }).click(); // #10
  await expect(eventCount(page)).toHaveText('10 events');

  await restorePoint(page, 8, 10);
  await expect(page.getByText(/^Restored the shop to #8: \d+ things set back\.$/)).toBeVisible();
  await page.getByRole('tab', { name: 'Customers' }).click();
  await expect(page.getByRole('button', { name: 'Delete Grace Hopper' })).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Delete Grace Hopper' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  // The next undo is the deletion, the command before the restore.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('tab', { name: 'Customers' }).click();
  await expect(page.getByRole('button', { name: 'Delete Grace Hopper' })).toBeVisible();
  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(cartOf(page, 'Ada Lovelace').getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
});

test('undo and redo still work after a reload', async ({ page }) => {
  await sampleShop(page);
  await addToCart(page, 'Blue mug', 2);
  await addToCart(page, 'White teapot', 1);
  const cart = cartOf(page, 'Ada Lovelace');
  await expect(cart.getByRole('cell', { name: 'White teapot', exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('tab', { name: 'Shop' }).click();
  await expect(cart.getByRole('cell', { name: 'White teapot', exact: true })).toHaveCount(0);
  await expect(cart.getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Redo' })).toBeEnabled();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(cart.getByRole('cell', { name: 'White teapot', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cart.getByText('The cart is empty.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});
