import type { List, Map as IMap } from 'immutable';
import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import {
  collectionKeys,
  collectionOfKind,
  collections,
  lists,
  type CollectionEntry,
  type CollectionKey,
  type Collections,
  type EntityKind,
  type EntityOf,
} from './collections';
import type { ShopPendingEvent } from './events';
import { input, recorded, restorePurpose } from './fields';
import { restoredWhy, type Names } from './sentences';
import type { CommandIn, Slice } from './slice';
import type { ShopState } from './state';

export type { EntityKind } from './collections';
export interface EntityValue {
  kind: EntityKind;
  id: string;
  /** The entity as it should be; null when it should not exist. */
  value: unknown;
}

/** An entity to set back, with the version of its stream the value was worked out against. */
export interface RestoreEntity extends EntityValue {
  basedOn: number;
}

/**
 * One entity of a restore, its value checked by its collection's schema: a restore writes whole
 * entities, so a malformed one would corrupt the state of every tab that folds it.
 */
const restoreEntity = z.discriminatedUnion(
  'kind',
  collectionKeys.map((key) => {
    const { kind, schema } = collections[key];
    return z.object({ kind: z.literal(kind), id: input.id, basedOn: input.position, value: z.nullable(schema) });
  }) as unknown as [z.ZodMiniObject<{ kind: z.ZodMiniLiteral<string> }>],
) as unknown as z.ZodMiniType<RestoreEntity>;

const commands = {
  // Sent by the time machine (restore a point, undo, redo): set entities back to given values.
  RestoreEntities: z.object({
    type: z.literal('RestoreEntities'),
    restoredTo: input.position,
    purpose: restorePurpose,
    entities: z.array(restoreEntity),
  }),
};

export type RestoreFacts = { restoredTo: number; purpose: 'restore' | 'undo' | 'redo' };
type RestoredOf<K extends CollectionKey> = Collections[K]['restored'];
/** A compensating event's payload: the entity's id, its value (null: it should not exist), and why. */
export type RestoredPayload<K extends CollectionKey> = { [P in RestoredOf<K>['id']]: string } & {
  [P in RestoredOf<K>['value']]: EntityOf<K> | null;
} & RestoreFacts & {
    /** What a removed entity was called then: once it is gone, no state names it (an order's number). */
    was?: string;
  };
type RestoredSchemas = { [K in CollectionKey as RestoredOf<K>['event']]: z.ZodMiniType<RestoredPayload<K>> };

/** One compensating event per registered collection, each setting one entity to a value, or removing it. */
const events = Object.fromEntries(
  collectionKeys.map((key) => {
    const { restored, schema } = collections[key];
    const shape = {
      [restored.id]: z.string(),
      [restored.value]: z.nullable(schema),
      restoredTo: recorded.atLeast(0),
      purpose: restorePurpose,
      was: z.optional(z.string()),
    };
    return [restored.event, z.object(shape)];
  }),
) as unknown as RestoredSchemas;

type Loose = Record<string, unknown>;
type AnyMap = IMap<string, unknown>;
const mapOf = (state: ShopState, key: CollectionKey) => state[key] as AnyMap;
/** A registry entry seen by code that handles every collection alike. */
const entryOf = (key: CollectionKey) => collections[key] as unknown as CollectionEntry<unknown>;
/** The registered lists that hold a collection's keys. */
const listsOf = (key: CollectionKey) => (Object.keys(lists) as Array<keyof typeof lists>).filter((list) => lists[list].keysOf === key);
const collectionOfEvent = Object.fromEntries(collectionKeys.map((key) => [collections[key].restored.event, key])) as Record<
  string,
  CollectionKey
>;

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The entities whose value differs between `present` and `target` (optionally only those in
 * `only`), with their value in `target`. Structural sharing makes unchanged entities cheap to skip.
 */
export function entitiesToRestore(
  present: ShopState,
  target: ShopState,
  only?: ReadonlyArray<{ kind: EntityKind; id: string }>,
): EntityValue[] {
  const result: EntityValue[] = [];
  for (const key of collectionKeys) {
    const kind = collections[key].kind;
    const now = mapOf(present, key);
    const then = mapOf(target, key);
    if (now === then) continue;
    const ids = only ? only.filter((o) => o.kind === kind).map((o) => o.id) : [...new Set([...now.keys(), ...then.keys()])];
    const changed: EntityValue[] = [];
    for (const id of ids) {
      const a = now.get(id);
      const b = then.get(id);
      if (!same(a, b)) changed.push({ kind, id, value: b ?? null });
    }
    result.push(...inListOrder(target, key, changed));
  }
  return result;
}

/**
 * Removals first, then the rest in the order `target` lists them: a restored entity new to a
 * list joins it at its end, so the lists come out in the target's order.
 */
function inListOrder(target: ShopState, key: CollectionKey, changed: EntityValue[]): EntityValue[] {
  const [list] = listsOf(key);
  if (!list || changed.length < 2) return changed;
  const place = new Map((target[list] as List<string>).map((id, i) => [id, i] as const));
  const rank = (e: EntityValue) => (e.value === null ? -1 : (place.get(e.id) ?? place.size));
  return changed.sort((a, b) => rank(a) - rank(b));
}

/** The entities with the versions of their streams now: what a RestoreEntities command carries. */
export function basedOn(entities: readonly EntityValue[], versionOf: (streamId: string) => number): RestoreEntity[] {
  return entities.map((e) => ({ ...e, basedOn: versionOf(entryOf(collectionOfKind(e.kind)).stream(e.id)) }));
}

