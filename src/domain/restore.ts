import { DomainError } from '../es';
import type { CommandOf } from './commands';
import { pending, type ShopEvent, type ShopPendingEvent } from './events';
import type { ShopState } from './state';
import { cartStream, customerStream, customerTag, orderStream, productStream, productTag, returnStream } from './streams';

export type EntityKind = 'product' | 'customer' | 'cart' | 'order' | 'return';
export interface EntityValue {
  kind: EntityKind;
  id: string;
  /** The entity as it should be; null when it should not exist. */
  value: unknown;
}

type RestoreEvent = Extract<ShopEvent, { type: `${string}Restored` }>;

const collections = { product: 'products', customer: 'customers', cart: 'carts', order: 'orders', return: 'returns' } as const;

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The entities whose value differs between `present` and `target` (optionally only those in
 * `only`), with their value in `target`. Structural sharing makes unchanged entities cheap to skip.
 */
export function entitiesToRestore(present: ShopState, target: ShopState, only?: ReadonlyArray<{ kind: EntityKind; id: string }>): EntityValue[] {
  const result: EntityValue[] = [];
  for (const kind of Object.keys(collections) as EntityKind[]) {
    const now = present[collections[kind]] as unknown as import('immutable').Map<string, unknown>;
    const then = target[collections[kind]] as unknown as import('immutable').Map<string, unknown>;
    if (now === then) continue;
    const ids = only ? only.filter((o) => o.kind === kind).map((o) => o.id) : [...new Set([...now.keys(), ...then.keys()])];
    for (const id of ids) {
      const a = now.get(id);
      const b = then.get(id);
      if (!same(a, b)) result.push({ kind, id, value: b ?? null });
    }
  }
  return result;
}

/** The entities one stretch of history changed: what an undo must put back. */
export function entitiesChanged(before: ShopState, after: ShopState): Array<{ kind: EntityKind; id: string }> {
  return entitiesToRestore(after, before).map(({ kind, id }) => ({ kind, id }));
}

/** RestoreEntities: compensating events that set each listed entity to the given value. */
export function decideRestore(state: ShopState, command: CommandOf<'RestoreEntities'>): ShopPendingEvent[] {
  const events: ShopPendingEvent[] = [];
  const { restoredTo, purpose } = command;
  for (const { kind, id, value } of command.entities) {
    const current = state[collections[kind]].get(id) ?? null;
    if (same(current, value)) continue;
    switch (kind) {
      case 'product':
        events.push(pending(productStream(id), 'ProductRestored', { sku: id, product: value as never, restoredTo, purpose }, [productTag(id)]));
        break;
      case 'customer':
        events.push(pending(customerStream(id), 'CustomerRestored', { customerId: id, customer: value as never, restoredTo, purpose }, [customerTag(id)]));
        break;
      case 'cart':
        events.push(pending(cartStream(id), 'CartRestored', { customerId: id, cart: value as never, restoredTo, purpose }, [customerTag(id)]));
        break;
      case 'order': {
        const customerId = (value as { customerId?: string } | null)?.customerId ?? state.orders.get(id)?.customerId;
        events.push(pending(orderStream(id), 'OrderRestored', { orderId: id, order: value as never, restoredTo, purpose }, customerId ? [customerTag(customerId)] : []));
        break;
      }
      case 'return': {
        const customerId = (value as { customerId?: string } | null)?.customerId ?? state.returns.get(id)?.customerId;
        events.push(pending(returnStream(id), 'ReturnRestored', { returnId: id, return: value as never, restoredTo, purpose }, customerId ? [customerTag(customerId)] : []));
        break;
      }
    }
  }
  if (events.length === 0) {
    throw new DomainError('nothing-to-restore', 'Nothing to change: the present already matches that point.', { restoredTo });
  }
  return events;
}

export function evolveRestore(state: ShopState, event: RestoreEvent): ShopState {
  switch (event.type) {
    case 'ProductRestored': {
      const { sku, product } = event.payload;
      return { ...state, products: product ? state.products.set(sku, product) : state.products.delete(sku) };
    }
    case 'CustomerRestored': {
      const { customerId, customer } = event.payload;
      return { ...state, customers: customer ? state.customers.set(customerId, customer) : state.customers.delete(customerId) };
    }
    case 'CartRestored': {
      const { customerId, cart } = event.payload;
      return { ...state, carts: cart ? state.carts.set(customerId, cart) : state.carts.delete(customerId) };
    }
    case 'OrderRestored': {
      const { orderId, order } = event.payload;
      if (!order) {
        const index = state.orderIds.lastIndexOf(orderId);
        return { ...state, orders: state.orders.delete(orderId), orderIds: index < 0 ? state.orderIds : state.orderIds.delete(index) };
      }
      const known = state.orders.has(orderId);
      return { ...state, orders: state.orders.set(orderId, order), orderIds: known ? state.orderIds : state.orderIds.push(orderId) };
    }
    case 'ReturnRestored': {
      const { returnId } = event.payload;
      const value = event.payload.return;
      return { ...state, returns: value ? state.returns.set(returnId, value) : state.returns.delete(returnId) };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
