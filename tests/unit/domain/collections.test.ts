import { List, Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { toStoredEvent, type UnchainedEvent } from '../../../src/es';
import {
  applyShopChanges,
  collectionKeys,
  collections,
  decide,
  describeEvent,
  basedOn,
  entitiesToRestore,
  evolve,
  evolveAll,
  historySources,
  initialShopState,
  lists,
  namesFrom,
  sameSizes,
  shopChanges,
  shopFromSnapshotRows,
  shopReadModel,
  shopSnapshotRows,
  shopToJson,
  whyInapplicable,
  type CollectionKey,
  type EntityOf,
  type ShopChanges,
  type ShopState,
} from '../../../src/domain';
import { canonicalShop } from '../../support/canonical';

/** One entity per registered collection: a new collection without a sample does not compile. */
const samples: { [K in CollectionKey]: EntityOf<K> } = {
  products: { sku: 'MUG', name: 'Blue mug', priceCents: 1250, stock: 3, discontinued: false },
  customers: { id: 'ada', name: 'Ada', email: null, deleted: false, registeredAt: '2026-01-01T00:00:00.000Z' },
  carts: { customerId: 'ada', lines: [{ sku: 'MUG', quantity: 1 }], pendingCheckout: null, lastCheckoutError: null },
  orders: {
    id: 'o1',
    number: 1,
    customerId: 'ada',
    lines: [{ sku: 'MUG', name: 'Blue mug', quantity: 2, unitPriceCents: 1250 }],
    totalCents: 2500,
    status: 'paid',
    placedAt: '2026-01-01T00:00:00.000Z',
    paidAt: '2026-01-01T00:01:00.000Z',
    shippedAt: null,
    cancelledAt: null,
  },
  returns: {
    id: 'r1',
    invoiceNo: 'C1',
    customerId: 'ada',
    lines: [{ sku: 'MUG', name: 'Blue mug', quantity: 1, unitPriceCents: 1250 }],
    refundedCents: 1250,
    recordedAt: '2026-01-02T00:00:00.000Z',
  },
  discountCodes: {
    code: 'SUMMER10',
    off: { kind: 'percent', percent: 10 },
    minimumOrderCents: 2000,
    validFrom: '2026-06-01',
    validUntil: '2026-08-31',
    active: true,
  },
};
const keyOf = <K extends CollectionKey>(key: K) => (collections[key].keyOf as (value: EntityOf<K>) => string)(samples[key]);

/** A shop with one entity in every collection, and every list naming its collection's entity. */
function fullShop(): ShopState {
  const state = { ...initialShopState() } as Record<string, unknown>;
  for (const key of collectionKeys) state[key] = IMap([[keyOf(key), structuredClone(samples[key])]]);
  for (const [list, { keysOf }] of Object.entries(lists)) state[list] = List([keyOf(keysOf)]);
  return state as unknown as ShopState;
}

const drain = (rows: ReturnType<typeof shopSnapshotRows>) => {
  for (;;) {
    const step = rows.next();
    if (step.done) return step.value;
  }
};

const meta = { commandId: 'c', correlationId: 'c', causationId: null };
const stored = (events: ReturnType<typeof decide>): UnchainedEvent[] =>
  events.map((e, i) => toStoredEvent(e, i + 1, 1, { events: [], expected: new Map(), meta, at: '2026-01-03T00:00:00.000Z' }, `e${i}`));

describe('every registered collection', () => {
  const full = fullShop();
  const fields = [...collectionKeys, ...Object.keys(lists)] as Array<keyof ShopState>;

  it('has a kind, a stream and a restore event of its own', () => {
    for (const pick of [(key: CollectionKey) => collections[key].kind, (key: CollectionKey) => collections[key].restored.event]) {
      expect(new Set(collectionKeys.map(pick)).size).toBe(collectionKeys.length);
    }
    expect(new Set(collectionKeys.map((key) => collections[key].stream('x'))).size).toBe(collectionKeys.length);
  });

  it('has a sample its own schema accepts, and a state field of its own', () => {
    for (const key of collectionKeys) {
      expect(collections[key].schema.safeParse(samples[key]).success, key).toBe(true);
      expect(IMap.isMap(initialShopState()[key]), key).toBe(true);
    }
    for (const list of Object.keys(lists) as Array<keyof typeof lists>) expect(List.isList(initialShopState()[list]), list).toBe(true);
  });

  it('crosses as checkpoint changes (through JSON) from an empty shop and back', () => {
    const changes = JSON.parse(JSON.stringify(shopChanges(initialShopState(), full))) as ShopChanges;
    const applied = applyShopChanges(initialShopState(), changes);
    expect(canonicalShop(applied)).toBe(canonicalShop(full));
    for (const key of collectionKeys) expect(applied[key].size, key).toBe(1);
    const emptied = applyShopChanges(full, JSON.parse(JSON.stringify(shopChanges(full, initialShopState()))) as ShopChanges);
    for (const field of fields) expect(emptied[field].size, field).toBe(0);
  });

  it('is saved as snapshot rows and read back', () => {
    const { put } = drain(shopSnapshotRows(full, null));
    for (const key of collectionKeys)
      expect(
        put.map(([row]) => row),
        key,
      ).toContain(`${key}/${keyOf(key)}`);
    for (const list of Object.keys(lists))
      expect(
        put.map(([row]) => row),
        list,
      ).toContain(`${list}#0`);
    expect(canonicalShop(shopFromSnapshotRows(structuredClone(put)))).toBe(canonicalShop(full));
  });

  it('is serialized and deserialized', () => {
    const data = JSON.parse(JSON.stringify(shopReadModel.serialize(full))) as unknown;
    for (const field of fields) expect(Object.keys(data as object), field).toContain(field);
    expect(canonicalShop(shopReadModel.deserialize(data))).toBe(canonicalShop(full));
  });

  it('counts in sameSizes', () => {
    expect(sameSizes(full, fullShop())).toBe(true);
    for (const field of fields) {
      const fewer = { ...full, [field]: initialShopState()[field] } as ShopState;
      expect(sameSizes(full, fewer), field).toBe(false);
    }
  });

  it('shows in the JSON view', () => {
    const json = shopToJson(full) as Record<string, Record<string, unknown> | unknown[]>;
    for (const key of collectionKeys) expect(json[key], key).toEqual({ [keyOf(key)]: samples[key] });
    for (const list of Object.keys(lists) as Array<keyof typeof lists>) expect(json[list], list).toEqual([keyOf(lists[list].keysOf)]);
  });

  it('names where its history is', () => {
    for (const key of collectionKeys) {
      const { streams, tags } = historySources(key, keyOf(key));
      expect(streams.length + tags.length, key).toBeGreaterThan(0);
      // Its own stream, or a tag that every event of that stream carries.
      if (tags.length === 0) expect(streams, key).toContain(collections[key].stream(keyOf(key)));
    }
  });

  it('is restored, undone and redone by compensating events of its own, each folded, worded and always applicable', () => {
    const empty = initialShopState();
    const entities = entitiesToRestore(empty, full);
    expect(new Set(entities.map((e) => e.kind))).toEqual(new Set(collectionKeys.map((key) => collections[key].kind)));
    const context = { now: '2026-01-03T00:00:00.000Z', newId: () => 'x' };
    const events = stored(
      decide(empty, { type: 'RestoreEntities', restoredTo: 5, purpose: 'restore', entities: basedOn(entities, () => 0) }, context),
    );
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(collectionKeys.map((key) => collections[key].restored.event)));
    expect(canonicalShop(events.reduce(evolve, empty))).toBe(canonicalShop(full));
    expect(canonicalShop(evolveAll(empty, events))).toBe(canonicalShop(full));
    for (const event of events) {
      expect(describeEvent(event, namesFrom(full)), event.type).toMatch(/^Restored to #5: /);
      expect(whyInapplicable(empty, event), event.type).toBeNull();
    }
    // And removed again: every list forgets the entity it named.
    const removed = stored(
      decide(
        full,
        { type: 'RestoreEntities', restoredTo: 0, purpose: 'undo', entities: basedOn(entitiesToRestore(full, empty), () => 0) },
        context,
      ),
    );
    const after = evolveAll(full, removed);
    for (const field of fields) expect(after[field].size, field).toBe(0);
  });

  it('is folded with transient editing and comes out immutable', () => {
    const events = stored(
      decide(
        initialShopState(),
        {
          type: 'RestoreEntities',
          restoredTo: 5,
          purpose: 'restore',
          entities: basedOn(entitiesToRestore(initialShopState(), full), () => 0),
        },
        { now: '', newId: () => 'x' },
      ),
    );
    const folded = evolveAll(initialShopState(), events);
    for (const field of fields) {
      const value = folded[field] as unknown as { __ownerID?: unknown; size: number };
      expect(value.size, field).toBe(1);
      expect(value.__ownerID, field).toBeUndefined();
    }
  });
});
