import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { evolve, initialShopState, sampleShopCommands, type Command, type ShopState } from '../../../src/domain';
import { TimeMachine, type ShopRuntime } from '../../../src/state';
import { closeShops, openShop } from '../../support/openShop';
import { waitUntil } from '../../support/waitUntil';
import { canonicalShop } from '../../support/canonical';

const shop = (interval = 5) => openShop({ interval });

afterEach(closeShops);

const json = canonicalShop;

async function replayFirst(runtime: ShopRuntime, k: number): Promise<ShopState> {
  return (await runtime.log.readRange(1, k)).reduce(evolve, initialShopState());
}

async function settle(runtime: ShopRuntime): Promise<void> {
  // Process managers dispatch follow-ups asynchronously: wait until no checkout is pending.
  await waitUntil(async () => {
    await runtime.engine.commands.idle();
    return [...runtime.store.getState().shop.carts.values()].every((c) => !c.pendingCheckout);
  });
}

async function send(machine: TimeMachine, runtime: ShopRuntime, commands: Command[]): Promise<void> {
  for (const command of commands) await machine.send(command).catch(() => undefined);
  await settle(runtime);
}

const customers = ['ada', 'grace', 'alan'];
const skus = ['MUG-BLUE', 'TEA-EARL', 'POT-WHITE', 'SPOON-SET', 'COSY-KNIT'];
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constant('AddItemToCart' as const),
    customerId: fc.constantFrom(...customers),
    sku: fc.constantFrom(...skus),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ type: fc.constant('RemoveItemFromCart' as const), customerId: fc.constantFrom(...customers), sku: fc.constantFrom(...skus) }),
  fc.record({ type: fc.constant('CheckoutCart' as const), customerId: fc.constantFrom(...customers) }),
  fc.record({ type: fc.constant('Restock' as const), sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ type: fc.constant('DeleteCustomer' as const), customerId: fc.constantFrom(...customers) }),
);

describe('state at k', () => {
  it('equals the replay of the first k events, with and without checkpoints, for random k', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArb, { minLength: 5, maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        async (commands, ks) => {
          const { runtime, machine } = await shop(4);
          await send(machine, runtime, [...sampleShopCommands(), ...commands]);
          const last = runtime.store.getState().position;
          const plain = new TimeMachine(runtime, { interval: 1_000_000, branchDbName: `${runtime.log.name}-plain` });
          for (const fraction of ks) {
            const k = Math.round(fraction * last);
            const expected = json(await replayFirst(runtime, k));
            expect(json(await machine.checkpoints.stateAt(k))).toBe(expected);
            expect(json(await plain.checkpoints.stateAt(k))).toBe(expected);
          }
          expect(json(await machine.checkpoints.stateAt(last))).toBe(json(runtime.store.getState().shop));
          plain.dispose();
        },
      ),
      { numRuns: 12 },
    );
  });

  it('is the same when read from the stored blocks of the log, and shows the event at the cursor', async () => {
    const { runtime, machine } = await shop(4);
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [
      { type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 },
      { type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 },
      { type: 'CheckoutCart', customerId: 'ada' },
    ]);
    const last = runtime.store.getState().position;
    await machine.checkpoints.ensureBuilt(last);
    await waitUntil(async () => (await runtime.log.db.replayParts.count()) === Math.floor(last / 4));
    for (let k = 0; k <= last; k += 1) {
      expect(json(await machine.checkpoints.stateAt(k))).toBe(json(await replayFirst(runtime, k)));
      await machine.moveTo(k);
      // The whole event, ids and causation included, although the blocks hold only replay parts.
      expect(machine.store.getState().viewedEvent ?? null).toEqual(k === 0 ? null : (await runtime.log.readRange(k, k))[0]);
    }
  });

  it('shows the past through moveTo and keeps the cursor when new events arrive', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [{ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 }]);
    const move = machine.moveTo(8);
    // The slider follows at once; the shown state (and its position) once it is computed.
    expect(machine.store.getState()).toMatchObject({ cursor: 8, viewedAt: null });
    await move;
    expect(machine.store.getState()).toMatchObject({ cursor: 8, viewedAt: 8, computing: false });
    expect(machine.store.getState().viewed?.carts.get('ada')).toBeUndefined();
    await expect(machine.send({ type: 'ClearCart', customerId: 'ada' })).rejects.toMatchObject({ code: 'viewing-past' });
    await runtime.dispatch({ type: 'Restock', sku: 'MUG-BLUE', quantity: 1 });
    expect(machine.store.getState().cursor).toBe(8);
    machine.returnToPresent();
    expect(machine.store.getState().viewed).toBeNull();
  });
});

