import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, EventLog, type Commit, type PendingEvent, type ReplayEvent, type StoredEvent } from '../../../src/es';
import {
  decide,
  evolve,
  evolveAll,
  initialShopState,
  planRestore,
  sampleShopCommands,
  type Command,
  entitiesToRestore,
  type ShopState,
} from '../../../src/domain';
import { endOfCommand } from '../../../src/state/timeMachine/commandEnd';
import { canonicalShop } from '../../support/canonical';

/**
 * Restore to every position of generated histories, through the rules the time machine uses
 * (the end of the command a position is in, the restore plan with every process finished, the
 * RestoreEntities decision and its events). Each run: 450–600 generated steps, of which the
 * shop refuses many, leaving about 250 events (checkouts whose order is placed some steps later
 * or never, payments, shipments, cancellations, imported orders and returns, discount codes,
 * restocks, price changes, discontinuations); then a restore from its present to each of its
 * positions, 0 to the last. 12 runs: about 3,000 events and as many restores, a third of them to
 * a point with a checkout half-way (about 13 s on one core; 40 runs, 9,881 restores, took 51 s).
 */
const RUNS = 12;

const customers = ['ada', 'grace', 'alan', 'edsger'];
const skus = ['MUG-BLUE', 'TEA-EARL', 'POT-WHITE', 'SPOON-SET', 'COSY-KNIT'];
const codes = ['TEN', 'FIVER'];

type Step =
  | { kind: 'command'; command: Command }
  | { kind: 'order'; pick: number; action: 'PayOrder' | 'ShipOrder' | 'CancelOrder' | 'return' }
  | { kind: 'import'; customerId: string; sku: string; quantity: number }
  | { kind: 'process' };

const customer = fc.constantFrom(...customers);
const sku = fc.constantFrom(...skus);
const quantity = fc.integer({ min: 1, max: 4 });
const command = (arb: fc.Arbitrary<Command>): fc.Arbitrary<Step> => arb.map((c) => ({ kind: 'command', command: c }));
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: command(fc.record({ type: fc.constant('AddItemToCart' as const), customerId: customer, sku, quantity })) },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('RemoveItemFromCart' as const), customerId: customer, sku })) },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('ClearCart' as const), customerId: customer })) },
  { weight: 6, arbitrary: command(fc.record({ type: fc.constant('CheckoutCart' as const), customerId: customer })) },
  { weight: 2, arbitrary: command(fc.record({ type: fc.constant('Restock' as const), sku, quantity })) },
  {
    weight: 1,
    arbitrary: command(fc.record({ type: fc.constant('ChangePrice' as const), sku, priceCents: fc.integer({ min: 100, max: 4000 }) })),
  },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('DiscontinueProduct' as const), sku })) },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('ReinstateProduct' as const), sku })) },
  {
    weight: 2,
    arbitrary: command(
      fc.record({ type: fc.constant('ApplyDiscountCode' as const), customerId: customer, code: fc.constantFrom(...codes) }),
    ),
  },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('RemoveDiscountCode' as const), customerId: customer })) },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('DeactivateDiscountCode' as const), code: fc.constantFrom(...codes) })) },
  { weight: 1, arbitrary: command(fc.record({ type: fc.constant('ReactivateDiscountCode' as const), code: fc.constantFrom(...codes) })) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      pick: fc.nat(),
      action: fc.constantFrom('PayOrder' as const, 'ShipOrder' as const, 'CancelOrder' as const, 'return' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), customerId: customer, sku, quantity }) },
  { weight: 7, arbitrary: fc.constant({ kind: 'process' as const }) },
);

const setUp: Command[] = [
  ...sampleShopCommands(),
  { type: 'RegisterCustomer', customerId: 'edsger', name: 'Edsger Dijkstra' },
  { type: 'CreateDiscountCode', code: 'TEN', off: { kind: 'percent', percent: 10 }, active: true },
  { type: 'CreateDiscountCode', code: 'FIVER', off: { kind: 'amount', amountCents: 500 }, minimumOrderCents: 2000, active: true },
];

