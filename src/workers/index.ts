// The import worker's client is loaded on first use (./onDemand); its type only here.
export type { ImportWorker } from './importWorkerClient';
export type { ReadingSummary } from './importProtocol';
export { replayBlockWorker } from './blockWorkerClient';
export { checkpointWorker } from './checkpointWorkerClient';
export { verifyInWorker } from './verifyWorkerClient';
export { exportHistory } from './exportWorkerClient';
export type { HistorySink } from './exportWorkerClient';
export type { HistoryFileHeader } from './exportProtocol';
export { checkHistoryFile } from './historyFileClient';
export type { CheckedHistoryFile, HistoryFileProgress } from './historyFileClient';
export { historyBackup } from './backupClient';
export type { HistoryBackup } from './backupClient';
