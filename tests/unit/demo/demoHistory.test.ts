import { describe, expect, it } from 'vitest';
import { toStoredEvent, type Commit } from '../../../src/es';
import { decide, evolve, initialShopState, onCheckoutEvent, onPlaceOrderRejected, type Command, type ShopState } from '../../../src/domain';
import { mulberry32, nextDemoCommand, planDemoBatch } from '../../../src/demo';

/**
 * Runs planned batches the way the command bus and the checkout process manager would (decide in
 * order, fold each accepted command, then place the orders the checkouts asked for), in memory.
 */
function simulate(seed: number, batches: number, batchSize: number) {
  const rng = mulberry32(seed);
  let state: ShopState = initialShopState();
  let seq = 0;
  let ids = 0;
  const context = { now: '2026-01-01T00:00:00.000Z', newId: () => `id-${++ids}` };
  const sent: Command[] = [];
  const refused: { command: Command; error: unknown }[] = [];
  const types = new Map<string, number>();
  const run = (command: Command): boolean => {
    try {
      const events = decide(state, command, context);
      const commit: Commit = {
        events,
        expected: new Map(),
        meta: { commandId: 'c', correlationId: 'c', causationId: null },
        at: context.now,
      };
      for (const e of events) {
        const stored = toStoredEvent(e, ++seq, 1, commit, context.newId());
        state = evolve(state, stored);
        types.set(e.type, (types.get(e.type) ?? 0) + 1);
        const followUp = onCheckoutEvent(stored);
        if (followUp) followUps.push(followUp);
      }
      return true;
    } catch (error) {
      refused.push({ command, error });
      return false;
    }
  };
  let followUps: Command[] = [];
  for (let b = 0; b < batches; b += 1) {
    const batch = planDemoBatch(state, rng, { size: batchSize });
    sent.push(...batch);
    batch.forEach(run);
    const placing = followUps;
    followUps = [];
    for (const placeOrder of placing) {
      if (!run(placeOrder) && placeOrder.type === 'PlaceOrder') {
        const reject = onPlaceOrderRejected(placeOrder, refused.at(-1)!.error);
        if (reject) run(reject);
      }
    }
  }
  return { sent, refused, types, events: seq, state };
}

describe('the demo history generator', () => {
  it('mulberry32 repeats its sequence for a seed and differs between seeds', () => {
    const take = (rng: () => number) => Array.from({ length: 5 }, rng);
    expect(take(mulberry32(7))).toEqual(take(mulberry32(7)));
    expect(take(mulberry32(7))).not.toEqual(take(mulberry32(8)));
    expect(take(mulberry32(7)).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('plans the same commands for the same seed', () => {
    const a = simulate(42, 30, 50);
    const b = simulate(42, 30, 50);
    expect(a.sent).toEqual(b.sent);
    expect(a.sent.length).toBeGreaterThanOrEqual(30 * 50);
    expect(simulate(43, 30, 50).sent).not.toEqual(a.sent);
  });

  it('starts an empty shop with products and customers, then lets them shop', () => {
    const first = nextDemoCommand(initialShopState(), mulberry32(1));
    expect(first.type).toBe('RegisterProduct');
    const { types, state } = simulate(5, 60, 100);
    for (const type of [
      'ProductRegistered',
      'CustomerRegistered',
      'ItemAddedToCart',
      'CartItemQuantityChanged',
      'ItemRemovedFromCart',
      'CheckoutRequested',
      'OrderPlaced',
      'StockReserved',
      'CartCheckedOut',
      'OrderPaid',
      'OrderShipped',
      'OrderCancelled',
      'StockReleased',
      'ProductRestocked',
      'ProductPriceChanged',
      'CustomerRenamed',
    ]) {
      expect(types.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    expect(state.orders.size).toBeGreaterThan(100);
  });

  it('mostly plans commands that are accepted', () => {
    const { sent, refused } = simulate(9, 100, 200);
    expect(refused.length / sent.length).toBeLessThan(0.01);
  });

  it('plans only one-event commands when asked to, for an exact ending', () => {
    const { state } = simulate(11, 10, 100);
    const planned = planDemoBatch(state, mulberry32(3), { size: 300, singleEventOnly: true });
    let seq = 0;
    const commit: Commit = { events: [], expected: new Map(), meta: { commandId: 'c', correlationId: 'c', causationId: null }, at: 'now' };
    let current = state;
    for (const command of planned) {
      let events;
      try {
        events = decide(current, command, { now: 'now', newId: () => `x${seq}` });
      } catch {
        continue;
      }
      expect(events, command.type).toHaveLength(1);
      current = evolve(current, toStoredEvent(events[0]!, ++seq, 1, commit, `e${seq}`));
    }
    expect(planned.some((c) => c.type === 'CheckoutCart' || c.type === 'CancelOrder')).toBe(false);
  });
});
