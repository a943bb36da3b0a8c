import type { ChainVerdict } from '../es';
import type { VerifyReply, VerifyRequest } from './verifyProtocol';

/**
 * Verifies the log named `dbName` in a worker started for this one check and ended after it;
 * null where there are no workers (the caller then checks on the page).
 */
export function verifyInWorker(dbName: string, onProgress?: (checked: number, total: number) => void): Promise<ChainVerdict> | null {
  if (typeof Worker === 'undefined') return null;
  const worker = new Worker(new URL('./verifyWorker.ts', import.meta.url), { type: 'module', name: 'verify-history' });
  return new Promise<ChainVerdict>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<VerifyReply>) => {
      if (data.type === 'progress') return onProgress?.(data.checked, data.total);
      worker.terminate();
      if (data.type === 'done') resolve(data.verdict);
      else reject(new Error(`The history could not be verified: ${data.error}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The history check stopped: ${event.message || 'worker error'}.`));
    };
    worker.postMessage({ dbName } satisfies VerifyRequest);
  });
}
