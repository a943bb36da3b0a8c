export { createShopHistory } from './shopHistory';
export type { AuditQuery, HistoryFileHeader, HistorySink, ShopHistory } from './shopHistory';
export { lazyShopHistory } from './lazyHistory';
export { isFiltered, noFilter } from './eventQuery';
export type { EventFilter } from './eventQuery';
export { resolveStreamQuery } from './streamQuery';
export type { StreamSources } from './streamQuery';