describe('the present and the checkpoints', () => {
  it('share structure once the checkpoints reach the present, and the present stays the replay', async () => {
    const { runtime, machine } = await shop(2);
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [
      { type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 },
      { type: 'CheckoutCart', customerId: 'ada' },
    ]);
    const present = () => runtime.store.getState().position;
    expect(present()).toBeGreaterThanOrEqual(8);
    // Folded apart (the projection from the start, the checkpoints from the log), until shared.
    await waitUntil(async () => runtime.store.getState().shop.products === (await machine.checkpoints.stateAt(present())).products);
    expect(runtime.engine.projection.state).toBe(runtime.store.getState().shop);
    expect(json(runtime.store.getState().shop)).toBe(json(await replayFirst(runtime, present())));
    await send(machine, runtime, [{ type: 'Restock', sku: 'MUG-BLUE', quantity: 3 }]);
    expect(json(runtime.store.getState().shop)).toBe(json(await replayFirst(runtime, present())));
  });
});

describe('what-if skips', () => {
  it('flags a checkout whose cart line was skipped and leaves the log alone', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [{ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 }]); // #9
    await send(machine, runtime, [{ type: 'CheckoutCart', customerId: 'ada' }]); // #10 … #13
    const before = await runtime.log.count();
    await machine.toggleSkip(9);
    await waitUntil(() => machine.store.getState().viewed !== null && !machine.store.getState().computing);
    const { viewed, flagged } = machine.store.getState();
    expect([...flagged.keys()].sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
    expect(flagged.get(10)).toMatch(/no longer holds/);
    expect(viewed!.orders.size).toBe(0);
    expect(viewed!.products.get('MUG-BLUE')!.stock).toBe(20);
    expect(await runtime.log.count()).toBe(before);
    await machine.clearSkips();
    expect(machine.store.getState().viewed).toBeNull();
  });

  it('shows a toggle at once and keeps both of two quick toggles', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [{ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 }]); // #9
    await send(machine, runtime, [{ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 3 }]); // #10
    const first = machine.toggleSkip(9);
    expect([...machine.store.getState().skips]).toEqual([9]);
    const second = machine.toggleSkip(10);
    expect([...machine.store.getState().skips].sort((a, b) => a - b)).toEqual([9, 10]);
    await Promise.all([first, second]);
    await waitUntil(() => machine.store.getState().viewed !== null && !machine.store.getState().computing);
    expect(machine.store.getState().viewed!.carts.get('ada')?.lines ?? []).toEqual([]);
  });
});

describe('branches', () => {
  it('run commands in a sandbox that survives a restart and never reaches the log', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await machine.startBranch('Big order');
    await machine.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'POT-WHITE', quantity: 2 });
    await machine.send({ type: 'CheckoutCart', customerId: 'ada' });
    const branch = machine.store.getState().branch!;
    expect(branch.state.orders.size).toBe(1);
    expect(branch.state.products.get('POT-WHITE')!.stock).toBe(3);
    expect(await runtime.log.count()).toBe(8);

    const again = new TimeMachine(runtime, {
      interval: 5,
      memory: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
    });
    await again.init();
    await again.enterBranch(branch.record.id);
    expect(again.store.getState().branch!.state.orders.size).toBe(1);
    again.dispose();

    await machine.applyBranch((e) => String(e));
    await settle(runtime);
    expect(runtime.store.getState().shop.orders.size).toBe(1);
    expect(machine.store.getState().notice?.text).toMatch(/2 of 2 commands accepted/);
    expect(machine.store.getState().branches).toHaveLength(0);
  });

  it('reports each command the present refuses when a branch is applied', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await machine.startBranch();
    await machine.send({ type: 'AddItemToCart', customerId: 'grace', sku: 'COSY-KNIT', quantity: 3 });
    machine.leaveBranch();
    await send(machine, runtime, [{ type: 'DeleteCustomer', customerId: 'grace' }]);
    await machine.enterBranch(machine.store.getState().branches[0]!.id);
    await machine.applyBranch((e) => (e as Error).message);
    const notice = machine.store.getState().notice!;
    expect(notice.kind).toBe('error');
    expect(notice.details).toEqual(['AddItemToCart: Grace Hopper was deleted and can no longer shop.']);
  });
});

