import { EventLog, type EventLogOptions } from '../es';
import { shopUpcasters } from './upcasters';

export { shopUpcasters } from './upcasters';

/** How a caller may open the shop's log: everything but the upcasters, which are the shop's. */
export type ShopLogOptions = Omit<EventLogOptions, 'upcasters'>;

/**
 * The one way to open the shop's event log, on the page and in every worker, so that events are
 * always read through the shop's upcasters (EventLog lifts them with createUpcaster).
 */
export function openShopLog(dbName: string, options: ShopLogOptions = {}): EventLog {
  return new EventLog(dbName, { ...options, upcasters: shopUpcasters });
}
