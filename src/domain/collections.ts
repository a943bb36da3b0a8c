import type * as z from 'zod/mini';
import { CartSchema, CustomerSchema, OrderSchema, ProductSchema, ReturnSchema } from './entitySchemas';
import { cartStream, customerStream, customerTag, orderStream, productStream, productTag, returnStream } from './streams';

/** Where the events that can touch one entity are found in the log. */
export interface HistorySources {
  streams: string[];
  tags: string[];
}

/** One collection of the shop, described once; every generic mechanism iterates these. */
export interface CollectionEntry<V, Kind extends string = string> {
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
}

const entry = <V, Kind extends string>(e: CollectionEntry<V, Kind>) => e;
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
  }),
};

export type Collections = typeof collections;
export type CollectionKey = keyof Collections;
export type EntityOf<K extends CollectionKey> = Collections[K] extends CollectionEntry<infer V> ? V : never;
export type EntityKind = Collections[CollectionKey]['kind'];

export const collectionKeys = Object.keys(collections) as CollectionKey[];

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
