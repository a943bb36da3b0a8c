import type { EventType } from './events';

/**
 * The schema version events of each type are written at, where it is not the first. The shop's
 * upcaster table (src/shopLog/upcasters.ts) lifts every older version to it; a unit test checks
 * that the two agree (current = 1 + number of steps).
 */
export const eventSchemaVersions: Readonly<Partial<Record<EventType, number>>> = {
  CustomerRegistered: 2,
};
