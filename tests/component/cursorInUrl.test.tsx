// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, unmountApps } from '../support/renderApp';
import { waitUntil } from '../support/waitUntil';

afterEach(unmountApps);

describe('the cursor in the URL', () => {
  it('follows a single move at once, a fast scrub where it stops, and the return to the present at once', async () => {
    const { timeMachine } = await renderApp({ hash: '#/shop', sample: true });
    await act(() => timeMachine.moveTo(3));
    await waitUntil(() => window.location.hash === '#/shop?at=3', 'at=3 in the URL');
    // Moves in quick succession: the last one reaches the URL once the scrub pauses.
    for (const p of [4, 5, 6]) await act(() => timeMachine.moveTo(p));
    await waitUntil(() => window.location.hash === '#/shop?at=6', 'at=6 in the URL');
    // Straight back to the present: no wait, so a reload right after lands on the present.
    await act(() => timeMachine.moveTo(2));
    act(() => timeMachine.returnToPresent());
    expect(window.location.hash).toBe('#/shop');
  });

  it('opens the present, not a read-only past, for a link past the newest event', async () => {
    const { timeMachine } = await renderApp({ hash: '#/shop', sample: true });
    await act(() => timeMachine.moveTo(3));
    await waitUntil(() => window.location.hash === '#/shop?at=3', 'at=3 in the URL');
    expect(timeMachine.readOnly).toBe(true);
    // A link made in a longer history: 999 of 8 events.
    await act(() => timeMachine.moveTo(999));
    expect(timeMachine.store.getState().cursor).toBeNull();
    expect(timeMachine.readOnly).toBe(false);
    await waitUntil(() => window.location.hash === '#/shop', 'no cursor in the URL');
    expect(screen.getByRole('button', { name: 'Add Blue mug to cart' })).toBeEnabled();
  });

  it('leaves the link the page was opened with in the URL, and writes the first move at once', async () => {
    const { timeMachine } = await renderApp({ hash: '#/shop?at=3', sample: true });
    // Mounting wrote nothing: the cursor is not known yet, and the link says where it will be.
    expect(window.location.hash).toBe('#/shop?at=3');
    // What the start does with the link; then the user opens another link straight away.
    await act(() => timeMachine.moveTo(3));
    window.location.hash = '#/customers?at=5';
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(window.location.hash).toBe('#/customers?at=5');
  });
});
