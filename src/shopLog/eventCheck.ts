import { createUpcaster, type EventContentCheck } from '../es';
import { isShopEvent, payloadProblem } from '../domain';
import { shopUpcasters } from './upcasters';
import { shopSchemaVersions } from './versions';

const lift = createUpcaster(shopUpcasters);

/**
 * What a shop event read from outside (a history file) must be beyond its envelope: of a type
 * this build knows, of a schema version it knows, and with a payload that, lifted by the same
 * upcasters the log uses, passes that type's schema.
 */
export const checkShopEvent: EventContentCheck = (event) => {
  if (!isShopEvent(event)) return `its type "${event.type.slice(0, 100)}" is not an event this version of Rewind knows`;
  const known = shopSchemaVersions[event.type]!;
  if (event.schemaVersion > known) return `it is ${event.type} version ${event.schemaVersion}, written by a newer version of Rewind`;
  let lifted;
  try {
    lifted = lift(event);
  } catch {
    return `its ${event.type} payload cannot be read`;
  }
  return payloadProblem(event.type, lifted.payload);
};
