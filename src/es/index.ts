export type { Commit, EventMeta, PendingEvent, ReplayEvent, StoredEvent, UnchainedEvent } from './envelope';
export { replayPart, toStoredEvent } from './envelope';
export { GENESIS_HASH, canonicalJson, chain, chainHash } from './hashChain';
export { ChainChecker, verifyRows } from './chainCheck';
export { HistoryFileChecker, HistoryFileError, MAX_DEPTH, MAX_LINE_CHARS, checkForeignEvent } from './historyFileCheck';
export type { EventContentCheck, HistoryFileHeader } from './historyFileCheck';
export type { ChainLink, ChainProblem, ChainVerdict, VerifyOptions } from './chainCheck';
export {
  ArchivedHistoryError,
  ConcurrencyError,
  DomainError,
  HistoryReplacedError,
  LogDamageError,
  NewerSchemaError,
  RetriesExhaustedError,
  StorageFullError,
  ValidationError,
  WritesRefusedError,
  changedElsewhere,
  isQuotaError,
} from './errors';
export type { DamageKind, ValidationIssue } from './errors';
export type { LockRequester } from './writeLock';
export { EventLog, TailRewrittenError } from './eventLog';
export type { AnySource, AppendOptions, EventLogOptions, PositionFilter } from './eventLog';
export type { ReplayBlockWriter } from './replayBlocks';
export type { EventBytes } from './blockText';
export type { Durability, SnapshotRecord } from './eventLogDb';
export type { Compaction, LogOrigin, OriginState } from './logOrigin';
export { createUpcaster, currentVersionsOf } from './upcasting';
export type { UpcastStep, UpcasterOptions, UpcasterTable } from './upcasting';
export type { ReadModel, SnapshotRows } from './readModel';
export { Projection } from './projection';
export type { ProjectionSnapshot } from './projection';
export { EventBus } from './eventBus';
export type { EventHandler } from './eventBus';
export { CommandBus } from './commandBus';
export type { CommandCause, DecideContext, Decider } from './commandBus';
export { rebasePending } from './rebase';
export type { KeptCommand, PendingCommand, RebaseBase, RebaseOptions, RebaseOutcome, RebaseRefusal } from './rebase';
export { SnapshotKeeper, defaultSnapshotPolicy } from './snapshots';
export type { SnapshotPolicy } from './snapshots';
export { Engine } from './engine';
export type { EngineOptions, StartProgress } from './engine';
// A command's own clock (a simulated run): see CommandBus.dispatch.
export type { CommandClock } from './commandBus';
export { BranchStore } from './branchStore';
export type { BranchEntry, BranchRecord } from './branchStore';
export { applyMapChanges, mapChanges } from './mapChanges';
export type { MapChanges } from './mapChanges';
export {
  applyCollectionChanges,
  collectionChanges,
  collectionLists,
  collectionMaps,
  collectionSnapshotRows,
  collectionsFromSnapshotRows,
  collectionsToJson,
  deserializeCollections,
  foldAllCollections,
  initialCollections,
  sameCollectionSizes,
  serializeCollections,
  splitCollectionChanges,
} from './collectionsState';
export type {
  CollectionsChanges,
  CollectionsShape,
  CollectionsState,
  ListChanges,
  ListFieldShape,
  MapFieldShape,
  SerializedCollections,
} from './collectionsState';
export { shareStrings } from './sharedStrings';
export type { StringHints } from './sharedStrings';
