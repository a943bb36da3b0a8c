// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, unmountApps } from '../support/renderApp';

afterEach(unmountApps);

describe('Diff view', () => {
  it('reads the changes by entity, and shows the raw paths behind a switch', async () => {
    const { runtime, timeMachine, user } = await renderApp({ sample: true });
    await runtime.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
    await runtime.dispatch({ type: 'ChangePrice', sku: 'MUG-BLUE', priceCents: 1100 });
    const present = runtime.store.getState().position;
    await timeMachine.moveTo(present - 2);

    await user.click(screen.getByRole('button', { name: 'Timeline' }));
    await user.click(await screen.findByRole('tab', { name: 'Diff' }));
    const region = await screen.findByRole('region', { name: 'Diff' });
    const groups = await within(region).findByRole('list', { name: 'Changes by entity' });
    const texts = () =>
      within(groups)
        .getAllByRole('heading')
        .map((h) => [h.textContent, ...[...h.parentElement!.querySelectorAll('ul li')].map((li) => li.textContent)]);
    expect(texts()).toEqual([
      ['Blue mug', 'price 12.50 → 11.00'],
      ["Ada Lovelace's cart", '+2 Blue mug (new)'],
    ]);
    expect(within(region).queryByRole('table')).not.toBeInTheDocument();

    await user.click(within(region).getByRole('switch', { name: 'Show raw paths' }));
    const table = within(region).getByRole('table');
    const paths = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelector('td')?.textContent);
    expect(paths).toEqual(expect.arrayContaining(['products.MUG-BLUE.priceCents', 'carts.ada']));
    expect(within(region).queryByRole('list', { name: 'Changes by entity' })).not.toBeInTheDocument();

    await user.click(within(region).getByRole('switch', { name: 'Show raw paths' }));
    await waitFor(() => expect(within(region).queryByRole('table')).not.toBeInTheDocument());
  });
});
