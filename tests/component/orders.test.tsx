// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShopRuntime } from '../../src/state';
import { renderApp, unmountApps } from '../support/renderApp';
import { waitUntil } from '../support/waitUntil';

afterEach(unmountApps);

/** Checks out a cart through the runtime and waits for the process manager to place the order. */
async function placeOrder(runtime: ShopRuntime, customerId: string, sku: string, quantity: number): Promise<void> {
  const before = runtime.store.getState().shop.orders.size;
  await runtime.dispatch({ type: 'AddItemToCart', customerId, sku, quantity });
  await runtime.dispatch({ type: 'CheckoutCart', customerId });
  await waitUntil(() => runtime.store.getState().shop.orders.size === before + 1, 'the order to be placed');
}

const statusIn = (region: HTMLElement) => within(region).getByText(/^(placed|paid|shipped|cancelled)$/);

describe('Orders view', () => {
  it('lists an order placed by checkout, newest first', async () => {
    const { runtime } = await renderApp({ hash: '#/orders', sample: true });
    expect(screen.getByText('No orders yet.')).toBeInTheDocument();
    await placeOrder(runtime, 'ada', 'MUG-BLUE', 3);
    await placeOrder(runtime, 'grace', 'POT-WHITE', 1);

    const table = await screen.findByRole('table', { name: 'Orders' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['#2', 'Grace Hopper', expect.any(String), '34.00', 'placed'],
      ['#1', 'Ada Lovelace', expect.any(String), '37.50', 'placed'],
    ]);
  });

  it('shows an order checked out in the Shop view when the Orders tab is chosen', async () => {
    const { user } = await renderApp({ sample: true });
    await user.click(screen.getByRole('button', { name: 'Add Tea spoons, set of 4 to cart' }));
    const cart = within(screen.getByRole('region', { name: 'Cart of Ada Lovelace' }));
    await waitFor(() => expect(cart.getByTestId('cart-total')).toHaveTextContent('8.99'));
    await user.click(cart.getByRole('button', { name: 'Checkout' }));
    await waitFor(() => expect(cart.getByText('The cart is empty.')).toBeInTheDocument());

    await user.click(screen.getByRole('tab', { name: 'Orders' }));
    expect(screen.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
    expect(window.location.hash).toBe('#/orders');
    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    expect(within(detail).getByRole('cell', { name: 'Tea spoons, set of 4' })).toBeInTheDocument();
    await user.click(within(detail).getByRole('button', { name: 'Mark paid' }));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('paid'));
    const row = within(screen.getByRole('table', { name: 'Orders' })).getAllByRole('row')[1]!;
    expect(within(row).getByText('paid')).toBeInTheDocument();
  });

  it('marks an order paid, then shipped, and refuses to cancel it once shipped', async () => {
    const { runtime, user } = await renderApp({ hash: '#/orders', sample: true });
    await placeOrder(runtime, 'ada', 'MUG-BLUE', 3);

    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    expect(within(detail).getByRole('cell', { name: 'Blue mug' })).toBeInTheDocument();
    expect(statusIn(detail)).toHaveTextContent('placed');

    await user.click(within(detail).getByRole('button', { name: 'Mark paid' }));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('paid'));
    await user.click(within(detail).getByRole('button', { name: 'Ship' }));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('shipped'));
    expect(runtime.store.getState().shop.orders.first()?.status).toBe('shipped');

    const count = await runtime.log.count();
    await user.click(within(detail).getByRole('button', { name: 'Cancel order' }));
    expect(await within(detail).findByRole('alert')).toHaveTextContent('Order #1 cannot be cancelled: it has already shipped.');
    expect(await runtime.log.count()).toBe(count);
  });

  it('refuses to ship an unpaid order, and cancelling returns the stock', async () => {
    const { runtime, user } = await renderApp({ hash: '#/orders', sample: true });
    await placeOrder(runtime, 'grace', 'POT-WHITE', 2);
    expect(runtime.store.getState().shop.products.get('POT-WHITE')?.stock).toBe(3);

    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    await user.click(within(detail).getByRole('button', { name: 'Ship' }));
    expect(await within(detail).findByRole('alert')).toHaveTextContent('Order #1 cannot ship: it is not paid yet.');

    await user.click(within(detail).getByRole('button', { name: 'Cancel order' }));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('cancelled'));
    expect(runtime.store.getState().shop.products.get('POT-WHITE')?.stock).toBe(5);
  });
});
