import { expect, type Page } from '@playwright/test';

export const eventCount = (page: Page) => page.getByTestId('event-count');

/** The last event the rolling backup's manifest vouches for (0 before there is one). */
export const backedUpTo = (page: Page) =>
  page.evaluate(async () => {
    try {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('rewind-backup-rewind');
      return (JSON.parse(await (await (await dir.getFileHandle('manifest.json')).getFile()).text()) as { lastSeq: number }).lastSeq;
    } catch {
      return 0;
    }
  });

/** A fresh app with the sample shop loaded (8 events). */
export async function sampleShop(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample shop' }).click();
  await expect(eventCount(page)).toHaveText('8 events');
}

export async function addToCart(page: Page, product: string, quantity: number): Promise<void> {
  await page.getByRole('tab', { name: 'Shop' }).click();
  await page.getByLabel(`Quantity of ${product}`, { exact: true }).fill(String(quantity));
  await page.getByRole('button', { name: `Add ${product} to cart` }).click();
}

export async function chooseCustomer(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: 'Shop' }).click();
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: name });
}

export async function checkout(page: Page, customer: string): Promise<void> {
  const cart = page.getByRole('region', { name: `Cart of ${customer}` });
  await cart.getByRole('button', { name: 'Checkout' }).click();
  await expect(cart.getByText('The cart is empty.')).toBeVisible();
}
