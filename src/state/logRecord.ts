/**
 * The last acknowledged position of a log and the log's identity, kept outside IndexedDB
 * (localStorage), so a database the browser discarded or replaced is noticed at the next start.
 */
export interface LogRecord {
  logId: string;
  position: number;
}

export type RecordStorage = Pick<Storage, 'getItem' | 'setItem'>;

const keyOf = (dbName: string) => `rewind:log-record:${dbName}`;

export function readLogRecord(storage: RecordStorage, dbName: string): LogRecord | null {
  try {
    const parsed = JSON.parse(storage.getItem(keyOf(dbName)) ?? 'null') as Partial<LogRecord> | null;
    return typeof parsed?.logId === 'string' && typeof parsed.position === 'number'
      ? { logId: parsed.logId, position: parsed.position }
      : null;
  } catch {
    return null;
  }
}

export function writeLogRecord(storage: RecordStorage, dbName: string, record: LogRecord): void {
  storage.setItem(keyOf(dbName), JSON.stringify(record));
}

/** localStorage where there is one (pages), none elsewhere (workers, Node): then nothing is checked. */
export function defaultRecordStorage(): RecordStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
