import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, EventLog, type ReadModel } from '../../../src/es';
import { initialShopState, shopDecider, shopReadModel, type Command, type ShopState } from '../../../src/domain';
import { freshLog, steppingClock } from '../../support/harness';
import { countingModel } from '../../support/countingModel';

const skus = ['A', 'B', 'C'];
const customers = ['c1', 'c2', 'c3'];

/** Commands that refer to an order or a checkout pick it when sent, since their ids are random. */
type Step =
  | { kind: 'command'; command: Command }
  | { kind: 'placeOrder' | 'rejectCheckout'; index: number }
  | { kind: 'PayOrder' | 'ShipOrder' | 'CancelOrder'; index: number };

const sku = fc.constantFrom(...skus);
const customerId = fc.constantFrom(...customers);
// 0 is out of range on purpose: some commands must fail validation.
const quantity = fc.integer({ min: 0, max: 6 });
const command = (arb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Step> =>
  arb.map((c) => ({ kind: 'command', command: c as Command }));

const c = (weight: number, arb: fc.Arbitrary<Record<string, unknown>>) => ({ weight, arbitrary: command(arb) });

// Weighted towards carts and orders; destructive commands are rare so a run keeps a shop to work on.
const step: fc.Arbitrary<Step> = fc.oneof(
  c(
    1,
    fc.record({
      type: fc.constant('RegisterProduct'),
      sku,
      name: fc.constantFrom('Mug', 'Tea'),
      priceCents: fc.nat(2_000),
      stock: fc.nat(10),
    }),
  ),
  c(1, fc.record({ type: fc.constant('ChangePrice'), sku, priceCents: fc.nat(2_000) })),
  c(2, fc.record({ type: fc.constant('Restock'), sku, quantity })),
  c(1, fc.record({ type: fc.constant('DiscontinueProduct'), sku })),
  c(1, fc.record({ type: fc.constant('RegisterCustomer'), customerId, name: fc.constantFrom('Ada', 'Bob') })),
  c(1, fc.record({ type: fc.constant('RenameCustomer'), customerId, name: fc.constantFrom('Ada', 'Bob', 'Cy') })),
  c(1, fc.record({ type: fc.constant('DeleteCustomer'), customerId })),
  c(12, fc.record({ type: fc.constant('AddItemToCart'), customerId, sku, quantity })),
  c(3, fc.record({ type: fc.constant('ChangeCartItemQuantity'), customerId, sku, quantity })),
  c(2, fc.record({ type: fc.constant('RemoveItemFromCart'), customerId, sku })),
  c(1, fc.record({ type: fc.constant('ClearCart'), customerId })),
  c(6, fc.record({ type: fc.constant('CheckoutCart'), customerId })),
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('placeOrder' as const), index: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rejectCheckout' as const), index: fc.nat(5) }) },
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constantFrom('PayOrder' as const, 'ShipOrder' as const, 'CancelOrder' as const), index: fc.nat(5) }),
  },
);

/** Commands arrive in bursts, so group commit decides several against speculative state. */
const bursts = fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

function resolve(s: Step, state: ShopState): Command {
  switch (s.kind) {
    case 'command':
      return s.command;
    case 'placeOrder':
    case 'rejectCheckout': {
      // Stands in for the checkout process manager: settles one of the pending checkouts.
      const pending = [...state.carts.values()].filter((cart) => cart.pendingCheckout);
      const cart = pending[s.index % Math.max(1, pending.length)];
      const customerId = cart?.customerId ?? customers[0]!;
      const checkoutId = cart?.pendingCheckout?.checkoutId ?? 'none';
      return s.kind === 'placeOrder'
        ? { type: 'PlaceOrder', customerId, checkoutId }
        : { type: 'RejectCheckout', customerId, checkoutId, reason: 'Refused by the test.' };
    }
    default: {
      const orderId = state.orderIds.size === 0 ? 'none' : state.orderIds.get(s.index % state.orderIds.size)!;
      return { type: s.kind, orderId };
    }
  }
}

const setup: Command[] = [
  ...skus.map((s): Command => ({ type: 'RegisterProduct', sku: s, name: `Product ${s}`, priceCents: 500, stock: 20 })),
  ...customers.map((c): Command => ({ type: 'RegisterCustomer', customerId: c, name: `Customer ${c}` })),
];

/** JSON with object keys and map entries sorted, so equal states compare equal however they were built. */
function canonical(state: ShopState): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  const entries = (m: ShopState['products' | 'customers' | 'carts' | 'orders']) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(
    sortKeys({
      products: entries(state.products),
      customers: entries(state.customers),
      carts: entries(state.carts),
      orders: entries(state.orders),
      orderIds: state.orderIds.toArray(),
    }),
  );
}

function engineOn(log: EventLog, model: ReadModel<ShopState> = shopReadModel): Engine<ShopState, Command> {
  // Snapshots only when the test asks, so it knows exactly where the second start-up begins.
  return new Engine({ log, model, decider: shopDecider, snapshots: { every: 1_000_000, idleMs: 600_000 }, clock: steppingClock() });
}

describe('replay', () => {
  it('live state == full replay of the log == snapshot + tail replay, for random command bursts', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(bursts, fc.nat(), async (plan, splitSeed) => {
        const live = engineOn(freshLog());
        await live.start();
        await Promise.all(setup.map((c) => live.dispatch(c)));
        const split = splitSeed % (plan.length + 1);
        let snapshotAt = 0;

        for (const [i, burst] of plan.entries()) {
          if (i === split) {
            await live.snapshots.save(live.projection);
            snapshotAt = live.projection.position;
          }
          const results = await Promise.allSettled(burst.map((s) => live.dispatch(resolve(s, live.projection.state))));
          for (const r of results) {
            if (r.status === 'fulfilled') accepted += 1;
            else if (r.reason instanceof Error && /^(DomainError|ValidationError)$/.test(r.reason.name)) refused += 1;
            else throw r.reason;
          }
        }
        await live.stop();

        const log = await live.log.readRange(1);
        const last = log.length;
        expect(log.map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
        const versions = new Map<string, number>();
        for (const e of log) {
          expect(e.version).toBe((versions.get(e.streamId) ?? 0) + 1);
          versions.set(e.streamId, e.version);
        }

        const replayed = log.reduce(shopReadModel.evolve, initialShopState());
        expect(canonical(live.projection.state)).toBe(canonical(replayed));
        expect(live.projection.position).toBe(last);

        const model = countingModel();
        const restarted = engineOn(new EventLog(live.log.name), model);
        await restarted.start();
        await restarted.stop();
        expect(model.folded).toBe(last - snapshotAt);
        expect(canonical(restarted.projection.state)).toBe(canonical(replayed));
        for (const [streamId, version] of versions) expect(restarted.projection.versionOf(streamId)).toBe(version);

        for (const product of replayed.products.values()) expect(product.stock).toBeGreaterThanOrEqual(0);
        live.log.close();
        restarted.log.close();
      }),
      { numRuns: 25 },
    );
    // Guard against a generator that only ever produces refused (or only accepted) commands.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(20);
  });
});
