import type * as z from 'zod/mini';
import type { StringHints } from '../es';
import { CartSchema, CustomerSchema, DiscountCodeSchema, OrderSchema, ProductSchema, ReturnSchema } from './entitySchemas';
import { formatCents, formatOff } from './money';
import { itemsIn, type Names } from './sentences';
import {
  cartStream,
  customerStream,
  customerTag,
  discountCodeStream,
  discountCodeTag,
  orderStream,
  productStream,
  productTag,
  returnStream,
} from './streams';

/** Where the events that can touch one entity are found in the log. */
export interface HistorySources {
  streams: string[];
  tags: string[];
}

/** One collection of the shop, described once; every generic mechanism iterates these. */
export interface CollectionEntry<V, Kind extends string = string, Restored extends RestoredEvent = RestoredEvent> {
  /** What one entity is called in commands and restore events ('product'). */
  kind: Kind;
  /** The whole entity, as restore events carry it. */
  schema: z.ZodMiniType<V>;
  /** The key an entity is stored under, read from its value. */
  keyOf: (value: V) => string;
  /** The stream an entity's own events are appended to. */
  stream: (id: string) => string;
  /** The tags a compensating event for this entity carries (its value, or the present one). */
  tags: (id: string, value: V | undefined) => string[];
  /** Every stream and tag holding an event that can touch the entity. */
  history: (id: string) => HistorySources;
  /** How people see the collection and one of its entities. */
  label: string;
  title: (value: V) => string;
  /** Strings of an entity that equal ones other collections hold, shared when values are read back. */
  strings?: StringHints;
  /** The compensating event that sets one entity to a value (or removes it): restore, undo, redo. */
  restored: Restored;
  /**
   * What that event did, in the audit log's words (after "Undo: " or "Restored to #12: "); `was`
   * is a removed entity's title when it was removed (events since it was recorded carry it).
   */
  describeRestored: (value: V | null, id: string, names: Names, was?: string) => string;
  // How its changes read in the history views (diff, inspector: headings and sentences) is the
  // rest of its description, `changeWords` in entityChangeWords.ts: a table keyed by collection
  // that does not compile without every one of them. Only those views use it, and they load on
  // demand, so it stays out of the start-up bundle (docs/decisions/016-start-up-bundle.md).
}

/** A restore event's type, and the payload fields that carry the entity's id and its value. */
export interface RestoredEvent {
  event: string;
  id: string;
  value: string;
}

const entry = <V, Kind extends string, Event extends string, Id extends string, Value extends string>(
  e: CollectionEntry<V, Kind, { event: Event; id: Id; value: Value }>,
) => e;
/** Orders and returns keep their customer's id string and their lines' catalog strings. */
const catalogStrings: StringHints = { keys: { customerId: 'customers' }, items: { lines: { key: 'sku', in: 'products', same: ['name'] } } };
const byCustomer = (value: { customerId: string } | undefined) => (value ? [customerTag(value.customerId)] : []);

