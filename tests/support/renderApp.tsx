import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { sampleShopCommands } from '../../src/domain';
import { createShopRuntime, TimeMachine, type ShopRuntime } from '../../src/state';
import { App } from '../../src/ui/App';
import { RuntimeProvider } from '../../src/ui/runtimeContext';

const mounted: Array<{ runtime: ShopRuntime; timeMachine: TimeMachine }> = [];

/**
 * Renders the whole app over a fresh, uniquely named IndexedDB (fake-indexeddb), wired as
 * src/main.tsx wires it. `sample: true` loads the sample shop through the runtime first.
 */
export async function renderApp(options: { hash?: string; sample?: boolean } = {}) {
  const runtime = createShopRuntime({ dbName: `component-${crypto.randomUUID()}`, snapshots: { idleMs: 600_000 } });
  const timeMachine = new TimeMachine(runtime);
  mounted.push({ runtime, timeMachine });
  await runtime.start();
  if (options.sample) await Promise.all(sampleShopCommands().map((c) => runtime.dispatch(c)));
  await timeMachine.init(null);
  window.location.hash = options.hash ?? '#/shop';
  const user = userEvent.setup();
  render(
    <RuntimeProvider runtime={runtime} timeMachine={timeMachine}>
      <App />
    </RuntimeProvider>,
  );
  // Views other than the shop are lazy-loaded: wait for the chosen one to be there.
  await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
  return { runtime, timeMachine, user };
}

export async function unmountApps(): Promise<void> {
  cleanup();
  for (const { runtime, timeMachine } of mounted.splice(0)) {
    timeMachine.dispose();
    // The database stays open: TimeMachine.dispose() leaves a pending density refresh that
    // would otherwise read a closed log (an unhandled DatabaseClosedError) after the test.
    await runtime.engine.stop();
  }
  window.location.hash = '';
}

/** The "N events" counter in the status bar. */
export const eventCount = () => screen.getByTestId('event-count').textContent;

export const cartOf = (name: string) => within(screen.getByRole('region', { name: `Cart of ${name}` }));