describe('restore', () => {
  it('makes the present equal a point before a deletion and a shipment, by appending events', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [
      { type: 'AddItemToCart', customerId: 'grace', sku: 'MUG-BLUE', quantity: 2 },
      { type: 'CheckoutCart', customerId: 'grace' },
    ]);
    const orderId = runtime.store.getState().shop.orderIds.get(0)!;
    await send(machine, runtime, [{ type: 'PayOrder', orderId }]);
    const point = runtime.store.getState().position;
    const past = json(runtime.store.getState().shop);
    await send(machine, runtime, [
      { type: 'ShipOrder', orderId },
      { type: 'DeleteCustomer', customerId: 'grace' },
      { type: 'AddItemToCart', customerId: 'ada', sku: 'TEA-EARL', quantity: 1 },
      { type: 'CheckoutCart', customerId: 'ada' },
    ]);
    const countBefore = await runtime.log.count();
    await machine.restoreTo(point);
    expect(json(runtime.store.getState().shop)).toBe(past);
    const appended = await runtime.log.readRange(countBefore + 1);
    expect(appended.length).toBeGreaterThan(0);
    expect(new Set(appended.map((e) => e.meta.commandId)).size).toBe(1);
    expect(appended.every((e) => e.type.endsWith('Restored'))).toBe(true);
    expect((await runtime.log.readRange(1, countBefore)).length).toBe(countBefore);
  });
});

describe('undo and redo', () => {
  it('compensate the last command of this tab, including what it caused', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [{ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 }]);
    const withCart = json(runtime.store.getState().shop);
    await send(machine, runtime, [{ type: 'CheckoutCart', customerId: 'ada' }]);
    expect(runtime.store.getState().shop.orders.size).toBe(1);
    const withOrder = json(runtime.store.getState().shop);

    await machine.undo();
    expect(json(runtime.store.getState().shop)).toBe(withCart);
    await machine.redo();
    expect(json(runtime.store.getState().shop)).toBe(withOrder);
    await machine.undo();
    await machine.undo();
    expect(runtime.store.getState().shop.carts.get('ada')?.lines ?? []).toEqual([]);
  });

  it('refuses to undo what has been changed again since', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    await send(machine, runtime, [{ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 }]);
    await runtime.dispatch({ type: 'ChangeCartItemQuantity', customerId: 'ada', sku: 'MUG-BLUE', quantity: 3 });
    await expect(machine.undo()).rejects.toMatchObject({ code: 'changed-since' });
  });
});

describe('restore across an import', () => {
  it('removes imported orders and returns so the present equals the point before the import', async () => {
    const { runtime, machine } = await shop();
    await send(machine, runtime, sampleShopCommands());
    const point = runtime.store.getState().position;
    const past = json(runtime.store.getState().shop);
    const importId = 'import-1';
    const line = { sku: 'MUG-BLUE', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 };
    await runtime.log.appendCommits([
      {
        events: [
          {
            streamId: 'order-inv-1',
            type: 'OrderImported',
            payload: { orderId: 'inv-1', invoiceNo: '1', customerId: 'ada', lines: [line], totalCents: 2500 },
          },
          {
            streamId: 'return-inv-C2',
            type: 'ReturnRecorded',
            payload: { returnId: 'inv-C2', invoiceNo: 'C2', customerId: 'ada', lines: [line], refundedCents: 2500 },
          },
        ],
        expected: new Map(),
        meta: { commandId: importId, correlationId: importId, causationId: importId },
        at: '2026-01-02T00:00:00.000Z',
      },
    ]);
    await runtime.engine.catchUp();
    expect(runtime.store.getState().shop.returns.size).toBe(1);
    await machine.restoreTo(point);
    expect(json(runtime.store.getState().shop)).toBe(past);
  });
});
