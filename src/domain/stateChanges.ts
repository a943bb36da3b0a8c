import type { List } from 'immutable';
import { applyMapChanges, mapChanges, type MapChanges } from './mapChanges';
import { sharedKey } from './sharedStrings';
import type { Cart, Customer, Order, PricedLine, Product, Return, ShopState } from './state';

/**
 * What changed in the shop between two states, as plain data (it crosses from a worker as JSON).
 * Applied to the earlier state it gives a state equal to the later one, sharing everything that
 * did not change.
 */
export interface ShopChanges {
  products: MapChanges<Product>;
  customers: MapChanges<Customer>;
  carts: MapChanges<Cart>;
  orders: MapChanges<Order>;
  returns: MapChanges<Return>;
  /**
   * Order ids: the first `keep` stay (all of them when -1), then `append` follows (placing
   * appends; a restore may drop one).
   */
  orderIds: { keep: number; append: string[] };
}

/** The changes from `before` to `after`; cheap when `after` was folded from `before`. */
export function shopChanges(before: ShopState, after: ShopState): ShopChanges {
  return {
    products: mapChanges(before.products, after.products),
    customers: mapChanges(before.customers, after.customers),
    carts: mapChanges(before.carts, after.carts),
    orders: mapChanges(before.orders, after.orders),
    returns: mapChanges(before.returns, after.returns),
    orderIds: listChanges(before.orderIds, after.orderIds),
  };
}

/**
 * `state` with the changes made to it. The values are taken as they are, so they must be the
 * caller's own (fresh from JSON.parse): their lines' sku and name strings are swapped in place for
 * the catalog's equal ones, and keys for the strings the values already hold, as a fold does.
 */
export function applyShopChanges(state: ShopState, changes: ShopChanges): ShopState {
  const products = applyMapChanges(state.products, changes.products, (key, p) => sharedKey('products', key, p));
  const customers = applyMapChanges(state.customers, changes.customers, (key, c) => sharedKey('customers', key, c));
  const share = (value: { customerId: string; lines: readonly PricedLine[] }) => {
    value.customerId = customers.get(value.customerId)?.id ?? value.customerId;
    for (const line of value.lines as PricedLine[]) {
      const product = products.get(line.sku);
      if (!product) continue;
      line.sku = product.sku;
      if (product.name === line.name) line.name = product.name;
    }
  };
  const orders = applyMapChanges(state.orders, changes.orders, (key, order) => (share(order), sharedKey('orders', key, order)));
  const returns = applyMapChanges(state.returns, changes.returns, (key, r) => (share(r), sharedKey('returns', key, r)));
  const { keep, append } = changes.orderIds;
  const kept = keep < 0 || keep === state.orderIds.size ? state.orderIds : state.orderIds.setSize(keep);
  return {
    products,
    customers,
    carts: applyMapChanges(state.carts, changes.carts, (key, cart) => sharedKey('carts', key, cart)),
    orders,
    returns,
    orderIds: append.length === 0 ? kept : kept.push(...append.map((id) => orders.get(id)?.id ?? id)),
  };
}

const MAP_FIELDS = ['products', 'customers', 'carts', 'orders', 'returns'] as const;

/**
 * The same changes in parts of at most `maxEntries` entries each, to apply one after another
 * (each part is whole ShopChanges; the catalog and customers come before the orders that share
 * their strings, and the order list last, after the orders it names).
 */
export function splitShopChanges(changes: ShopChanges, maxEntries: number): ShopChanges[] {
  const parts: ShopChanges[] = [];
  let part = noChanges();
  let size = 0;
  const flush = () => {
    if (size > 0) parts.push(part);
    part = noChanges();
    size = 0;
  };
  for (const field of MAP_FIELDS) {
    const c = changes[field] as MapChanges<unknown>;
    if ('entries' in c) {
      if (size + c.entries.length > maxEntries) flush();
      (part as Record<typeof field, MapChanges<unknown>>)[field] = c;
      size += Math.max(1, c.entries.length);
      continue;
    }
    const items: Array<['set', [string, unknown]] | ['removed', string]> = [
      ...c.removed.map((key) => ['removed', key] as ['removed', string]),
      ...c.set.map((entry) => ['set', entry] as ['set', [string, unknown]]),
    ];
    for (let at = 0; at < items.length;) {
      if (size >= maxEntries) flush();
      const take = items.slice(at, at + maxEntries - size);
      const target = { set: [] as Array<[string, unknown]>, removed: [] as string[] };
      for (const [kind, item] of take) {
        if (kind === 'set') target.set.push(item);
        else target.removed.push(item);
      }
      (part as Record<typeof field, MapChanges<unknown>>)[field] = target;
      size += take.length;
      at += take.length;
    }
  }
  part.orderIds = changes.orderIds;
  parts.push(part);
  return parts;
}

/** Changes that change nothing (keep -1: the order list keeps every id; the last part sets its own). */
function noChanges(): ShopChanges {
  const none = () => ({ set: [], removed: [] });
  return { products: none(), customers: none(), carts: none(), orders: none(), returns: none(), orderIds: { keep: -1, append: [] } };
}

/** How many leading ids two lists share, and what follows in `after`. */
function listChanges(before: List<string>, after: List<string>): { keep: number; append: string[] } {
  if (before === after) return { keep: before.size, append: [] };
  const olds = before.values();
  const news = after.values();
  let keep = 0;
  for (;;) {
    const old = olds.next();
    if (old.done) break;
    const next = news.next();
    if (next.done || next.value !== old.value) break;
    keep += 1;
  }
  return { keep, append: after.slice(keep).toArray() };
}
