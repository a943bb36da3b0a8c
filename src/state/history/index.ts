export { createShopHistory } from './shopHistory';
export type { AuditQuery, ShopHistory } from './shopHistory';
export { isFiltered, noFilter } from './eventQuery';
export type { EventFilter } from './eventQuery';
