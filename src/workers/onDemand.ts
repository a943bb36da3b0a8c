/** The worker clients loaded on first use, kept out of the start-up bundle (most visits never import). */
export { ImportWorker } from './importWorkerClient';
