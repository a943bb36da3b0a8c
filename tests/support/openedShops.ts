import { afterEach } from 'vitest';
import type { Command } from '../../src/domain';
import type { ShopRuntime, TimeMachine } from '../../src/state';
import { waitUntil } from './waitUntil';

/** Runtimes and time machines a test file opens, stopped after each test. Call at the file's top level. */
export function stoppedAfterEach(): Array<{ runtime: ShopRuntime; machine: TimeMachine }> {
  const open: Array<{ runtime: ShopRuntime; machine: TimeMachine }> = [];
  afterEach(async () => {
    for (const { runtime, machine } of open.splice(0)) {
      machine.dispose();
      await runtime.stop();
    }
  });
  return open;
}

/** Sends commands in order, then waits until every checkout they started has its outcome. */
export async function sendAndSettle(runtime: ShopRuntime, commands: Command[]): Promise<void> {
  for (const command of commands) await runtime.dispatch(command);
  await waitUntil(async () => {
    await runtime.engine.commands.idle();
    return [...runtime.store.getState().shop.carts.values()].every((c) => !c.pendingCheckout);
  });
}
