/** The worker clients loaded on first use, kept out of the start-up bundle (most visits never import, export or verify). */
export { ImportWorker } from './importWorkerClient';
export { verifyInWorker } from './verifyWorkerClient';
export { exportHistory } from './exportWorkerClient';
export { checkHistoryFile } from './historyFileClient';
export { historyBackup } from './backupClient';
