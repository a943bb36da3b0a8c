import { createShopRuntime, TimeMachine, type ShopRuntime, type TimeMachineOptions } from '../../src/state';
import { steppingClock } from './harness';

export interface OpenShop {
  runtime: ShopRuntime;
  machine: TimeMachine;
}

const open: OpenShop[] = [];

/** A started runtime (fresh database, snapshots held back) and its time machine; closed by `closeShops`. */
export async function openShop(options: TimeMachineOptions = {}): Promise<OpenShop> {
  const runtime = createShopRuntime({
    dbName: `shop-${crypto.randomUUID()}`,
    snapshots: { every: 1_000_000, idleMs: 60_000 },
    clock: steppingClock(),
  });
  await runtime.start();
  const machine = new TimeMachine(runtime, options);
  await machine.init();
  open.push({ runtime, machine });
  return { runtime, machine };
}

/** Disposes of every shop opened since the last call (for `afterEach`). */
export async function closeShops(): Promise<void> {
  for (const { runtime, machine } of open.splice(0)) {
    machine.dispose();
    await runtime.stop();
  }
}