/** A history made as the app makes it: commands decided on the state so far, a checkout's PlaceOrder run later by the "process manager". */
function makeHistory(steps: readonly Step[]): Commit[] {
  let state = initialShopState();
  let clock = Date.UTC(2026, 2, 1);
  let ids = 0;
  const commits: Commit[] = [];
  const waiting: Array<{ customerId: string; checkoutId: string; correlationId: string }> = [];
  const write = (events: PendingEvent[], correlationId?: string) => {
    const at = new Date((clock += 60_000)).toISOString();
    const commandId = `cmd-${(ids += 1)}`;
    commits.push({ events, expected: new Map(), at, meta: { commandId, correlationId: correlationId ?? commandId, causationId: null } });
    state = events.reduce(
      (s, e, i) =>
        evolve(s, { seq: i, version: 0, at, schemaVersion: e.schemaVersion ?? 1, type: e.type, streamId: e.streamId, payload: e.payload }),
      state,
    );
    return commandId;
  };
  const run = (c: Command, correlationId?: string) => {
    const events = decide(state, c, { now: new Date(clock).toISOString(), newId: () => `id-${(ids += 1)}` });
    if (events.length === 0) return;
    const commandId = write(events, correlationId);
    for (const e of events) {
      if (e.type !== 'CheckoutRequested') continue;
      const { customerId, checkoutId } = e.payload as { customerId: string; checkoutId: string };
      waiting.push({ customerId, checkoutId, correlationId: commandId });
    }
  };
  const attempt = (c: Command, correlationId?: string) => {
    try {
      run(c, correlationId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (c.type === 'PlaceOrder')
        run({ type: 'RejectCheckout', customerId: c.customerId, checkoutId: c.checkoutId, reason: error.message }, correlationId);
    }
  };
  for (const c of setUp) attempt(c);
  for (const s of steps) {
    if (s.kind === 'command') attempt(s.command);
    else if (s.kind === 'process') {
      const next = waiting.shift();
      if (next) attempt({ type: 'PlaceOrder', customerId: next.customerId, checkoutId: next.checkoutId }, next.correlationId);
    } else if (s.kind === 'import') {
      const product = state.products.get(s.sku)!;
      const lines = [{ sku: s.sku, name: product.name, quantity: s.quantity, unitPriceCents: product.priceCents }];
      const orderId = `imported-${(ids += 1)}`;
      const payload = { orderId, invoiceNo: orderId, customerId: s.customerId, lines, totalCents: s.quantity * product.priceCents };
      write([{ streamId: `order-${orderId}`, type: 'OrderImported', payload }]);
    } else {
      const orders = [...state.orders.values()];
      if (orders.length === 0) continue;
      const order = orders[s.pick % orders.length]!;
      if (s.action !== 'return') attempt({ type: s.action, orderId: order.id });
      else if (order.status === 'shipped' && !state.returns.has(`return-${order.id}`)) {
        const payload = {
          returnId: `return-${order.id}`,
          invoiceNo: `C${order.number}`,
          customerId: order.customerId,
          lines: order.lines,
          refundedCents: order.totalCents,
        };
        write([{ streamId: `return-return-${order.id}`, type: 'ReturnRecorded', payload }]);
      }
    }
  }
  return commits;
}

/** What the stock must be: as registered, plus restocks, less what orders still standing took, plus what returns gave back. */
function expectedStock(history: readonly StoredEvent[], shop: ShopState, sku: string): number {
  let stock = 0;
  for (const e of history) {
    const p = e.payload as { sku?: string; stock?: number; quantity?: number };
    if (e.type === 'ProductRegistered' && p.sku === sku) stock += p.stock!;
    if (e.type === 'ProductRestocked' && p.sku === sku) stock += p.quantity!;
  }
  const taken = (lines: ReadonlyArray<{ sku: string; quantity: number }>) =>
    lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0);
  for (const order of shop.orders.values()) if (order.status !== 'cancelled') stock -= taken(order.lines);
  for (const r of shop.returns.values()) stock += taken(r.lines);
  return stock;
}