/** `state` with each entity set to its value (or removed), as folding their compensating events would. */
export function withEntities(state: ShopState, entities: readonly EntityValue[]): ShopState {
  return entities.reduce((next, { kind, id, value }) => {
    const { restored } = collections[collectionOfKind(kind)];
    return evolveRestored(next, { type: restored.event, payload: { [restored.id]: id, [restored.value]: value } });
  }, state);
}

/** What a compensating event was written for, and the point it set back to; null for any other event. */
export function compensationOf(event: { type: string; payload: unknown }): RestoreFacts | null {
  if (!Object.hasOwn(collectionOfEvent, event.type)) return null;
  const { restoredTo, purpose } = event.payload as RestoreFacts;
  return { restoredTo, purpose };
}

/** The entities one stretch of history changed: what an undo must put back. */
export function entitiesChanged(before: ShopState, after: ShopState): Array<{ kind: EntityKind; id: string }> {
  return entitiesToRestore(after, before).map(({ kind, id }) => ({ kind, id }));
}

/**
 * An entity whose stream moved since its value was worked out would overwrite a newer write, so
 * the whole restore is refused, never re-applied over it (docs/decisions/009-consistency-boundary.md).
 */
function refuseStale(state: ShopState, command: CommandIn<typeof commands>, versionOf: (streamId: string) => number): void {
  const stale = command.entities.filter(({ kind, id, basedOn }) => versionOf(entryOf(collectionOfKind(kind)).stream(id)) !== basedOn);
  if (stale.length === 0) return;
  const titles = stale.slice(0, 3).map(({ kind, id, value }) => {
    const entry = entryOf(collectionOfKind(kind));
    const known = mapOf(state, collectionOfKind(kind)).get(id) ?? value;
    return known ? entry.title(known) : id;
  });
  const more = stale.length > 3 ? ` and ${stale.length - 3} more` : '';
  const { purpose } = command;
  throw new DomainError(
    'changed-since',
    `Cannot ${purpose}: ${titles.join(', ')}${more} changed after this ${purpose} was worked out, so nothing was set back.`,
    { entities: stale.map(({ kind, id }) => ({ kind, id })) },
  );
}

/** RestoreEntities: compensating events that set each listed entity to the given value. */
function decide(state: ShopState, command: CommandIn<typeof commands>, context: DecideContext): ShopPendingEvent[] {
  if (context.versionOf) refuseStale(state, command, context.versionOf);
  const events: ShopPendingEvent[] = [];
  const { restoredTo, purpose } = command;
  for (const { kind, id, value } of command.entities) {
    const key = collectionOfKind(kind);
    const entry = entryOf(key);
    const current = mapOf(state, key).get(id) ?? null;
    if (same(current, value)) continue;
    const { restored } = entry;
    const payload = {
      [restored.id]: id,
      [restored.value]: value,
      restoredTo,
      purpose,
      ...(value === null && current ? { was: entry.title(current) } : {}),
    };
    const tags = entry.tags(id, value ?? current ?? undefined);
    events.push({ streamId: entry.stream(id), type: restored.event, payload, tags } as unknown as ShopPendingEvent);
  }
  if (events.length === 0) {
    throw new DomainError('nothing-to-restore', 'Nothing to change: the present already matches that point.', { restoredTo });
  }
  return events;
}

/** Sets or removes the entity; a list of the collection's keys gains a new one at its end and loses a removed one. */
function evolveRestored(state: ShopState, event: { type: string; payload: Loose }): ShopState {
  const key = collectionOfEvent[event.type]!;
  const { restored } = collections[key];
  const id = event.payload[restored.id] as string;
  const value = event.payload[restored.value];
  const map = mapOf(state, key);
  // Read before the edit: in a batch fold the map is edited in place.
  const known = map.has(id);
  const next: Loose = { ...state, [key]: value ? map.set(id, value) : map.delete(id) };
  for (const list of listsOf(key)) {
    const ids = state[list] as List<string>;
    if (!value) {
      const index = ids.lastIndexOf(id);
      // Not `delete`: it slices, and on a list a batch fold edits in place that cuts the list itself short.
      if (index >= 0) next[list] = index === ids.size - 1 ? ids.pop() : ids.filter((other) => other !== id);
    } else if (!known) {
      next[list] = ids.push(id);
    }
  }
  return next as unknown as ShopState;
}

function describeRestored(event: { type: string; payload: Loose }, names: Names): string {
  const entry = entryOf(collectionOfEvent[event.type]!);
  const { payload } = event;
  const was = typeof payload.was === 'string' ? payload.was : undefined;
  const sentence = entry.describeRestored(payload[entry.restored.value], payload[entry.restored.id] as string, names, was);
  return `${restoredWhy(payload as unknown as RestoreFacts)}: ${sentence}`;
}

type RestoredEvents = keyof RestoredSchemas;
const perEvent = <F>(f: F) => Object.fromEntries(Object.keys(events).map((type) => [type, f])) as { [K in RestoredEvents]: F };

/** Restore, undo and redo: compensating events, one kind per registered collection. */
export const restoreSlice: Slice<typeof commands, RestoredSchemas> = {
  name: 'restore',
  category: 'restore',
  commands,
  events,
  decide,
  evolve: perEvent(evolveRestored as never),
  describe: perEvent(describeRestored as never),
  // Compensations set a value outright; they apply to any state.
  whyInapplicable: perEvent((() => null) as never),
  // Each entity's own stream, at the version it was based on (checked by refuseStale).
  reads: {
    RestoreEntities: ({ entities }) => entities.map(({ kind, id }) => collections[collectionOfKind(kind)].stream(id)),
  },
};
