import { Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { evolve, initialShopState, shopReadModel } from '../../../src/domain';
import { fold, stored } from '../../support/spec';
import { adaOrderedTwoMugs, customerRegistered, orderPaid } from '../../support/shopEvents';

describe('the shop read model', () => {
  it('skips events of types it does not know (written by a newer version)', () => {
    const state = fold(adaOrderedTwoMugs());
    const [unknown] = stored([customerRegistered('x', 'X')], 100);
    expect(evolve(state, { ...unknown!, type: 'GiftWrapped', payload: { orderId: 'o1' } })).toBe(state);
  });

  it('never changes the state it is given, so old states can be kept as checkpoints', () => {
    const before = fold(adaOrderedTwoMugs());
    const copy = JSON.stringify(shopReadModel.serialize(before));
    const [paid] = stored([orderPaid('o1', 2500)], 100);
    const after = evolve(before, paid!);
    expect(JSON.stringify(shopReadModel.serialize(before))).toBe(copy);
    expect(before.orders.get('o1')?.status).toBe('placed');
    expect(after.orders.get('o1')?.status).toBe('paid');
    // Structural sharing: untouched collections are the same objects.
    expect(after.products).toBe(before.products);
    expect(after.customers).toBe(before.customers);
  });

  it('survives serialize → JSON → deserialize unchanged', () => {
    const state = fold(adaOrderedTwoMugs());
    const back = shopReadModel.deserialize(JSON.parse(JSON.stringify(shopReadModel.serialize(state))));
    // Entries are plain objects, which Immutable's is() compares by reference: compare contents.
    expect(back.products.toJS()).toEqual(state.products.toJS());
    expect(back.customers.toJS()).toEqual(state.customers.toJS());
    expect(back.carts.toJS()).toEqual(state.carts.toJS());
    expect(back.orders.toJS()).toEqual(state.orders.toJS());
    expect(back.orderIds.toArray()).toEqual(state.orderIds.toArray());
    expect(IMap.isMap(back.products)).toBe(true);
  });

  it('starts empty', () => {
    const state = initialShopState();
    expect([
      state.products.size,
      state.customers.size,
      state.carts.size,
      state.orders.size,
      state.orderIds.size,
      state.returns.size,
    ]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
