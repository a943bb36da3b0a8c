import { EventLog, type EventLogOptions } from '../es';
import { shopUpcasters } from './upcasters';
import { shopSchemaVersions } from './versions';

export { shopUpcasters } from './upcasters';
export { shopSchemaVersions } from './versions';
export { checkShopEvent } from './eventCheck';

/** How a caller may open the shop's log: everything but the upcasters and versions, which are the shop's. */
export type ShopLogOptions = Omit<EventLogOptions, 'upcasters' | 'currentVersions'>;

/**
 * The one way to open the shop's event log, on the page and in every worker, so that events are
 * always read through the shop's upcasters (EventLog lifts them with createUpcaster), and an
 * event newer than this build is an error rather than a fold of what it cannot understand.
 */
export function openShopLog(dbName: string, options: ShopLogOptions = {}): EventLog {
  return new EventLog(dbName, { ...options, upcasters: shopUpcasters, currentVersions: shopSchemaVersions });
}
