import type { ReplayEvent } from './envelope';
import { LogDamageError, NewerSchemaError } from './errors';

/** Turns the payload of one schema version of an event type into the next version's payload. */
export type UpcastStep = (payload: unknown) => unknown;

/** type → (schemaVersion it upgrades from → step). Steps run in order until none applies. */
export type UpcasterTable = Readonly<Record<string, Readonly<Record<number, UpcastStep>>>>;

/** Lifts an event (whole or its replay part) to the current shape, keeping the fields it has. */
export type Upcaster = <E extends ReplayEvent>(event: E) => E;

export interface UpcasterOptions {
  /** Every known type's current schema version: a higher one is a NewerSchemaError, never folded. */
  currentVersions?: Readonly<Record<string, number>>;
  /** Told of an event whose type is not in `currentVersions` (a newer build's type); it is passed on as it is. */
  onUnknownType?: (event: ReplayEvent) => void;
}

/** A type's current schema version is its first plus one per upcast step. */
export function currentVersionsOf(types: readonly string[], table: UpcasterTable): Record<string, number> {
  return Object.fromEntries(types.map((type) => [type, 1 + Object.keys(table[type] ?? {}).length]));
}

/**
 * Stored events are never rewritten: old shapes are lifted to the current one as they are read.
 * Events of types with no steps are returned as they are, so the common path costs a few checks.
 */
export function createUpcaster(table: UpcasterTable, options: UpcasterOptions = {}): Upcaster {
  const { currentVersions, onUnknownType } = options;
  return <E extends ReplayEvent>(event: E): E => {
    if (!isEventShaped(event)) throw new LogDamageError(event.seq, 'unreadable');
    if (currentVersions) {
      const known = currentVersions[event.type];
      if (known === undefined) onUnknownType?.(event);
      else if (event.schemaVersion > known) throw new NewerSchemaError(event.seq, event.type, event.schemaVersion, known);
    }
    const steps = table[event.type];
    if (!steps) return event;
    let { payload, schemaVersion } = event;
    for (let step = steps[schemaVersion]; step; step = steps[schemaVersion]) {
      payload = step(payload);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, payload, schemaVersion };
  };
}

/** The fields every fold relies on, checked cheaply: a row that fails is damage, not an event. */
function isEventShaped(event: ReplayEvent): boolean {
  return (
    typeof event.type === 'string' &&
    typeof event.streamId === 'string' &&
    typeof event.version === 'number' &&
    typeof event.schemaVersion === 'number' &&
    event.payload !== undefined
  );
}
