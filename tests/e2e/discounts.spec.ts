import { expect, test, type Page } from '@playwright/test';
import { addToCart, sampleShop } from './support';

async function createCode(page: Page, code: string, percent: string, minimum = '') {
  await page.getByRole('tab', { name: 'Discounts' }).click();
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByLabel('Kind').selectOption({ label: 'Percentage off' });
  await page.getByLabel('Percent off').fill(percent);
  await page.getByLabel('Minimum order (optional)').fill(minimum);
  await page.getByRole('button', { name: 'Create code' }).click();
}

const adasCart = (page: Page) => page.getByRole('region', { name: 'Cart of Ada Lovelace' });

async function applyCode(page: Page, code: string) {
  await adasCart(page).getByLabel('Discount code').fill(code);
  await adasCart(page).getByRole('button', { name: 'Apply code' }).click();
}

test('the owner creates a code, Ada applies it to her cart and her order is placed with the discount', async ({ page }) => {
  await sampleShop(page);
  await createCode(page, 'summer10', '10', '20');
  const row = page.getByRole('listitem', { name: 'Code SUMMER10' });
  await expect(row).toContainText('10% off · orders of 20.00 or more');
  await expect(row).toContainText('active');

  // Plain words for a bad code and a duplicate.
  await createCode(page, 'ab', '10');
  await expect(page.getByRole('alert')).toHaveText('A code has at least 3 characters.');
  await createCode(page, 'Summer10', '5');
  await expect(page.getByRole('alert')).toHaveText('There is already a discount code SUMMER10.');

  // Below the minimum order the code is refused; with two mugs (25.00) it applies.
  await addToCart(page, 'Blue mug', 1);
  await applyCode(page, 'summer10');
  await expect(adasCart(page).getByRole('alert')).toHaveText('Code SUMMER10 needs an order of at least 20.00; the cart comes to 12.50.');
  await addToCart(page, 'Blue mug', 1);
  await applyCode(page, 'summer10');
  await expect(adasCart(page).getByText('Code SUMMER10 applied')).toBeVisible();
  await expect(adasCart(page).getByTestId('cart-total')).toHaveText('25.00');
  await expect(adasCart(page).getByTestId('cart-discount')).toHaveText('−2.50');
  await expect(adasCart(page).getByTestId('cart-total-after-discount')).toHaveText('22.50');
  await adasCart(page).getByRole('button', { name: 'Checkout' }).click();
  await expect(adasCart(page).getByText('The cart is empty.')).toBeVisible();
  await expect(adasCart(page).getByLabel('Discount code')).toBeVisible();

  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: 'Open order #1' }).click();
  const order = page.getByRole('region', { name: 'Order #1' });
  await expect(order.getByTestId('order-discount')).toHaveText('−2.50');
  await expect(order.getByTestId('order-total')).toHaveText('22.50');
});

test('the audit log tells a code’s story in sentences', async ({ page }) => {
  await sampleShop(page);
  await createCode(page, 'TEA-5', '5');
  await page.getByRole('button', { name: 'Deactivate TEA-5' }).click();
  await expect(page.getByRole('listitem', { name: 'Code TEA-5' })).toContainText('inactive');
  await page.getByRole('button', { name: 'Activate TEA-5' }).click();
  await expect(page.getByRole('button', { name: 'Deactivate TEA-5' })).toBeVisible();

  await addToCart(page, 'White teapot', 1);
  await applyCode(page, 'tea-5');
  await adasCart(page).getByRole('button', { name: 'Remove code' }).click();
  await applyCode(page, 'TEA-5');
  await adasCart(page).getByRole('button', { name: 'Checkout' }).click();
  await expect(adasCart(page).getByText('The cart is empty.')).toBeVisible();

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const audit = page.getByRole('list', { name: 'Audit entries' });
  await expect(audit).toContainText('Code TEA-5 (5% off) was created');
  await expect(audit).toContainText('Code TEA-5 was deactivated');
  await expect(audit).toContainText('Code TEA-5 was reactivated');
  await expect(audit).toContainText('Ada Lovelace applied code TEA-5 to the cart');
  await expect(audit).toContainText('Ada Lovelace removed code TEA-5 from the cart');
  await expect(audit).toContainText('Ada Lovelace checked out 1 item for 32.30 with code TEA-5 (1.70 off)');
  await expect(audit).toContainText('Order #1 was placed for Ada Lovelace: 1 item, 32.30 after code TEA-5 (1.70 off)');
});

test('a discontinued product cannot be added, says why, and can be put back on sale', async ({ page }) => {
  await sampleShop(page);
  await page.getByRole('button', { name: 'Manage Knitted tea cosy' }).click();
  await page.getByRole('button', { name: 'Discontinue Knitted tea cosy' }).click();
  const add = page.getByRole('button', { name: 'Add Knitted tea cosy to cart' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription('Knitted tea cosy is discontinued and can no longer be sold.');

  await page.getByRole('button', { name: 'Put Knitted tea cosy back on sale' }).click();
  await expect(add).toBeEnabled();
  await add.click();
  await expect(adasCart(page).getByRole('cell', { name: 'Knitted tea cosy', exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText('Knitted tea cosy was put back on sale');
});