/** The shop's collections of entities, keyed by their field in the shop state (in fold order). */
export const collections = {
  products: entry({
    kind: 'product',
    schema: ProductSchema,
    keyOf: (p) => p.sku,
    stream: productStream,
    tags: (sku) => [productTag(sku)],
    // Orders and carts that reserve or hold a product write to their own streams, tagged by it.
    history: (sku) => ({ streams: [], tags: [productTag(sku)] }),
    label: 'Products',
    title: (p) => p.name,
    restored: { event: 'ProductRestored', id: 'sku', value: 'product' },
    describeRestored: (p, sku, names, was) =>
      p
        ? `${p.name} set back to ${formatCents(p.priceCents)}, ${p.stock} in stock${p.discontinued ? ', discontinued' : ''}`
        : `${was ?? names.product(sku)} removed from the catalog`,
  }),
  customers: entry({
    kind: 'customer',
    schema: CustomerSchema,
    keyOf: (c) => c.id,
    stream: customerStream,
    tags: (id) => [customerTag(id)],
    history: (id) => ({ streams: [customerStream(id)], tags: [] }),
    label: 'Customers',
    title: (c) => c.name,
    restored: { event: 'CustomerRestored', id: 'customerId', value: 'customer' },
    describeRestored: (c, id, names, was) =>
      c ? `${c.name} set back${c.deleted ? ' (deleted)' : ''}` : `${was ?? names.customer(id)} removed`,
  }),
  carts: entry({
    kind: 'cart',
    schema: CartSchema,
    keyOf: (c) => c.customerId,
    stream: cartStream,
    tags: (customerId) => [customerTag(customerId)],
    // A deleted customer's cart disappears with them.
    history: (customerId) => ({ streams: [cartStream(customerId), customerStream(customerId)], tags: [] }),
    label: 'Carts',
    title: (c) => `Cart of ${c.customerId}`,
    restored: { event: 'CartRestored', id: 'customerId', value: 'cart' },
    describeRestored: (cart, id, names) => `${names.customer(id)}'s cart set back to ${itemsIn(cart?.lines ?? [])}`,
  }),
  orders: entry({
    kind: 'order',
    schema: OrderSchema,
    keyOf: (o) => o.id,
    stream: orderStream,
    tags: (_id, order) => byCustomer(order),
    history: (id) => ({ streams: [orderStream(id)], tags: [] }),
    label: 'Orders',
    title: (o) => `Order #${o.number}`,
    strings: catalogStrings,
    restored: { event: 'OrderRestored', id: 'orderId', value: 'order' },
    describeRestored: (o, id, names, was) => (o ? `order #${o.number} set back to ${o.status}` : `${was ?? names.order(id)} removed`),
  }),
  returns: entry({
    kind: 'return',
    schema: ReturnSchema,
    keyOf: (r) => r.id,
    stream: returnStream,
    tags: (_id, r) => byCustomer(r),
    history: (id) => ({ streams: [returnStream(id)], tags: [] }),
    label: 'Returns',
    title: (r) => `Return ${r.invoiceNo}`,
    strings: catalogStrings,
    restored: { event: 'ReturnRestored', id: 'returnId', value: 'return' },
    describeRestored: (r, id, _names, was) => (r ? `return of invoice ${r.invoiceNo} set back` : `${was ?? `return ${id}`} removed`),
  }),
  discountCodes: entry({
    kind: 'discountCode',
    schema: DiscountCodeSchema,
    keyOf: (d) => d.code,
    stream: discountCodeStream,
    tags: (code) => [discountCodeTag(code)],
    // Carts that apply a code write to their own streams; the code itself changes only in its own.
    history: (code) => ({ streams: [discountCodeStream(code)], tags: [] }),
    label: 'Discount codes',
    title: (d) => d.code,
    restored: { event: 'DiscountCodeRestored', id: 'code', value: 'discountCode' },
    describeRestored: (d, code) =>
      d ? `code ${d.code} set back to ${formatOff(d.off)}, ${d.active ? 'active' : 'inactive'}` : `code ${code} removed`,
  }),
};

/** Lists of ids in an order of their own, each of one collection's keys. */
export const lists = {
  /** Order ids in placing order (newest last); an order's number is its place here. */
  orderIds: { keysOf: 'orders' },
} as const satisfies Record<string, { keysOf: keyof typeof collections }>;

export type Collections = typeof collections;
export type CollectionKey = keyof Collections;
export type EntityOf<K extends CollectionKey> = Collections[K] extends CollectionEntry<infer V, string, RestoredEvent> ? V : never;
export type EntityKind = Collections[CollectionKey]['kind'];

export const collectionKeys = Object.keys(collections) as CollectionKey[];

export const entityKinds = collectionKeys.map((key) => collections[key].kind) as [EntityKind, ...EntityKind[]];
const byKind = Object.fromEntries(collectionKeys.map((key) => [collections[key].kind, key])) as Record<EntityKind, CollectionKey>;
export const collectionOfKind = (kind: EntityKind): CollectionKey => byKind[kind];

export function isCollectionKey(key: string): key is CollectionKey {
  return Object.hasOwn(collections, key);
}

/**
 * Which streams and tags hold every event that can touch the entity `id` of `collection`; none
 * for a collection the shop does not have.
 */
export function historySources(collection: string, id: string): HistorySources {
  return isCollectionKey(collection) ? collections[collection].history(id) : { streams: [], tags: [] };
}
