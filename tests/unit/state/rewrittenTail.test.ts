import { afterEach, describe, expect, it } from 'vitest';
import { cartStream, sampleShopCommands } from '../../../src/domain';
import { chain, type ChainLink, type StoredEvent } from '../../../src/es';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { canonicalShop } from '../../support/canonical';
import { steppingClock } from '../../support/harness';
import { waitUntil } from '../../support/waitUntil';

/**
 * Two tabs of one browser profile (two runtimes on one database) when one of them rewrites the
 * log's tail, as a sync rebase does: the other follows without a reload, and never appends a
 * decision made on the tail that is gone.
 */
const started: ShopRuntime[] = [];
afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
});

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

async function open(dbName: string, recordStorage: Pick<Storage, 'getItem' | 'setItem'>): Promise<ShopRuntime> {
  const runtime = createShopRuntime({ dbName, recordStorage, clock: steppingClock() });
  started.push(runtime);
  await runtime.start();
  return runtime;
}

const link = async (runtime: ShopRuntime, seq: number): Promise<ChainLink> => ({ seq, hash: (await runtime.log.storedHashAt(seq))! });
const mugsOf = (runtime: ShopRuntime, customerId: string) =>
  runtime.store
    .getState()
    .shop.carts.get(customerId)
    ?.lines.find((l) => l.sku === 'MUG-BLUE')?.quantity ?? 0;

/** Both tabs hold the sample shop and Ada's two blue mugs; then the tab `rewriter` replaces Ada's line by Grace's (another device's sale). */
async function rewrittenUnder() {
  const dbName = `tabs-${crypto.randomUUID()}`;
  const storage = memoryStorage();
  const a = await open(dbName, storage);
  const b = await open(dbName, storage);
  for (const command of sampleShopCommands()) await a.dispatch(command);
  const [added] = await a.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
  await waitUntil(() => b.store.getState().position === added!.seq, 'the second tab caught up');
  expect(mugsOf(b, 'ada')).toBe(2);

  const after = await link(a, added!.seq - 1);
  const grace = cartStream('grace');
  const [row] = chain(after.hash, [
    {
      ...added!,
      id: 'from-another-device',
      streamId: grace,
      version: (await a.log.streamVersion(grace)) + 1,
      payload: { ...(added!.payload as object), customerId: 'grace' },
      meta: { commandId: 'elsewhere', correlationId: 'elsewhere', causationId: null },
    } as StoredEvent,
  ]);
  await a.log.replaceTail(after, await link(a, added!.seq), [row!]);
  return { a, b, dbName, storage, after: after.seq };
}

describe('a tab whose log had its tail rewritten by another', () => {
  it('refuses its command decided on the old tail, folds the new tail and decides the command again on it', async () => {
    const { a, b, dbName, storage, after } = await rewrittenUnder();
    // No message reaches b first: the log itself refuses b's append.
    await b.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 1 });
    expect(mugsOf(b, 'ada')).toBe(1);
    expect(mugsOf(b, 'grace')).toBe(2);
    expect(b.store.getState().historyReplaced).toBe(false);
    await waitUntil(() => b.store.getState().rewritten?.after === after, 'b was told what was rewritten');
    expect((await b.log.verifyChain()).intact).toBe(true);

    // The tab that rewrote folds it too, and both show what a fresh start reads.
    await a.engine.catchUp();
    await waitUntil(() => a.store.getState().rewritten?.after === after, 'a was told what was rewritten');
    const fresh = await open(dbName, storage);
    expect(canonicalShop(a.store.getState().shop)).toBe(canonicalShop(fresh.store.getState().shop));
    expect(canonicalShop(b.store.getState().shop)).toBe(canonicalShop(fresh.store.getState().shop));
    // The rewrite renamed the log; every tab took the new name, so the next start tells no loss.
    expect(fresh.store.getState().writeLock).toBeNull();
    await a.dispatch({ type: 'AddItemToCart', customerId: 'grace', sku: 'MUG-BLUE', quantity: 1 });
    await waitUntil(() => mugsOf(b, 'grace') === 3, 'b follows a after the rewrite');
  });

  it('follows a rewrite told by the other tab: the state, position and snapshot it keeps are of the new tail', async () => {
    const { a, b, after } = await rewrittenUnder();
    a.engine.announceAppended(await a.log.lastPosition());
    await waitUntil(() => b.store.getState().rewritten?.after === after, 'b folded the new tail');
    expect(mugsOf(b, 'ada')).toBe(0);
    expect(mugsOf(b, 'grace')).toBe(2);
    await b.engine.snapshots.save(b.engine.projection);
    const saved = await b.engine.snapshots.loadLatest();
    expect(saved?.position).toBe(await b.log.lastPosition());
    expect(saved?.headHash).toBe(await b.log.storedHashAt(saved!.position));
  });
});
