export { ImportWorker } from './importWorkerClient';
export type { ReadingSummary } from './importProtocol';
export { replayBlockWorker } from './blockWorkerClient';
export { checkpointWorker } from './checkpointWorkerClient';
