import type { HistoryFileHeader } from '../es';
import { openShopLog, shopSchemaVersions } from '../shopLog';
import type { BackupManifest, FromBackupWorker, ToBackupWorker } from './backupProtocol';

/**
 * Keeps a rolling backup of the log in the origin private file system, in the export's format:
 * segments of SEGMENT_SIZE events, each written once it is whole (the last one rewritten as it
 * grows), and a manifest written after them. It survives the browser dropping the database after a
 * crash (though not the user clearing the site's data, which takes it too).
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToBackupWorker & { id: number }>) => void) | null;
  postMessage(message: FromBackupWorker & { id: number }): void;
};

const SEGMENT_SIZE = 10_000;
const MANIFEST = 'manifest.json';

const folder = async (dbName: string) =>
  (await navigator.storage.getDirectory()).getDirectoryHandle(`rewind-backup-${encodeURIComponent(dbName)}`, { create: true });
const segmentName = (index: number) => `segment-${String(index).padStart(6, '0')}.ndjson`;

async function readManifest(dir: FileSystemDirectoryHandle): Promise<BackupManifest | null> {
  try {
    const value = JSON.parse(await (await (await dir.getFileHandle(MANIFEST)).getFile()).text()) as BackupManifest;
    return value.format === 'rewind-backup' && Number.isSafeInteger(value.lastSeq) ? value : null;
  } catch {
    return null;
  }
}

async function writeFile(dir: FileSystemDirectoryHandle, name: string, text: string): Promise<void> {
  const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
  await writable.write(text);
  await writable.close();
}

/** The first `count` lines of a segment written before, line breaks kept; an error when it has fewer. */
async function firstLines(dir: FileSystemDirectoryHandle, name: string, count: number): Promise<string> {
  const lines = (await (await (await dir.getFileHandle(name)).getFile()).text()).split('\n');
  if (lines.length <= count || lines.slice(0, count).some((line) => line === ''))
    throw new Error(`the backup's ${name} lacks archived events`);
  return `${lines.slice(0, count).join('\n')}\n`;
}

/** The first `count` lines of a segment file, as a blob (the whole file when it has no more). */
async function upToLine(file: File, count: number): Promise<Blob> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let seen = 0;
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] === 0x0a && ++seen === count) return file.slice(0, i + 1);
  return file;
}

async function sync(dbName: string, logId: string): Promise<number> {
  const dir = await folder(dbName);
  let manifest = await readManifest(dir);
  if (manifest && (manifest.logId !== logId || manifest.segmentSize !== SEGMENT_SIZE)) {
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) await dir.removeEntry(name);
    manifest = null;
  }
  const log = openShopLog(dbName);
  try {
    const end = await log.lastPosition();
    const gap = await log.firstGap(end);
    const lastSeq = gap === null ? end : gap - 1;
    let done = manifest?.lastSeq ?? 0;
    if (lastSeq <= done) return done;
    // Events archived since the backup last ran stay in it; archived before it ever ran, they are not here to copy.
    const start = (await log.chainStart()).seq;
    if (done < start)
      throw new Error(`the history before event ${start + 1} was archived before it was backed up; the backup needs a whole history`);
    // From the start of the segment the backup ends in: that one is rewritten whole, its archived lines as they were.
    for (let index = Math.floor(done / SEGMENT_SIZE); index * SEGMENT_SIZE < lastSeq; index += 1) {
      const from = index * SEGMENT_SIZE + 1;
      const kept = from <= start ? await firstLines(dir, segmentName(index), start - from + 1) : '';
      const rows = await log.readStoredRows(Math.max(from, start + 1), Math.min(lastSeq, from + SEGMENT_SIZE - 1));
      await writeFile(dir, segmentName(index), kept + rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      done = Math.max(from - 1, start) + rows.length;
    }
    const next: BackupManifest = {
      format: 'rewind-backup',
      logId,
      segmentSize: SEGMENT_SIZE,
      lastSeq: done,
      headHash: (await log.storedHashAt(done)) ?? '',
      savedAt: new Date().toISOString(),
      appVersion: __APP_VERSION__,
      schemaVersions: { ...shopSchemaVersions },
    };
    await writeFile(dir, MANIFEST, JSON.stringify(next));
    return done;
  } finally {
    log.close();
  }
}

/** The backup as one history file, its segments referenced rather than read, so it costs no memory. */
async function read(dbName: string): Promise<Extract<FromBackupWorker, { type: 'backup' }>> {
  const dir = await folder(dbName);
  const manifest = await readManifest(dir);
  if (!manifest || manifest.lastSeq === 0) return { type: 'backup', manifest: null, file: null, header: null };
  const header: HistoryFileHeader = {
    format: 'rewind-history',
    formatVersion: 1,
    appVersion: manifest.appVersion,
    schemaVersions: manifest.schemaVersions,
    eventCount: manifest.lastSeq,
    firstSeq: 1,
    lastSeq: manifest.lastSeq,
    headHash: manifest.headHash,
    createdAt: manifest.savedAt,
  };
  const parts: BlobPart[] = [`${JSON.stringify(header)}\n`];
  const segments = Math.ceil(manifest.lastSeq / manifest.segmentSize);
  for (let index = 0; index < segments; index += 1) {
    const file = await (await dir.getFileHandle(segmentName(index))).getFile();
    // The last segment may have grown past the manifest (written, then killed before the
    // manifest): only the events the manifest vouches for are restored.
    parts.push(index === segments - 1 ? await upToLine(file, manifest.lastSeq - index * manifest.segmentSize) : file);
  }
  return { type: 'backup', manifest, file: new Blob(parts, { type: 'application/x-ndjson' }), header };
}

scope.onmessage = ({ data }) => {
  // One tab at a time: two tabs of one log writing the same segments could leave a manifest ahead of them.
  const step = async (): Promise<FromBackupWorker> =>
    (await navigator.locks.request(`rewind-backup:${data.dbName}`, async (): Promise<FromBackupWorker> =>
      data.type === 'sync' ? { type: 'synced', lastSeq: await sync(data.dbName, data.logId) } : read(data.dbName),
    )) as FromBackupWorker;
  step().then(
    (reply) => scope.postMessage({ ...reply, id: data.id }),
    (error: unknown) => scope.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error), id: data.id }),
  );
};
