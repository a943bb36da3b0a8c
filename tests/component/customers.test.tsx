// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { eventCount, renderApp, unmountApps } from '../support/renderApp';

afterEach(unmountApps);

const customerNames = () =>
  within(screen.getByRole('region', { name: /^Customers/ }))
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('.customer-name')?.textContent);

describe('Customers view', () => {
  it('adds a customer and clears the form', async () => {
    const { user, runtime } = await renderApp({ hash: '#/customers' });
    expect(screen.getByText('No customers yet.')).toBeInTheDocument();
    const name = screen.getByRole('textbox', { name: 'Customer name' });
    await user.type(name, 'Katherine Johnson');
    await user.click(screen.getByRole('button', { name: 'Add customer' }));

    await waitFor(() => expect(customerNames()).toEqual(['Katherine Johnson']));
    await waitFor(() => expect(name).toHaveValue(''));
    expect(eventCount()).toBe('1 event');
    expect([...runtime.store.getState().shop.customers.values()].map((c) => c.name)).toEqual(['Katherine Johnson']);
  });

  it('adds a customer with an email address, shown beside the name', async () => {
    const { user, runtime } = await renderApp({ hash: '#/customers' });
    await user.type(screen.getByRole('textbox', { name: 'Customer name' }), 'Mary Jackson');
    await user.type(screen.getByRole('textbox', { name: 'Email (optional)' }), '  mary@example.org ');
    await user.click(screen.getByRole('button', { name: 'Add customer' }));

    await waitFor(() => expect(customerNames()).toEqual(['Mary Jackson']));
    expect(screen.getByText('mary@example.org')).toBeInTheDocument();
    // The form clears once the command's promise resolved, a moment after the list shows it.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Email (optional)' })).toHaveValue(''));
    const [event] = await runtime.log.readRange(1);
    expect(event).toMatchObject({
      type: 'CustomerRegistered',
      schemaVersion: 2,
      payload: { name: 'Mary Jackson', email: 'mary@example.org' },
    });
  });

  it('refuses an email address that is not one, says why, and appends nothing', async () => {
    const { user, runtime } = await renderApp({ hash: '#/customers' });
    await user.type(screen.getByRole('textbox', { name: 'Customer name' }), 'Dorothy Vaughan');
    await user.type(screen.getByRole('textbox', { name: 'Email (optional)' }), 'dorothy at nasa');
    await user.click(screen.getByRole('button', { name: 'Add customer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter an email address like name@example.com.');
    expect(screen.getByRole('textbox', { name: 'Customer name' })).toHaveValue('Dorothy Vaughan');
    expect(await runtime.log.count()).toBe(0);
  });

  it('shows why an empty name is refused, and appends nothing', async () => {
    const { user, runtime } = await renderApp({ hash: '#/customers' });
    await user.click(screen.getByRole('button', { name: 'Add customer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a name.');
    expect(await runtime.log.count()).toBe(0);
  });

  it('renames a customer', async () => {
    const { user } = await renderApp({ hash: '#/customers', sample: true });
    expect(customerNames()).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    const input = screen.getByRole('textbox', { name: 'New name for Alan Turing' });
    await user.clear(input);
    await user.type(input, 'Alan M. Turing');
    await user.click(screen.getByRole('button', { name: 'Rename Alan Turing' }));

    await waitFor(() => expect(customerNames()).toEqual(['Ada Lovelace', 'Alan M. Turing', 'Grace Hopper']));
    expect(eventCount()).toBe('9 events');
  });

  it('refuses to rename a customer to the name they have', async () => {
    const { user } = await renderApp({ hash: '#/customers', sample: true });
    await user.click(screen.getByRole('button', { name: 'Rename Grace Hopper' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Grace Hopper is already called that.');
    expect(eventCount()).toBe('8 events');
  });

  it('deletes a customer only after confirmation', async () => {
    const { user, runtime } = await renderApp({ hash: '#/customers', sample: true });
    await user.click(screen.getByRole('button', { name: 'Delete Grace Hopper' }));
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    expect(customerNames()).toContain('Grace Hopper');
    expect(eventCount()).toBe('8 events');

    await user.click(screen.getByRole('button', { name: 'Delete Grace Hopper' }));
    await user.click(screen.getByRole('button', { name: 'Confirm deleting Grace Hopper' }));
    await waitFor(() => expect(customerNames()).toEqual(['Ada Lovelace', 'Alan Turing']));
    expect(runtime.store.getState().shop.customers.get('grace')?.deleted).toBe(true);

    // A deleted customer can no longer be chosen to shop as.
    await user.click(screen.getByRole('tab', { name: 'Shop' }));
    const shopper = await screen.findByRole('combobox', { name: 'Customer' });
    expect(
      within(shopper)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Ada Lovelace', 'Alan Turing']);
  });
});
