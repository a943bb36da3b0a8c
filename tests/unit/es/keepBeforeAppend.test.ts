import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type KeptCommand } from '../../../src/es';
import { shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog } from '../../support/harness';

const engines: Engine<ShopState, Command>[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

/** An engine whose bus keeps each decided command through `keep` (as sync does) before appending. */
async function keeping(keep: (commands: KeptCommand[]) => Promise<void>) {
  const log = freshLog();
  const engine = new Engine({ log, model: shopReadModel, decider: shopDecider, snapshots: { every: 1_000_000, idleMs: 60_000 }, keep });
  engines.push(engine);
  await engine.start();
  return { engine, log };
}

const product = (sku: string): Command => ({ type: 'RegisterProduct', sku, name: `Product ${sku}`, priceCents: 100, stock: 3 });

describe('keeping commands before their events are written (sync)', () => {
  it('keeps every decided command, with its moment and drawn ids, before the log holds its events', async () => {
    const seen: Array<{ kept: KeptCommand[]; logged: number }> = [];
    const { engine, log } = await keeping(async (kept) => {
      seen.push({ kept, logged: await log.lastPosition() });
    });
    const [a, b] = await Promise.all([engine.dispatch(product('A')), engine.dispatch(product('B'))]);
    const kept = seen.flatMap((s) => s.kept);
    expect(kept.map((k) => k.input)).toEqual([product('A'), product('B')]);
    expect(kept.map((k) => k.commandId)).toEqual([a![0]!.meta.commandId, b![0]!.meta.commandId]);
    expect(kept.every((k) => k.cause === null && typeof k.at === 'string' && Array.isArray(k.drawnIds))).toBe(true);
    // Each batch is kept while the log holds only the batches before it (one event per command):
    // no event is ever written without its command kept first.
    let before = 0;
    const expected = seen.map((s) => ((before += s.kept.length), before - s.kept.length));
    expect(seen.map((s) => s.logged)).toEqual(expected);
    expect(await log.lastPosition()).toBe(2);
  });

  it('writes nothing and refuses the command with the reason when it cannot be kept', async () => {
    const { engine, log } = await keeping(() =>
      Promise.reject(new Error('This change could not be kept for sync, so it was not saved: disk full')),
    );
    await expect(engine.dispatch(product('A'))).rejects.toThrow('could not be kept for sync');
    expect(await log.lastPosition()).toBe(0);
    expect(engine.projection.position).toBe(0);
  });

  it('keeps nothing for a refused command', async () => {
    const kept: KeptCommand[] = [];
    const { engine } = await keeping(async (commands) => void kept.push(...commands));
    await engine.dispatch(product('A'));
    await expect(engine.dispatch(product('A'))).rejects.toThrow();
    expect(kept).toHaveLength(1);
  });
});
