// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cartOf, eventCount, renderApp, unmountApps } from '../support/renderApp';

afterEach(unmountApps);

describe('Shop view', () => {
  it('loads the sample shop through commands: products, customers and the event count appear', async () => {
    const { user, runtime } = await renderApp();
    expect(screen.getByText('No products yet.')).toBeInTheDocument();
    expect(eventCount()).toBe('0 events');

    // The offer loads after the first paint (a lazy chunk, which vitest transforms on first import: slow on a busy machine).
    await user.click(await screen.findByRole('button', { name: 'Load sample shop' }, { timeout: 10_000 }));

    await waitFor(() => expect(eventCount()).toBe('8 events'));
    const catalog = within(screen.getByRole('region', { name: 'Catalog' }));
    for (const name of ['Blue mug', 'Earl Grey tea, 100 g', 'White teapot', 'Tea spoons, set of 4', 'Knitted tea cosy']) {
      expect(catalog.getByRole('cell', { name })).toBeInTheDocument();
    }
    const shopper = screen.getByRole('combobox', { name: 'Customer' });
    expect(
      within(shopper)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    expect(await runtime.log.count()).toBe(8);
    expect(screen.queryByRole('button', { name: 'Load sample shop' })).not.toBeInTheDocument();
  });

  it('adds to the cart, shows the line and the total, and follows quantity changes and removals', async () => {
    const { user } = await renderApp({ sample: true });
    await user.clear(screen.getByLabelText('Quantity of Blue mug'));
    await user.type(screen.getByLabelText('Quantity of Blue mug'), '2');
    await user.click(screen.getByRole('button', { name: 'Add Blue mug to cart' }));

    const cart = cartOf('Ada Lovelace');
    await waitFor(() => expect(cart.getByRole('cell', { name: 'Blue mug' })).toBeInTheDocument());
    expect(cart.getByTestId('cart-total')).toHaveTextContent('25.00');

    await user.click(screen.getByRole('button', { name: 'Add Earl Grey tea, 100 g to cart' }));
    await waitFor(() => expect(cart.getByTestId('cart-total')).toHaveTextContent('31.75'));

    const mugs = cart.getByLabelText('Quantity of Blue mug in cart');
    await user.clear(mugs);
    await user.type(mugs, '3');
    await user.click(cart.getByRole('button', { name: 'Update quantity of Blue mug' }));
    await waitFor(() => expect(cart.getByTestId('cart-total')).toHaveTextContent('44.25'));

    await user.click(cart.getByRole('button', { name: 'Remove Blue mug from cart' }));
    await waitFor(() => expect(cart.queryByRole('cell', { name: 'Blue mug' })).not.toBeInTheDocument());
    expect(cart.getByTestId('cart-total')).toHaveTextContent('6.75');
    expect(eventCount()).toBe('12 events');
  });

  it('shows a refused add as an alert next to the product and appends nothing', async () => {
    const { user, runtime } = await renderApp({ sample: true });
    const quantity = screen.getByLabelText('Quantity of White teapot');
    await user.clear(quantity);
    await user.type(quantity, '6');
    await user.click(screen.getByRole('button', { name: 'Add White teapot to cart' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Not enough White teapot in stock: 6 wanted, only 5 left.');
    expect(eventCount()).toBe('8 events');
    expect(await runtime.log.count()).toBe(8);
    expect(cartOf('Ada Lovelace').getByText('The cart is empty.')).toBeInTheDocument();
  });

  it('shows an invalid quantity as an alert and appends nothing', async () => {
    const { user, runtime } = await renderApp({ sample: true });
    const quantity = screen.getByLabelText('Quantity of Blue mug');
    await user.clear(quantity);
    await user.type(quantity, '0');
    await user.click(screen.getByRole('button', { name: 'Add Blue mug to cart' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Quantity must be at least 1.');
    expect(await runtime.log.count()).toBe(8);
  });

  it('checks out: the cart empties and the stock goes down', async () => {
    const { user } = await renderApp({ sample: true });
    await user.click(screen.getByRole('button', { name: 'Add Knitted tea cosy to cart' }));
    const cart = cartOf('Ada Lovelace');
    await waitFor(() => expect(cart.getByRole('cell', { name: 'Knitted tea cosy' })).toBeInTheDocument());

    await user.click(cart.getByRole('button', { name: 'Checkout' }));

    await waitFor(() => expect(cart.getByText('The cart is empty.')).toBeInTheDocument());
    const row = screen.getByRole('cell', { name: 'Knitted tea cosy' }).closest('tr')!;
    await waitFor(() => expect(within(row).getByRole('cell', { name: '2' })).toBeInTheDocument());
  });

  it('refuses to check out an empty cart with an alert', async () => {
    const { user } = await renderApp({ sample: true });
    await user.click(cartOf('Ada Lovelace').getByRole('button', { name: 'Checkout' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Ada Lovelace's cart is empty.");
    expect(eventCount()).toBe('8 events');
  });

  it('shops for the customer chosen in the picker', async () => {
    const { user, runtime } = await renderApp({ sample: true });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Customer' }), 'Grace Hopper');
    await user.click(screen.getByRole('button', { name: 'Add Blue mug to cart' }));
    await waitFor(() => expect(cartOf('Grace Hopper').getByRole('cell', { name: 'Blue mug' })).toBeInTheDocument());
    expect(runtime.store.getState().shop.carts.get('grace')?.lines).toEqual([{ sku: 'MUG-BLUE', quantity: 1 }]);
    expect(runtime.store.getState().shop.carts.has('ada')).toBe(false);
  });
});
