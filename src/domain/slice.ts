import type * as z from 'zod/mini';
import type { DecideContext, ReplayEvent } from '../es';
import type { EventPayloads, EventType, ShopPendingEvent } from './events';
import type { Names } from './sentences';
import { eventSchemaVersions } from './schemaVersions';
import type { ShopState } from './state';

type Schemas = Record<string, z.ZodMiniType>;

/** Coarse groups for colouring the timeline and filtering the audit log. */
export type EventCategory = 'catalog' | 'customers' | 'cart' | 'orders' | 'restore';

/** The commands a slice's schemas describe, as one union. */
export type CommandIn<CS extends Schemas> = { [K in keyof CS]: z.infer<CS[K]> }[keyof CS];
/** One of a slice's events, as folds see it. */
export type EventIn<ES extends Schemas, K extends keyof ES & string> = ReplayEvent<K, z.infer<ES[K]>>;

/**
 * One slice of the shop, as a value: its commands and event payloads (zod schemas keyed by type),
 * the decision, and per event type its fold, its audit sentence and its what-if rule. `shop.ts`
 * composes the slices by these keys; nothing lists every event by hand.
 */
export interface Slice<CS extends Schemas = Schemas, ES extends Schemas = Schemas> {
  readonly name: string;
  /** The group its events are coloured and filtered by. */
  readonly category: EventCategory;
  readonly commands: CS;
  readonly events: ES;
  decide(state: ShopState, command: CommandIn<CS>, context: DecideContext): ShopPendingEvent[];
  readonly evolve: { readonly [K in keyof ES & string]: (state: ShopState, event: EventIn<ES, K>) => ShopState };
  /** One plain sentence per event, as the audit log shows it. */
  readonly describe: { readonly [K in keyof ES & string]: (event: EventIn<ES, K>, names: Names) => string };
  /** Why a recorded event could not have happened in `state` (null when it could): what-if replays flag it. */
  readonly whyInapplicable: { readonly [K in keyof ES & string]: (state: ShopState, event: EventIn<ES, K>) => string | null };
  /** The streams a command's decision reads, in the state it is decided on (appends will be guarded by them). */
  readonly reads: { readonly [K in keyof CS & string]: (command: z.infer<CS[K]>, state: ShopState) => string[] };
}

/** Builds a pending event with its payload type checked against its event type, at its current schema version. */
export function pending<K extends EventType>(streamId: string, type: K, payload: EventPayloads[K], tags: string[] = []): ShopPendingEvent {
  const schemaVersion = eventSchemaVersions[type];
  return (
    schemaVersion === undefined ? { streamId, type, payload, tags } : { streamId, type, payload, tags, schemaVersion }
  ) as ShopPendingEvent;
}
