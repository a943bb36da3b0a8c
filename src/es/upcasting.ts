import type { ReplayEvent } from './envelope';

/** Turns the payload of one schema version of an event type into the next version's payload. */
export type UpcastStep = (payload: unknown) => unknown;

/** type → (schemaVersion it upgrades from → step). Steps run in order until none applies. */
export type UpcasterTable = Readonly<Record<string, Readonly<Record<number, UpcastStep>>>>;

/** Lifts an event (whole or its replay part) to the current shape, keeping the fields it has. */
export type Upcaster = <E extends ReplayEvent>(event: E) => E;

/**
 * Stored events are never rewritten: old shapes are lifted to the current one as they are read.
 * Events of types with no steps are returned as they are, so the common path costs one lookup.
 */
export function createUpcaster(table: UpcasterTable): Upcaster {
  return <E extends ReplayEvent>(event: E): E => {
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
