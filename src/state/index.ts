export { createShopRuntime } from './shopRuntime';
export type { RuntimeOptions, RuntimeStatus, ShopRuntime, ShopView } from './shopRuntime';
export { TimeMachine } from './timeMachine';
export type { TimeMachineOptions, TimelineControls } from './timeMachine';
export type { BranchView, DensityView, TimeZoom, TimelineView } from './timelineStore';
export type { CommandGateway } from './commandGateway';
export { createShopHistory, isFiltered, noFilter, resolveStreamQuery } from './history';
export type { AuditQuery, EventFilter, HistoryFileHeader, HistorySink, ShopHistory, StreamSources } from './history';
export { createImportSession } from './importSession';
export type { ImportSession, ImportSessionView, ImportStep, ReadingSummary, Written } from './importSession';
export { shopServices } from './services';
export { connectDevToolsIfPresent } from './devtools';
export type {
  HistoryArchive,
  HistoryFileImport,
  HistoryFileProgress,
  HistoryImportMode,
  ReadonlyStore,
  ShopServices,
  SyncControls,
} from './services';
export { offView as syncOffView } from '../sync';
export type { SyncSettings, SyncStatus, SyncView } from '../sync';
export { archiveFileName } from './archiving';
export type { DemoHistoryOptions, DemoProgress, DemoResult } from '../demo';
// The typed errors a command or query can fail with, for the UI to put in words.
export { ConcurrencyError, DomainError, RetriesExhaustedError, StorageFullError, ValidationError, WritesRefusedError } from '../es';
export { lockSentence } from './historyLock';
export { chooseDurability, chosenDurability } from './durabilityChoice';
export type { WriteLock } from './historyLock';
