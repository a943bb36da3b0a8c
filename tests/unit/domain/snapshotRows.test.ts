import { describe, expect, it } from 'vitest';
import { Map as IMap } from 'immutable';
import { initialShopState, type Customer, type ShopState } from '../../../src/domain';
import { shopSnapshotRows } from '../../../src/domain';

function withCustomers(count: number): ShopState {
  const customers = IMap<string, Customer>().withMutations((map) => {
    for (let i = 0; i < count; i += 1)
      map.set(`c${i}`, { id: `c${i}`, name: `Customer ${i}`, email: null, deleted: false, registeredAt: '2026-01-01T00:00:00.000Z' });
  });
  return { ...initialShopState(), customers };
}

function drain(rows: ReturnType<typeof shopSnapshotRows>): { pauses: number; put: string[]; remove: string[] } {
  let pauses = 0;
  for (;;) {
    const step = rows.next();
    if (step.done) return { pauses, put: step.value.put.map(([key]) => key), remove: step.value.remove };
    pauses += 1;
  }
}

describe('shop snapshot rows', () => {
  it('pause every few thousand entries while walking a big shop', () => {
    const all = drain(shopSnapshotRows(withCustomers(7_000), null));
    expect(all.put).toHaveLength(7_000);
    expect(all.pauses).toBe(3);
  });

  it('return only the changed and the removed entries against the state saved last', () => {
    const before = withCustomers(5_000);
    const after = { ...before, customers: before.customers.set('c7', { ...before.customers.get('c7')!, name: 'Renamed' }).delete('c9') };
    const delta = drain(shopSnapshotRows(after, before));
    expect(delta.put).toEqual(['customers/c7']);
    expect(delta.remove).toEqual(['customers/c9']);
    expect(drain(shopSnapshotRows(after, after)).put).toEqual([]);
  });
});