/** Every live customer's cart takes changes: no checkout holds it, and clearing or adding is decided on its merits. */
function expectUsableCarts(shop: ShopState): void {
  const now = '2027-01-01T00:00:00.000Z';
  const context = { now, newId: () => 'probe' };
  for (const cart of shop.carts.values()) expect(cart.pendingCheckout).toBeNull();
  const onShelf = [...shop.products.values()].find((p) => !p.discontinued && p.stock > 50);
  for (const c of shop.customers.values()) {
    if (c.deleted) continue;
    const probes: Command[] = [{ type: 'ClearCart', customerId: c.id }];
    if (onShelf) probes.push({ type: 'AddItemToCart', customerId: c.id, sku: onShelf.sku, quantity: 1 });
    for (const probe of probes) {
      try {
        decide(shop, probe, context);
      } catch (error) {
        expect((error as DomainError).code).not.toBe('checkout-in-progress');
      }
    }
  }
}

const asReplay = (events: readonly PendingEvent[], from: number, at: string): ReplayEvent[] =>
  events.map((e, i) => ({
    seq: from + i + 1,
    version: 0,
    at,
    schemaVersion: e.schemaVersion ?? 1,
    type: e.type,
    streamId: e.streamId,
    payload: e.payload,
  }));

const logs: EventLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});

describe('restore to every position of a generated history', () => {
  it('leaves every cart usable, the stock accounted for, and the state equal to a fresh replay', async () => {
    let positions = 0;
    let halfWay = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 450, maxLength: 600 }), async (steps) => {
        const log = new EventLog(`restore-everywhere-${crypto.randomUUID()}`);
        logs.push(log);
        const history = await log.appendCommits(makeHistory(steps));
        // The log as written, read from memory: thousands of look-ups in the fake IndexedDB would take minutes.
        const stored = { readRange: async (from: number, to = Infinity) => history.slice(from - 1, Math.min(to, history.length)) };
        // The state after each position, sharing structure as the checkpoints do.
        const states = [initialShopState()];
        for (const e of history) states.push(evolve(states.at(-1)!, e));
        const present = states.at(-1)!;
        const versions = new Map<string, number>();
        for (const e of history) versions.set(e.streamId, e.version);
        const context = { now: '2026-12-01T00:00:00.000Z', newId: () => 'unused', versionOf: (s: string) => versions.get(s) ?? 0 };

        for (let position = 0; position <= history.length; position += 1) {
          const point = await endOfCommand(stored, position);
          const target = states[point]!;
          const plan = planRestore(present, target, context);
          const pending = [...target.carts.values()].filter((c) => c.pendingCheckout).length;
          expect(plan.outcomes.length).toBe(pending);
          halfWay += pending;
          positions += 1;
          // The point itself, but for what finishing its processes changed.
          const finished = new Set(plan.whole.touched.map((e) => `${e.kind}/${e.id}`));
          expect(entitiesToRestore(target, plan.whole.state).filter((e) => !finished.has(`${e.kind}/${e.id}`))).toEqual([]);
          const whole = plan.whole.state;
          if (plan.entities.length === 0) {
            expect(canonicalShop(present)).toBe(canonicalShop(whole));
            continue;
          }
          const command: Command = { type: 'RestoreEntities', restoredTo: point, purpose: 'restore', entities: plan.entities };
          const events = decide(present, command, context);
          const restored = asReplay(events, history.length, context.now);
          const after = restored.reduce(evolve, present);

          expectUsableCarts(after);
          for (const sku of after.products.keys())
            expect(after.products.get(sku)!.stock).toBe(expectedStock(history.slice(0, point), after, sku));
          expect(JSON.parse(canonicalShop(evolveAll(initialShopState(), [...history, ...restored])))).toEqual(
            JSON.parse(canonicalShop(after)),
          );
          expect(JSON.parse(canonicalShop(after))).toEqual(JSON.parse(canonicalShop(whole)));
        }
      }),
      { numRuns: RUNS },
    );
    // The histories did hold checkouts caught half-way, and every position was restored to.
    expect(halfWay).toBeGreaterThan(RUNS);
    expect(positions).toBeGreaterThan(RUNS * 200);
  }, 120_000);
});
