import { describe, expect, it } from 'vitest';
import { toStoredEvent } from '../../../src/es';
import {
  Command,
  commandOwners,
  decide,
  basedOn,
  entitiesToRestore,
  evolve,
  eventOwners,
  eventTypes,
  initialShopState,
  slices,
  streamsRead,
  type CommandType,
  type ShopState,
} from '../../../src/domain';

describe('the slices', () => {
  it('own every command type and every event type exactly once', () => {
    const commandTypes = slices.flatMap((slice) => Object.keys(slice.commands));
    const eventTypesOwned = slices.flatMap((slice) => Object.keys(slice.events));
    expect(new Set(commandTypes).size).toBe(commandTypes.length);
    expect(new Set(eventTypesOwned).size).toBe(eventTypesOwned.length);
    expect([...eventTypesOwned].sort()).toEqual([...eventTypes].sort());
    for (const type of commandTypes) expect(commandOwners[type]).toBeDefined();
    for (const type of eventTypesOwned) expect(eventOwners[type]).toBeDefined();
  });

  it('key each command schema by the type it parses, and each event by a fold, a sentence and a what-if rule', () => {
    for (const slice of slices) {
      for (const [type, schema] of Object.entries(slice.commands)) {
        const parsed = (schema as { safeParse(input: unknown): { success: boolean } }).safeParse({ type: `${type}-not` });
        expect(parsed.success, type).toBe(false);
        expect(Object.keys(slice.reads), slice.name).toContain(type);
      }
      for (const type of Object.keys(slice.events)) {
        expect(typeof (slice.evolve as Record<string, unknown>)[type], type).toBe('function');
        expect(typeof (slice.describe as Record<string, unknown>)[type], type).toBe('function');
        expect(typeof (slice.whyInapplicable as Record<string, unknown>)[type], type).toBe('function');
      }
    }
  });

  it('read, for every command type, every stream its events are written to', () => {
    let ids = 0;
    const context = { now: '2026-01-01T00:00:00.000Z', newId: () => `id-${++ids}` };
    const meta = { commandId: 'c', correlationId: 'c', causationId: null };
    let state: ShopState = initialShopState();
    let seq = 0;
    const exercised = new Set<CommandType>();
    const run = (input: unknown) => {
      const command = Command.parse(input);
      const reads = streamsRead(state, command);
      const events = decide(state, command, context);
      expect(events.length, command.type).toBeGreaterThan(0);
      for (const e of events) expect(reads, `${command.type} writes ${e.streamId}`).toContain(e.streamId);
      for (const e of events)
        state = evolve(state, toStoredEvent(e, ++seq, 1, { events: [], expected: new Map(), meta, at: context.now }, `e${seq}`));
      exercised.add(command.type);
      return events;
    };
    const checkout = (customerId: string) => {
      const [requested] = run({ type: 'CheckoutCart', customerId });
      return (requested!.payload as { checkoutId: string }).checkoutId;
    };

    run({ type: 'RegisterProduct', sku: 'MUG', name: 'Mug', priceCents: 1000, stock: 20 });
    run({ type: 'RegisterProduct', sku: 'TEA', name: 'Tea', priceCents: 500, stock: 20 });
    run({ type: 'ChangePrice', sku: 'MUG', priceCents: 1200 });
    run({ type: 'Restock', sku: 'MUG', quantity: 5 });
    run({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    run({ type: 'RegisterCustomer', customerId: 'bob', name: 'Bob' });
    run({ type: 'RenameCustomer', customerId: 'ada', name: 'Ada L.' });
    run({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 2 });
    run({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA', quantity: 1 });
    run({ type: 'ChangeCartItemQuantity', customerId: 'ada', sku: 'MUG', quantity: 3 });
    run({ type: 'RemoveItemFromCart', customerId: 'ada', sku: 'MUG' });
    run({ type: 'ClearCart', customerId: 'ada' });
    run({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG', quantity: 1 });
    run({ type: 'CreateDiscountCode', code: 'five', off: { kind: 'amount', amountCents: 500 }, active: true });
    run({ type: 'DeactivateDiscountCode', code: 'FIVE' });
    run({ type: 'ReactivateDiscountCode', code: 'FIVE' });
    run({ type: 'ApplyDiscountCode', customerId: 'ada', code: 'FIVE' });
    run({ type: 'RemoveDiscountCode', customerId: 'ada' });
    run({ type: 'ApplyDiscountCode', customerId: 'ada', code: 'FIVE' });
    const first = checkout('ada');
    run({ type: 'PlaceOrder', customerId: 'ada', checkoutId: first });
    run({ type: 'PayOrder', orderId: first });
    run({ type: 'ShipOrder', orderId: first });
    run({ type: 'ReturnItems', orderId: first, lines: [{ sku: 'MUG', quantity: 1 }] });
    run({ type: 'AddItemToCart', customerId: 'ada', sku: 'TEA', quantity: 2 });
    const second = checkout('ada');
    run({ type: 'PlaceOrder', customerId: 'ada', checkoutId: second });
    run({ type: 'CancelOrder', orderId: second });
    run({ type: 'AddItemToCart', customerId: 'bob', sku: 'MUG', quantity: 1 });
    const third = checkout('bob');
    run({ type: 'RejectCheckout', customerId: 'bob', checkoutId: third, reason: 'Out of stock.' });
    run({ type: 'DiscontinueProduct', sku: 'TEA' });
    run({ type: 'ReinstateProduct', sku: 'TEA' });
    run({ type: 'DiscontinueProduct', sku: 'TEA' });
    run({ type: 'DeleteCustomer', customerId: 'bob' });
    run({
      type: 'RestoreEntities',
      restoredTo: 0,
      purpose: 'restore',
      entities: basedOn(entitiesToRestore(state, initialShopState()), () => 0),
    });

    expect([...exercised].sort()).toEqual(Object.keys(commandOwners).sort());
  });
});
