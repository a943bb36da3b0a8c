import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/es';
import type { Command, ShopState } from '../../../src/domain';
import { shopEngine } from '../../support/harness';

const engines: Engine<ShopState, Command>[] = [];
async function started(): Promise<Engine<ShopState, Command>> {
  // The bus's own clock: steppingClock from 2026-01-01, one second a call.
  const engine = shopEngine();
  engines.push(engine);
  await engine.start();
  return engine;
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

const register = (sku: string): Command => ({ type: 'RegisterProduct', sku, name: `Product ${sku}`, priceCents: 100, stock: 5 });
const simulated = '2020-05-05T10:00:00.000Z';

describe("a command's own clock", () => {
  it('stamps that command, and is asked when the command is decided', async () => {
    const engine = await started();
    let asked = 0;
    const [own] = await engine.dispatch(register('A'), undefined, undefined, () => (asked++, simulated));
    const [other] = await engine.dispatch(register('B'));
    expect(own!.at).toBe(simulated);
    expect(asked).toBe(1);
    expect(other!.at.startsWith('2026-01-01')).toBe(true);
  });

  it('is inherited by commands caused by its chain, not by others sent with a cause of their own', async () => {
    const engine = await started();
    const [cause] = await engine.dispatch(register('A'), undefined, undefined, () => simulated);
    const chain = { causationId: cause!.id, correlationId: cause!.meta.correlationId };
    const [followUp] = await engine.dispatch({ type: 'Restock', sku: 'A', quantity: 1 }, chain);
    expect(followUp!.at).toBe(simulated);
    expect(followUp!.meta.correlationId).toBe(cause!.meta.correlationId);

    const [plain] = await engine.dispatch(register('B'));
    const [unrelated] = await engine.dispatch(
      { type: 'Restock', sku: 'B', quantity: 1 },
      { causationId: plain!.id, correlationId: plain!.meta.correlationId },
    );
    expect(unrelated!.at.startsWith('2026-01-01')).toBe(true);
  });

  it('gives the decision the same moment as the events (what a discount code checks its dates against)', async () => {
    const engine = await started();
    await engine.dispatch({
      type: 'CreateDiscountCode',
      code: 'MAY',
      off: { kind: 'percent', percent: 10 },
      validUntil: '2020-05-31',
      active: true,
    });
    await engine.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    // On the bus's clock (2026) the code has expired; on the command's (May 2020) it can be used.
    await expect(engine.dispatch({ type: 'ApplyDiscountCode', customerId: 'ada', code: 'MAY' })).rejects.toThrow('expired');
    const [applied] = await engine.dispatch(
      { type: 'ApplyDiscountCode', customerId: 'ada', code: 'MAY' },
      undefined,
      undefined,
      () => simulated,
    );
    expect(applied!.type).toBe('DiscountCodeApplied');
  });
});
