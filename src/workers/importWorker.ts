import type { ImportPlan } from '../domain';
import { adoptBatches, blobBytes, decodeText, readHistory, writeImport } from '../importing';
import { openShopLog } from '../shopLog';
import { toJsonBytes } from './jsonBytes';
import type { FromImportWorker, ToImportWorker, WorkerFailure } from './importProtocol';

/**
 * Reads an order-history file and, when asked, decides and writes its import: all the heavy
 * work of an import, away from the page. The plan never leaves this worker.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
  postMessage(message: FromImportWorker, transfer?: Transferable[]): void;
};

/** Progress a few times a second is enough for a progress bar. */
const PROGRESS_EVERY_MS = 100;

let plan: ImportPlan | null = null;

scope.onmessage = (event) => {
  const request = event.data;
  const work = request.type === 'read' ? read(request) : write(request);
  work.catch((error: unknown) => scope.postMessage({ type: 'failed', failure: failureOf(error) }));
};

async function read({ file, dateOrder }: Extract<ToImportWorker, { type: 'read' }>): Promise<void> {
  plan = null;
  const throttle = throttled();
  const { plan: read, ...reading } = await readHistory(() => decodeText(blobBytes(file)), {
    dateOrder,
    onProgress: (progress) => throttle() && scope.postMessage({ type: 'read-progress', progress }),
  });
  plan = read;
  scope.postMessage({ type: 'read', reading });
}

async function write({ dbName, basis, importId }: Extract<ToImportWorker, { type: 'write' }>): Promise<void> {
  if (!plan) throw new Error('There is no file read to import.');
  const log = openShopLog(dbName);
  const throttle = throttled();
  try {
    const { stored, ...result } = await writeImport(log, plan, basis, {
      importId,
      onProgress: (written, total) => (throttle() || written === total) && scope.postMessage({ type: 'write-progress', written, total }),
    });
    plan = null;
    for (const events of adoptBatches(stored)) {
      const bytes = toJsonBytes(events);
      scope.postMessage({ type: 'events', bytes }, [bytes.buffer]);
    }
    scope.postMessage({ type: 'written', result });
  } finally {
    log.close();
  }
}

function throttled(): () => boolean {
  let last = 0;
  return () => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return false;
    last = now;
    return true;
  };
}

function failureOf(error: unknown): WorkerFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message } = error;
  const facts = error as unknown as Partial<WorkerFailure>;
  return {
    name,
    message,
    code: facts.code,
    streamId: facts.streamId,
    expectedVersion: facts.expectedVersion,
    actualVersion: facts.actualVersion,
  };
}
