export { DeviceSync } from './deviceSync';
export type { DeviceSyncOptions } from './deviceSync';
export { syncOnDemand } from './syncOnDemand';
export type { SyncActions, SyncHandle, SyncSetUpHint } from './syncOnDemand';
export { SyncClient, checkSettings } from './syncClient';
export type { FetchLike, PulledEvent, PullPage, SyncMeta, SyncSettings } from './syncClient';
export type { SyncedLog } from './syncedLog';
export { offView } from './syncView';
export type { SyncStatus, SyncView } from './syncView';
export { backoffDelay, defaultBackoff } from './backoff';
export type { BackoffPolicy } from './backoff';
export {
  SyncDivergedError,
  SyncNeedsRebaseError,
  SyncOfflineError,
  SyncRefusedError,
  SyncServerError,
  SyncStaleHeadError,
  SyncUnauthorisedError,
  isTransient,
} from './syncErrors';
