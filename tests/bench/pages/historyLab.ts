import Dexie from 'dexie';
import type { StoredEvent } from '../../../src/es';
import { EventLogDb } from '../../../src/es/eventLogDb';
import { openShopLog } from '../../../src/shopLog';
/** The worker clients, loaded on first use as the app loads them (a static import here made the app's import() of them ineffective in the lab's bundle); before each timed part. */
const workerClients = () => import('../../../src/workers/onDemand');

/** What one portable-history task cost on the page, besides its time. */
export interface HistoryTaskFigures {
  events: number;
  ms: number;
  /** Highest JS heap of the page seen meanwhile (sampled every 25 ms; workers have their own). */
  peakHeapBytes: number;
  /** Main-thread tasks over 50 ms meanwhile (Long Tasks API), and stalls over 50 ms (heartbeat). */
  longTasks: number[];
  stalls: number[];
}

const CHUNK = 5_000;
const EXPORT_FILE = 'bench-export.ndjson';
const RAW_FILE = 'bench-raw-export.ndjson';
const usedHeap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

/** Times `run` and records the page's heap, long tasks and stalls while it runs. */
async function observed(events: (result: number) => number, run: () => Promise<number>): Promise<HistoryTaskFigures> {
  let peak = usedHeap();
  const timer = setInterval(() => (peak = Math.max(peak, usedHeap())), 25);
  const t0 = performance.now();
  const result = await run();
  const t1 = performance.now();
  clearInterval(timer);
  // Long-task entries arrive a little after their task: give the observer a turn.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const during = (t: { start: number }) => t.start >= t0 && t.start <= t1;
  return {
    events: events(result),
    ms: t1 - t0,
    peakHeapBytes: Math.max(peak, usedHeap()),
    longTasks: (window.benchLongTasks ?? []).filter(during).map((t) => t.duration),
    stalls: (window.benchStalls ?? []).filter(during).map((t) => t.duration),
  };
}

/** A file in the origin private file system, written as the File System Access path writes a picked file. */
async function writableFile(name: string) {
  const handle = await (await navigator.storage.getDirectory()).getFileHandle(name, { create: true });
  return { handle, writable: await handle.createWritable() };
}

/** Reads every row of a log in chunked getAll requests, handing each chunk to `each`. */
async function readChunks(db: EventLogDb, each: (rows: StoredEvent[]) => void | Promise<void>): Promise<number> {
  let read = 0;
  for (let after = 0; ;) {
    const rows = await db.events.where(':id').above(after).limit(CHUNK).toArray();
    if (rows.length === 0) return read;
    await each(rows);
    read += rows.length;
    after = rows.at(-1)!.seq;
  }
}

/** Export history as the app does it (a worker streaming pieces), into a file in the origin private file system. */
export async function exportThroughApp(dbName: string): Promise<HistoryTaskFigures> {
  const { exportHistory } = await workerClients();
  return observed(
    (events) => events,
    async () => {
      const { writable } = await writableFile(EXPORT_FILE);
      const header = await exportHistory(dbName, (bytes) => writable.write(bytes as Uint8Array<ArrayBuffer>));
      await writable.close();
      return header.eventCount;
    },
  );
}

/** The export's baseline: the same rows read by chunked getAll and written as text lines to a file, nothing else. */
export function exportBaseline(dbName: string): Promise<HistoryTaskFigures> {
  return observed(
    (events) => events,
    async () => {
      const db = new EventLogDb(dbName);
      const { writable } = await writableFile(RAW_FILE);
      const encoder = new TextEncoder();
      const events = await readChunks(db, (rows) => writable.write(encoder.encode(rows.map((r) => `${JSON.stringify(r)}\n`).join(''))));
      await writable.close();
      db.close();
      return events;
    },
  );
}

/** Verify history as the app does it (in a worker). */
export async function verifyThroughApp(dbName: string): Promise<HistoryTaskFigures> {
  const { verifyInWorker } = await workerClients();
  return observed(
    (events) => events,
    async () => {
      const log = openShopLog(dbName);
      const [start, upTo] = await Promise.all([log.chainStart(), log.lastPosition()]);
      log.close();
      const verdict = await verifyInWorker(dbName, start, upTo);
      if (!verdict?.intact) throw new Error(`Verify did not find the log intact: ${JSON.stringify(verdict)}`);
      return verdict.events;
    },
  );
}

/** The verify's baseline: every row read by chunked getAll, nothing done with it. */
export function verifyBaseline(dbName: string): Promise<HistoryTaskFigures> {
  return observed(
    (events) => events,
    async () => {
      const db = new EventLogDb(dbName);
      const events = await readChunks(db, () => undefined);
      db.close();
      return events;
    },
  );
}

/** Import history file as the app does it (checked line by line in a worker, then written there) into an empty log. */
export async function importThroughApp(): Promise<HistoryTaskFigures & { dbName: string }> {
  const { checkHistoryFile } = await workerClients();
  const file = await (await (await navigator.storage.getDirectory()).getFileHandle(EXPORT_FILE)).getFile();
  const dbName = `bench-history-${crypto.randomUUID()}`;
  const log = openShopLog(dbName);
  const figures = await observed(
    (events) => events,
    async () => {
      const checked = await checkHistoryFile(log, file);
      await checked.write({ kind: 'replace', replacing: 0 });
      return checked.header.eventCount;
    },
  );
  const stored = await log.count();
  log.close();
  if (stored !== figures.events) throw new Error(`The import stored ${stored} of ${figures.events} events.`);
  return { ...figures, dbName };
}

/** The import's baseline: the same rows, read from `sourceDb` in chunks (not timed), each chunk one raw bulkAdd (timed). */
export async function importBaseline(sourceDb: string): Promise<{ events: number; ms: number }> {
  const source = new EventLogDb(sourceDb);
  const name = `bench-raw-${crypto.randomUUID()}`;
  const target = new EventLogDb(name);
  await target.open();
  let ms = 0;
  const events = await readChunks(source, async (rows) => {
    const t0 = performance.now();
    await target.events.bulkAdd(rows);
    ms += performance.now() - t0;
  });
  source.close();
  target.close();
  await Dexie.delete(name);
  return { events, ms };
}

/** Removes the export files from the origin private file system. */
export async function dropHistoryFiles(): Promise<void> {
  const dir = await navigator.storage.getDirectory();
  for (const name of [EXPORT_FILE, RAW_FILE]) await dir.removeEntry(name).catch(() => undefined);
}
