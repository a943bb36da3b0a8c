export { ImportWorker } from './importWorkerClient';
export type { ReadingSummary } from './importProtocol';
export { replayBlockWorker } from './blockWorkerClient';
