import { expect, test, type Page } from '@playwright/test';
import { eventCount } from './support';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const diffRegion = (page: Page) => page.getByRole('region', { name: 'Diff' });
const cartOf = (page: Page) => page.getByRole('region', { name: 'Cart of Ada Lovelace' });

/** A shop built by hand: a customer (uuid id), a product, an order paid, then two more mugs in the cart. */
async function buildShop(page: Page) {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Customers' }).click();
  await page.getByLabel('Customer name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(eventCount(page)).toHaveText('1 event');

  await page.getByRole('tab', { name: 'Shop' }).click();
  const form = page.getByRole('region', { name: 'New product' });
  await form.getByLabel('SKU').fill('MUG-1');
  await form.getByLabel('Name').fill('Blue mug');
  await form.getByLabel('Price').fill('4.00');
  await form.getByLabel('Stock').fill('20');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(eventCount(page)).toHaveText('2 events');

  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Ada Lovelace' });
  await page.getByLabel('Quantity of Blue mug', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  await expect(cartOf(page).getByRole('cell', { name: 'Blue mug', exact: true })).toBeVisible();
  await cartOf(page).getByRole('button', { name: 'Checkout' }).click();
  await expect(cartOf(page).getByText('The cart is empty.')).toBeVisible();

  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: 'Open order #1' }).click();
  const order = page.getByRole('region', { name: 'Order #1' });
  await order.getByRole('button', { name: 'Mark paid' }).click();
  await expect(order.getByText('paid', { exact: true })).toBeVisible();
  const paidAt = Number((await eventCount(page).textContent())!.split(' ')[0]);

  await page.getByRole('tab', { name: 'Shop' }).click();
  await page.getByLabel('Quantity of Blue mug', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  await expect(eventCount(page)).toHaveText(`${paidAt + 1} events`);
  await page.getByRole('button', { name: 'Add Blue mug to cart' }).click();
  await expect(eventCount(page)).toHaveText(`${paidAt + 2} events`);
  return { paidAt, present: paidAt + 2 };
}

async function openTimeline(page: Page) {
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('slider', { name: /Timeline/ })).toBeVisible();
}

test('the diff, inspector, causation and status bar speak the shop’s language; raw paths are one switch away', async ({ page }) => {
  const { paidAt, present } = await buildShop(page);
  // The status bar names the customer and the product of the last event.
  const status = page.getByRole('contentinfo', { name: 'Event log status' });
  await expect(status).toContainText(`Last: #${present} Ada Lovelace`);
  await expect(status).toContainText('Blue mug');
  await expect(status).not.toContainText(uuid);

  await openTimeline(page);
  // Back to just before the payment: the diff to the present names the order, the cart and the product.
  for (let i = 0; i < present - paidAt + 1; i++) await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByText(`Viewing #${paidAt - 1} of ${present}`)).toBeVisible();
  await page.getByRole('tab', { name: 'Diff' }).click();
  const groups = diffRegion(page).getByRole('list', { name: 'Changes by entity' });
  const group = (heading: string) =>
    groups.getByRole('listitem').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
  await expect(group('Order #1')).toContainText('paid');
  await expect(group("Ada Lovelace's cart")).toContainText('+2 Blue mug (new)');
  await expect(diffRegion(page)).not.toContainText(uuid);
  await expect(diffRegion(page)).not.toContainText('carts.');

  // The raw switch shows the paths, with their ids.
  await diffRegion(page).getByRole('switch', { name: 'Show raw paths' }).check();
  const table = diffRegion(page).getByRole('table');
  await expect(table).toContainText('orders.');
  await expect(table).toContainText(uuid);
  await expect(groups).toHaveCount(0);
  await diffRegion(page).getByRole('switch', { name: 'Show raw paths' }).uncheck();
  await expect(groups).toBeVisible();

  // Two events shift-clicked in the list: the second add of one mug reads as +1 (1 → 2).
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: `Go to event #${present - 1}` }).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: `Go to event #${present}` }).click({ modifiers: ['Shift'] });
  await page.getByRole('tab', { name: 'Diff' }).click();
  await expect(diffRegion(page)).toContainText(`Changes #${present - 1} → #${present}`);
  await expect(group("Ada Lovelace's cart")).toContainText('+1 Blue mug (1 → 2)');
  await expect(diffRegion(page)).not.toContainText(uuid);

  // The inspector calls entities by name, and its raw switch shows the keys.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const tree = page.getByRole('list', { name: 'State at cursor' });
  await expect(tree).toContainText('Customer Ada Lovelace');
  await expect(tree).toContainText("Ada Lovelace's cart");
  await expect(tree).toContainText('Order #1');
  await expect(tree).toContainText('4.00');
  await expect(tree).not.toContainText(uuid);
  await page.getByRole('switch', { name: 'Show raw keys and JSON' }).check();
  await expect(tree).toContainText(uuid);
  await expect(tree).toContainText('priceCents');
  await page.getByRole('switch', { name: 'Show raw keys and JSON' }).uncheck();

  // A field's history in words: the product's stock, changed by the reservation.
  await tree.getByText('Products', { exact: true }).click();
  // Products come first in the tree: the first "Blue mug" is the product, then come order and cart lines.
  await tree.locator('summary', { hasText: 'Blue mug' }).first().click();
  await page.getByRole('button', { name: 'History of Blue mug › stock' }).click();
  const fieldHistory = page.getByRole('region', { name: 'Field history' });
  await expect(fieldHistory).toContainText('Which events changed Blue mug › stock?');
  await expect(fieldHistory).toContainText('2 × Blue mug reserved for order #1: 20 → 18');

  // The causation of the order: events in sentences, with the order's number.
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: `Go to event #${paidAt - 1}` }).click();
  await page.getByRole('tab', { name: 'Causation' }).click();
  const causation = page.getByRole('region', { name: 'Causation' });
  await expect(causation).toContainText('Order #1 was placed for Ada Lovelace: 2 items, 8.00');
  await expect(causation).not.toContainText(uuid);
});
