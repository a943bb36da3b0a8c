// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, unmountApps } from '../support/renderApp';

afterEach(unmountApps);

describe('Verify history (Settings)', () => {
  it('says every event was verified, then names the first event changed behind the app’s back', async () => {
    const { runtime, user } = await renderApp({ hash: '#/settings', sample: true });
    const events = runtime.store.getState().position;
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Verify history' }));
    await waitFor(() => expect(screen.getByTestId('verify-result')).toHaveTextContent(`All ${events} events verified.`));
    expect(screen.getByTestId('verify-result')).toHaveAttribute('role', 'status');

    const third = (await runtime.log.db.events.get(3))!;
    await runtime.log.db.events.put({ ...third, at: '2001-01-01T00:00:00.000Z' });
    await user.click(screen.getByRole('button', { name: 'Verify history' }));
    await waitFor(() =>
      expect(screen.getByTestId('verify-result')).toHaveTextContent('Broken at event #3: its content does not match its hash.'),
    );
    expect(screen.getByTestId('verify-result')).toHaveAttribute('role', 'alert');
  });
});
