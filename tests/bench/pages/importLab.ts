import Dexie from 'dexie';
import { EventLogDb } from '../../../src/es/eventLogDb';
import { blobBytes, decodeUtf8, readCsvRecords } from '../../../src/importing';
import { createImportSession, createShopRuntime } from '../../../src/state';

export interface ImportFigures {
  events: number;
  /** Choosing the file until its preview is ready (the app reads it in a Web Worker). */
  readMs: number;
  /** Import pressed until the events are in the log and in the live projection. */
  writeMs: number;
  /** Highest JS heap of the page seen while importing (sampled every 25 ms; the worker's is its own). */
  peakHeapBytes: number;
  /** Main-thread tasks over 50 ms from choosing the file until the import is folded in (ms each). */
  longTasks: number[];
  /** Main-thread stalls over 50 ms in the same span, garbage collection included (ms each). */
  stalls: number[];
  /** The database the import filled, kept for the baseline's rows; dropped with dropDatabase(). */
  dbName: string;
}

async function csvFile(url: string): Promise<File> {
  const blob = await (await fetch(url)).blob();
  return new File([blob], 'online-retail.csv', { type: 'text/csv' });
}

const usedHeap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

function sampleHeap(): () => number {
  let peak = usedHeap();
  const timer = setInterval(() => (peak = Math.max(peak, usedHeap())), 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, usedHeap());
  };
}

/**
 * The app's import, driven the way its Import view drives it (the same session functions), into
 * an empty shop: choose the file, wait for the preview, import, wait for the events.
 */
export async function importThroughApp(url: string): Promise<ImportFigures> {
  const file = await csvFile(url);
  const dbName = `bench-import-${crypto.randomUUID()}`;
  const runtime = createShopRuntime({ dbName });
  await runtime.start();
  const session = createImportSession(runtime);
  const stopSampling = sampleHeap();
  const t0 = performance.now();
  await session.chooseFile(file);
  const t1 = performance.now();
  await session.start();
  const t2 = performance.now();
  const peakHeapBytes = stopSampling();
  // Long-task entries arrive a little after their task: give the observer a turn.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const during = (t: { start: number }) => t.start >= t0 && t.start <= t2;
  const longTasks = (window.benchLongTasks ?? []).filter(during).map((t) => t.duration);
  const stalls = (window.benchStalls ?? []).filter(during).map((t) => t.duration);
  const events = await runtime.log.count();
  const position = runtime.store.getState().position;
  await runtime.stop();
  if (events === 0 || position !== events)
    throw new Error(`The import left ${events} events in the log and ${position} in the projection.`);
  return { events, readMs: t1 - t0, writeMs: t2 - t1, peakHeapBytes, longTasks, stalls, dbName };
}

export async function dropDatabase(name: string): Promise<void> {
  await Dexie.delete(name);
}

/**
 * The import's baseline: the same CSV parser (Papa Parse, fed the same way) doing nothing with
 * the records, then one raw bulkAdd of as many event rows as the import wrote — the very rows
 * of `sourceDb`, a log the app's import filled.
 */
export async function importBaseline(
  url: string,
  sourceDb: string,
): Promise<{ rows: number; events: number; parseMs: number; bulkAddMs: number }> {
  const file = await csvFile(url);
  let rows = -1; // the header is a record too
  const t0 = performance.now();
  await readCsvRecords(decodeUtf8(blobBytes(file)), () => (rows += 1));
  const parseMs = performance.now() - t0;

  const source = new EventLogDb(sourceDb);
  const events = await source.events.toArray();
  source.close();

  const scratchName = `bench-raw-${crypto.randomUUID()}`;
  const db = new EventLogDb(scratchName);
  await db.open();
  const t1 = performance.now();
  await db.events.bulkAdd(events);
  const bulkAddMs = performance.now() - t1;
  db.close();
  await Dexie.delete(scratchName);
  return { rows, events: events.length, parseMs, bulkAddMs };
}
