// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShopRuntime } from '../../src/state';
import { renderApp, unmountApps } from '../support/renderApp';

afterEach(unmountApps);

const sentences = () =>
  within(screen.getByRole('list', { name: 'Audit entries' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.sentence')?.textContent);

async function shopAFewThings(runtime: ShopRuntime): Promise<void> {
  await runtime.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
  await runtime.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'TEA-EARL', quantity: 1 });
  await runtime.dispatch({ type: 'ChangeCartItemQuantity', customerId: 'ada', sku: 'MUG-BLUE', quantity: 3 });
  await runtime.dispatch({ type: 'RenameCustomer', customerId: 'alan', name: 'Alan M. Turing' });
}

describe('Audit log view', () => {
  it('lists every event as a sentence, newest first', async () => {
    const { runtime } = await renderApp({ hash: '#/audit', sample: true });
    await shopAFewThings(runtime);

    await waitFor(() => expect(sentences()).toHaveLength(12));
    expect(sentences().slice(0, 4)).toEqual([
      'Alan Turing was renamed to Alan M. Turing',
      'Ada Lovelace changed Blue mug from 2 to 3 in their cart',
      'Grace Hopper added 1 × Earl Grey tea, 100 g to their cart',
      'Ada Lovelace added 2 × Blue mug to their cart',
    ]);
    expect(sentences()[11]).toBe('Blue mug (SKU MUG-BLUE) was added to the catalog at 12.50 with 20 in stock');
    const numbers = within(screen.getByRole('list', { name: 'Audit entries' }))
      .getAllByRole('listitem')
      .map((li) => Number(li.querySelector('.seq')?.textContent?.slice(1)));
    expect(numbers).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters by event type', async () => {
    const { runtime, user } = await renderApp({ hash: '#/audit', sample: true });
    await shopAFewThings(runtime);
    await waitFor(() => expect(sentences()).toHaveLength(12));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Event type' }), 'ItemAddedToCart');
    await waitFor(() =>
      expect(sentences()).toEqual([
        'Grace Hopper added 1 × Earl Grey tea, 100 g to their cart',
        'Ada Lovelace added 2 × Blue mug to their cart',
      ]),
    );

    await user.selectOptions(screen.getByRole('combobox', { name: 'Event type' }), 'OrderShipped');
    expect(await screen.findByText('No events match.')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Event type' }), '');
    await waitFor(() => expect(sentences()).toHaveLength(12));
  });

  it('filters by customer', async () => {
    const { runtime, user } = await renderApp({ hash: '#/audit', sample: true });
    await shopAFewThings(runtime);
    await waitFor(() => expect(sentences()).toHaveLength(12));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Customer' }), 'Ada Lovelace');
    await waitFor(() =>
      expect(sentences()).toEqual([
        'Ada Lovelace changed Blue mug from 2 to 3 in their cart',
        'Ada Lovelace added 2 × Blue mug to their cart',
        'Ada Lovelace became a customer',
      ]),
    );
  });

  it('shows new events as they are appended', async () => {
    const { runtime } = await renderApp({ hash: '#/audit', sample: true });
    await waitFor(() => expect(sentences()).toHaveLength(8));
    await runtime.dispatch({ type: 'Restock', sku: 'COSY-KNIT', quantity: 4 });
    await waitFor(() => expect(sentences()[0]).toBe('Knitted tea cosy was restocked with 4 more'));
  });
});
