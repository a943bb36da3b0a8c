import { currentVersionsOf } from '../es';
import { eventTypes } from '../domain';
import { shopUpcasters } from './upcasters';

/** Each shop event type's current schema version: its first, plus one per upcaster step. */
export const shopSchemaVersions: Readonly<Record<string, number>> = currentVersionsOf(eventTypes, shopUpcasters);
