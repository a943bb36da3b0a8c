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

// A command's write can take more than the default second on a loaded machine.
const slow = { timeout: 5_000 };

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
    await waitFor(() => expect(cart.getByTestId('cart-total')).toHaveTextContent('8.99'), slow);
    await user.click(cart.getByRole('button', { name: 'Checkout' }));
    await waitFor(() => expect(cart.getByText('The cart is empty.')).toBeInTheDocument(), slow);

    await user.click(screen.getByRole('tab', { name: 'Orders' }));
    expect(screen.getByRole('tab', { name: 'Orders' })).toHaveAttribute('aria-selected', 'true');
    expect(window.location.hash).toBe('#/orders');
    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    expect(within(detail).getByRole('cell', { name: 'Tea spoons, set of 4' })).toBeInTheDocument();
    await user.click(within(detail).getByRole('button', { name: 'Mark paid' }));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('paid'), slow);
    const row = within(screen.getByRole('table', { name: 'Orders' })).getAllByRole('row')[1]!;
    expect(within(row).getByText('paid')).toBeInTheDocument();
  });

  it('marks an order paid, then shipped; each button is disabled, with the refusal it would meet, once its command cannot apply', async () => {
    const { runtime, user } = await renderApp({ hash: '#/orders', sample: true });
    await placeOrder(runtime, 'ada', 'MUG-BLUE', 3);

    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    const button = (name: string) => within(detail).getByRole('button', { name });
    expect(statusIn(detail)).toHaveTextContent('placed');
    expect(button('Mark paid')).toBeEnabled();
    expect(button('Cancel order')).toBeEnabled();
    expect(button('Ship')).toBeDisabled();
    expect(button('Ship')).toHaveAccessibleDescription('Order #1 cannot ship: it is not paid yet.');

    await user.click(button('Mark paid'));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('paid'), slow);
    expect(button('Mark paid')).toHaveAccessibleDescription('Order #1 cannot be paid: it is already paid.');
    // Waited for: the buttons stay disabled until the command that paid has returned.
    await waitFor(() => expect(button('Ship')).toBeEnabled(), slow);
    await user.click(button('Ship'));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('shipped'), slow);
    expect(runtime.store.getState().shop.orders.first()?.status).toBe('shipped');

    for (const [name, sentence] of [
      ['Mark paid', 'Order #1 cannot be paid: it has already shipped.'],
      ['Ship', 'Order #1 cannot ship: it has already shipped.'],
      ['Cancel order', 'Order #1 cannot be cancelled: it has already shipped.'],
    ]) {
      expect(button(name!)).toBeDisabled();
      expect(button(name!)).toHaveAccessibleDescription(sentence!);
    }
    expect(within(detail).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('cancelling returns the stock, and then no action is left, each saying why', async () => {
    const { runtime, user } = await renderApp({ hash: '#/orders', sample: true });
    await placeOrder(runtime, 'grace', 'POT-WHITE', 2);
    expect(runtime.store.getState().shop.products.get('POT-WHITE')?.stock).toBe(3);

    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    await user.click(within(detail).getByRole('button', { name: 'Cancel order' }));
    await waitFor(() => expect(statusIn(detail)).toHaveTextContent('cancelled'), slow);
    expect(runtime.store.getState().shop.products.get('POT-WHITE')?.stock).toBe(5);
    expect(within(detail).getByRole('button', { name: 'Mark paid' })).toHaveAccessibleDescription(
      'Order #1 cannot be paid: it was cancelled.',
    );
    expect(within(detail).getByRole('button', { name: 'Ship' })).toHaveAccessibleDescription('Order #1 cannot ship: it was cancelled.');
    expect(within(detail).getByRole('button', { name: 'Cancel order' })).toHaveAccessibleDescription(
      'Order #1 cannot be cancelled: it was cancelled.',
    );
    expect(within(detail).queryByRole('form', { name: 'Return items' })).not.toBeInTheDocument();
  });

  it('returns items of a shipped order: stock comes back, the refund and the return are shown, and more than is left is refused', async () => {
    const { runtime, user } = await renderApp({ hash: '#/orders', sample: true });
    await placeOrder(runtime, 'ada', 'MUG-BLUE', 3);
    const order = runtime.store.getState().shop.orders.first()!;
    await runtime.dispatch({ type: 'PayOrder', orderId: order.id });
    await runtime.dispatch({ type: 'ShipOrder', orderId: order.id });
    const stockShipped = runtime.store.getState().shop.products.get('MUG-BLUE')!.stock;

    await user.click(await screen.findByRole('button', { name: 'Open order #1' }));
    const detail = screen.getByRole('region', { name: 'Order #1' });
    const form = within(detail).getByRole('form', { name: 'Return items' });
    const units = within(form).getByLabelText('Units of Blue mug to return');
    expect(within(form).getByText('(3 left)')).toBeInTheDocument();
    await user.clear(units);
    await user.type(units, '2');
    await user.click(within(form).getByRole('button', { name: 'Record return and refund' }));

    const returns = await within(detail).findByRole('table', { name: 'Returns of order #1' }, slow);
    expect(within(returns).getByRole('cell', { name: '2 × Blue mug' })).toBeInTheDocument();
    expect(within(returns).getByTestId('order-refunded')).toHaveTextContent('25.00');
    expect(runtime.store.getState().shop.products.get('MUG-BLUE')?.stock).toBe(stockShipped + 2);
    expect(within(form).getByText('(1 left)')).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Orders' })).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('shipped · 1 return');

    // Two more than the one left: the decider's refusal, nothing written, and it can be dismissed.
    const count = await runtime.log.count();
    await user.clear(units);
    await user.type(units, '2');
    await user.click(within(form).getByRole('button', { name: 'Record return and refund' }));
    const alert = await within(form).findByRole('alert', {}, slow);
    expect(alert).toHaveTextContent('Order #1 cannot take back 2 × Blue mug: only 1 left to return.');
    expect(await runtime.log.count()).toBe(count);
    await user.click(within(form).getByRole('button', { name: 'Dismiss' }));
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();

    // Nothing chosen: the command's own sentence.
    await user.clear(units);
    await user.type(units, '0');
    await user.click(within(form).getByRole('button', { name: 'Record return and refund' }));

    expect(await within(form).findByRole('alert', {}, slow)).toHaveTextContent('Choose at least one item to return.');

    await user.clear(units);
    await user.type(units, '1');
    await user.click(within(form).getByRole('button', { name: 'Record return and refund' }));
    await waitFor(() =>
      expect(within(form).getByText('Order #1 cannot take a return: every item was returned already.')).toBeInTheDocument(),
    );
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(returns).getAllByRole('row')).toHaveLength(4); // header, two returns, total
    expect(within(returns).getByTestId('order-refunded')).toHaveTextContent('37.50');
    expect(runtime.store.getState().shop.products.get('MUG-BLUE')?.stock).toBe(stockShipped + 3);
    expect(row).toHaveTextContent('shipped · 2 returns');
  });
});
