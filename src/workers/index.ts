// The clients of the import, export, verify, history-file and backup workers are loaded on first
// use (./onDemand); their types only here.
export type { ImportWorker } from './importWorkerClient';
export type { ReadingSummary } from './importProtocol';
export { replayBlockWorker } from './blockWorkerClient';
export { checkpointWorker } from './checkpointWorkerClient';
export type { HistorySink } from './exportWorkerClient';
export type { HistoryFileHeader } from './exportProtocol';
export type { CheckedHistoryFile, HistoryFileProgress, HistoryWrite } from './historyFileClient';
export type { HistoryBackup } from './backupClient';
