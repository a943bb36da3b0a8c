import { expect, test, type Page } from '@playwright/test';

async function freshApp(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Load sample shop' })).toBeVisible();
}

const eventCount = (page: Page) => page.getByTestId('event-count');

test('a newcomer loads the sample shop, shops, checks out, pays, ships, cancels and sees it all in the audit log', async ({ page }) => {
  await freshApp(page);
  await page.getByRole('button', { name: 'Load sample shop' }).click();
  await expect(eventCount(page)).toHaveText('8 events');

  // Ada adds two mugs, then changes her mind to three.
  await page.getByLabel('Quantity of Blue mug', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  const cart = page.getByRole('region', { name: 'Cart of Ada Lovelace' });
  await expect(cart.getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await cart.getByLabel('Quantity of Blue mug in cart').fill('3');
  await cart.getByRole('button', { name: 'Update quantity of Blue mug' }).click();
  await expect(cart.getByTestId('cart-total')).toHaveText('37.50');
  await cart.getByRole('button', { name: 'Checkout' }).click();
  await expect(cart.getByText('The cart is empty.')).toBeVisible();

  // Grace orders a teapot too, to be cancelled later.
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Grace Hopper' });
  await page.getByRole('button', { name: 'Add White teapot to cart' }).click();
  await page.getByRole('region', { name: 'Cart of Grace Hopper' }).getByRole('button', { name: 'Checkout' }).click();
  await expect(page.getByRole('region', { name: 'Cart of Grace Hopper' }).getByText('The cart is empty.')).toBeVisible();

  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: 'Open order #1' }).click();
  const order1 = page.getByRole('region', { name: 'Order #1' });
  await order1.getByRole('button', { name: 'Mark paid' }).click();
  await expect(order1.getByText('paid', { exact: true })).toBeVisible();
  await order1.getByRole('button', { name: 'Ship' }).click();
  await expect(order1.getByText('shipped', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Open order #2' }).click();
  const order2 = page.getByRole('region', { name: 'Order #2' });
  await order2.getByRole('button', { name: 'Cancel order' }).click();
  await expect(order2.getByText('cancelled', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const audit = page.getByRole('list', { name: 'Audit entries' });
  await expect(audit).toContainText('Ada Lovelace added 2 × Blue mug to their cart');
  await expect(audit).toContainText('Ada Lovelace changed Blue mug from 2 to 3 in their cart');
  await expect(audit).toContainText('Order #1 was placed for Ada Lovelace: 3 items, 37.50');
  await expect(audit).toContainText('Order #1 was paid (37.50)');
  await expect(audit).toContainText('Order #1 was shipped');
  await expect(audit).toContainText('Order #2 was cancelled');
  await expect(audit).toContainText('1 × White teapot went back into stock from order #2');

  const before = await eventCount(page).textContent();
  const auditBefore = await audit.textContent();
  await page.reload();
  await expect(eventCount(page)).toHaveText(before!);
  await expect(page.getByRole('list', { name: 'Audit entries' })).toHaveText(auditBefore!);
  await page.getByRole('tab', { name: 'Shop' }).click();
  // Stock shows the reservation (20 − 3) and the returned teapot (5 − 1 + 1).
  await expect(
    page
      .getByRole('row', { name: /Blue mug/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('17');
  await expect(
    page
      .getByRole('row', { name: /White teapot/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('5');
});

test('a rejected command shows its error and appends nothing', async ({ page }) => {
  await freshApp(page);
  await page.getByRole('button', { name: 'Load sample shop' }).click();
  await expect(eventCount(page)).toHaveText('8 events');

  await page.getByLabel('Quantity of Knitted tea cosy', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Add Knitted tea cosy to cart' }).click();
  await expect(page.getByRole('alert')).toHaveText('Not enough Knitted tea cosy in stock: 4 wanted, only 3 left.');

  await page.getByLabel('Quantity of Blue mug', { exact: true }).fill('1.5');
  await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'whole number' })).toBeVisible();

  await page.getByRole('region', { name: 'Cart of Ada Lovelace' }).getByRole('button', { name: 'Checkout' }).click();
  await expect(page.getByRole('alert').filter({ hasText: "Ada Lovelace's cart is empty." })).toBeVisible();

  await expect(eventCount(page)).toHaveText('8 events');
  await page.reload();
  await expect(eventCount(page)).toHaveText('8 events');
});
