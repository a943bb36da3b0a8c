// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cartOf, eventCount, renderApp, unmountApps } from '../support/renderApp';

afterEach(unmountApps);

// A command's write can take more than the default second on a loaded machine.
const slow = { timeout: 5_000 };

const productRow = (name: string) => screen.getByRole('button', { name: `Manage ${name}` }).closest('tr')!;

describe('Shop screens: messages and discontinued products', () => {
  it('disables Add to cart on a discontinued product, with the refusal as its description, until it is put back on sale', async () => {
    const { user, runtime } = await renderApp({ sample: true });
    await user.click(screen.getByRole('button', { name: 'Manage Knitted tea cosy' }));
    await user.click(screen.getByRole('button', { name: 'Discontinue Knitted tea cosy' }));
    const add = screen.getByRole('button', { name: 'Add Knitted tea cosy to cart' });
    // Wait for the reason, not for disabled: the button is disabled while the command is on its way too.
    await waitFor(() => expect(add).toHaveAccessibleDescription('Knitted tea cosy is discontinued and can no longer be sold.'), slow);
    expect(add).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Put Knitted tea cosy back on sale' }));
    await waitFor(() => expect(add).toBeEnabled(), slow);
    expect(add).not.toHaveAccessibleDescription();
    expect(screen.queryByRole('button', { name: 'Put Knitted tea cosy back on sale' })).not.toBeInTheDocument();
    await user.click(add);
    await waitFor(() => expect(cartOf('Ada Lovelace').getByRole('cell', { name: 'Knitted tea cosy' })).toBeInTheDocument(), slow);
    expect(runtime.store.getState().shop.products.get('COSY-KNIT')?.discontinued).toBe(false);
  });

  it('says a price of -5 cannot be negative, in the new product form and when changing a price', async () => {
    const { user, runtime } = await renderApp({ sample: true });
    const form = within(await screen.findByRole('region', { name: 'New product' }, slow));
    await user.type(form.getByLabelText('SKU'), 'NEG-1');
    await user.type(form.getByLabelText('Name'), 'Negative');
    await user.type(form.getByLabelText('Price'), '-5');
    await user.click(form.getByRole('button', { name: 'Add product' }));
    expect(await form.findByRole('alert', {}, slow)).toHaveTextContent(/^Price cannot be negative\./);

    await user.click(screen.getByRole('button', { name: 'Manage Blue mug' }));
    const price = screen.getByLabelText('New price of Blue mug');
    await user.clear(price);
    await user.type(price, '-5');
    await user.click(screen.getByRole('button', { name: 'Change price of Blue mug' }));
    expect(await within(productRow('Blue mug').parentElement!).findByText(/^Price cannot be negative\./, {}, slow)).toBeInTheDocument();
    expect(await runtime.log.count()).toBe(8);
  });

  it('takes a refusal away at the next successful action anywhere, or when dismissed', async () => {
    const { user } = await renderApp({ sample: true });
    const quantity = screen.getByLabelText('Quantity of White teapot');
    await user.clear(quantity);
    await user.type(quantity, '6');
    await user.click(screen.getByRole('button', { name: 'Add White teapot to cart' }));
    expect(await screen.findByRole('alert', {}, slow)).toHaveTextContent('Not enough White teapot in stock: 6 wanted, only 5 left.');

    // Another control's command succeeds: the old refusal no longer stands beside the teapot.
    await user.click(screen.getByRole('button', { name: 'Add Blue mug to cart' }));
    await waitFor(() => expect(eventCount()).toBe('9 events'), slow);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add White teapot to cart' }));
    // The alert is the sentence alone; Dismiss sits beside it.
    expect(await screen.findByRole('alert', {}, slow)).toHaveTextContent(/^Not enough White teapot in stock: 6 wanted, only 5 left\.$/);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(eventCount()).toBe('9 events');
  });

  it('counts in the right number: 1 event, 2 events', async () => {
    const { runtime } = await renderApp();
    expect(eventCount()).toBe('0 events');
    await act(() => runtime.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' }));
    await waitFor(() => expect(eventCount()).toBe('1 event'), slow);
    await act(() => runtime.dispatch({ type: 'RegisterCustomer', customerId: 'bob', name: 'Bob' }));
    await waitFor(() => expect(eventCount()).toBe('2 events'), slow);
  });
});

describe('Settings', () => {
  it('asks for persistent storage and says what the browser answered', async () => {
    const { user } = await renderApp({ hash: '#/settings' });
    await user.click(await screen.findByRole('button', { name: 'Ask to keep data' }));
    // No PWA layer in a component test: the inert controller cannot ask, and the page says so.
    expect(await screen.findByTestId('persist-result', {}, slow)).toHaveTextContent(/^This browser cannot be asked to keep data/);
  });
});
