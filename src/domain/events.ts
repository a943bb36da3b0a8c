import * as z from 'zod/mini';
import type { PendingEvent, ReplayEvent } from '../es';
import type { EventCategory } from './slice';
import { eventOwners, slices, type ShopSlice } from './slices';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type AllEventSchemas = UnionToIntersection<ShopSlice['events']>;

/** Every event payload, by event type, composed from the slices. The schemas check imported and old events; types come from them. */
export const eventSchemas = Object.assign({}, ...slices.map((slice) => slice.events)) as {
  [K in keyof AllEventSchemas]: AllEventSchemas[K];
};

export type EventType = keyof typeof eventSchemas & string;
export type EventPayloads = { [K in EventType]: z.infer<(typeof eventSchemas)[K]> };
/** A shop event as folds see it: its replay part, typed by its type (see `ReplayEvent`). */
export type ShopEvent = { [K in EventType]: ReplayEvent<K, EventPayloads[K]> }[EventType];
export type ShopPendingEvent = { [K in EventType]: PendingEvent<K, EventPayloads[K]> }[EventType];

export const eventTypes = Object.keys(eventSchemas) as EventType[];

export function isShopEvent<E extends ReplayEvent>(event: E): event is E & ShopEvent {
  return Object.hasOwn(eventSchemas, event.type);
}

/** Why `payload` is not a valid payload of the current version of `type`, in words; null when it is. */
export function payloadProblem(type: EventType, payload: unknown): string | null {
  const result = z.safeParse(eventSchemas[type] as z.ZodMiniType, payload);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return `its ${type} payload is not valid${where}: ${issue?.message ?? 'it does not match the schema'}`;
}

export { pending } from './slice';

export type { EventCategory } from './slice';

/** The category of the slice that owns the event type; one of a newer app's types is placed by its name. */
export function categoryOf(type: string): EventCategory {
  const owner = eventOwners[type];
  if (owner) return owner.category;
  if (type.endsWith('Restored')) return 'restore';
  if (type.startsWith('Product') || type.startsWith('Stock')) return 'catalog';
  if (type.startsWith('Customer')) return 'customers';
  if (type.startsWith('Order') || type.startsWith('Return')) return 'orders';
  return 'cart';
}
