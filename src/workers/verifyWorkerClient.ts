import type { ChainLink, ChainVerdict } from '../es';
import type { VerifyReply, VerifyRequest } from './verifyProtocol';

/** Below this many events one worker checks them all: starting more costs more than it saves. */
const SPLIT_FROM = 20_000;
const MOST_PARTS = 4;

/**
 * Verifies the events of the log named `dbName` after `start` up to `upTo` in workers started for
 * this one check and ended after it, one per core (up to four) for a long log, each checking a part
 * (EventLog.verifyPart). Their verdicts combine into one: the first break in log order, or intact.
 * Null where there are no workers (the caller then checks on the page).
 */
export function verifyInWorker(
  dbName: string,
  start: ChainLink,
  upTo: number,
  onProgress?: (checked: number, total: number) => void,
): Promise<ChainVerdict> | null {
  if (typeof Worker === 'undefined') return null;
  const total = Math.max(0, upTo - start.seq);
  const cores = Math.max(1, Math.min(MOST_PARTS, navigator.hardwareConcurrency || 1));
  const parts = total < SPLIT_FROM ? 1 : cores;
  const checked = new Array<number>(parts).fill(0);
  const bounds = Array.from({ length: parts + 1 }, (_, i) => start.seq + Math.round((total * i) / parts));
  const verdicts = bounds.slice(0, -1).map((after, i) =>
    verifyPartInWorker({ dbName, after, upTo: bounds[i + 1]! }, (done) => {
      checked[i] = done;
      onProgress?.(
        checked.reduce((a, b) => a + b, 0),
        total,
      );
    }),
  );
  return Promise.all(verdicts).then((all) => {
    const broken = all.find((v) => !v.intact);
    if (broken) return { ...broken, events: total, from: start.seq };
    return {
      intact: true,
      events: total,
      headHash: all.length > 0 ? (all.at(-1) as { headHash: string }).headHash : start.hash,
      from: start.seq,
    };
  });
}

function verifyPartInWorker(request: VerifyRequest, onProgress: (checked: number) => void): Promise<ChainVerdict> {
  const worker = new Worker(new URL('./verifyWorker.ts', import.meta.url), { type: 'module', name: 'verify-history' });
  return new Promise<ChainVerdict>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<VerifyReply>) => {
      if (data.type === 'progress') return onProgress(data.checked);
      worker.terminate();
      if (data.type === 'done') resolve(data.verdict);
      else reject(new Error(`The history could not be verified: ${data.error}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The history check stopped: ${event.message || 'worker error'}.`));
    };
    worker.postMessage(request);
  });
}
