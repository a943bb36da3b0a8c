import { afterEach, describe, expect, it } from 'vitest';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { generateDemoHistory, type DemoProgress } from '../../../src/demo';
import { steppingClock } from '../../support/harness';

const runtimes: ShopRuntime[] = [];
async function emptyShop(): Promise<ShopRuntime> {
  const runtime = createShopRuntime({ dbName: `demo-${crypto.randomUUID()}`, clock: steppingClock(), snapshots: { idleMs: 60_000 } });
  runtimes.push(runtime);
  await runtime.start();
  return runtime;
}

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
});

describe('generateDemoHistory', () => {
  it('fills the log through the command path to exactly the asked number of events, with few refusals', async () => {
    const runtime = await emptyShop();
    const seen: DemoProgress[] = [];
    const result = await generateDemoHistory(runtime, { events: 1_500, seed: 1, onProgress: (p) => seen.push(p) });

    expect(await runtime.log.count()).toBe(1_500);
    expect(runtime.store.getState().position).toBe(1_500);
    expect(result.events).toBe(1_500);
    expect(result.rejected / result.commands).toBeLessThan(0.02);
    expect(seen.at(-1)?.events).toBe(1_500);
    expect(seen.map((p) => p.events)).toEqual([...seen.map((p) => p.events)].sort((a, b) => a - b));

    // Checkouts went through the process manager: orders exist and carry the checkout's chain.
    const { shop } = runtime.store.getState();
    expect(shop.orders.size).toBeGreaterThan(0);
    const [placed] = await runtime.log.readByType('OrderPlaced', 1);
    expect(placed?.meta.causationId).not.toBeNull();
  });

  it('adds to an existing log and gives the same commands for the same seed', async () => {
    const a = await emptyShop();
    const b = await emptyShop();
    await generateDemoHistory(a, { events: 400, seed: 5, batchSize: 50 });
    await generateDemoHistory(b, { events: 400, seed: 5, batchSize: 50 });
    await generateDemoHistory(a, { events: 300, seed: 5, batchSize: 50 });
    expect(await a.log.count()).toBe(700);

    const shape = async (runtime: ShopRuntime) =>
      (await runtime.log.readRange(1, 400)).map((e) => [e.type, e.streamId.startsWith('order-') ? 'order' : e.streamId]);
    expect(await shape(a)).toEqual(await shape(b));
  });

  it('stops between batches when cancelled, keeping what was written', async () => {
    const runtime = await emptyShop();
    const controller = new AbortController();
    const run = generateDemoHistory(runtime, {
      events: 100_000,
      onProgress: (p) => {
        if (p.events > 300) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow();
    const count = await runtime.log.count();
    expect(count).toBeGreaterThan(300);
    expect(count).toBeLessThan(100_000);
    expect(runtime.store.getState().position).toBe(count);
  });
});
