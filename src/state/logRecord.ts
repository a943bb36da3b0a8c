/**
 * The last acknowledged position of a log and the log's identity, kept outside IndexedDB
 * (localStorage, and a cookie as a backup), so a database the browser discarded or replaced is
 * noticed at the next start.
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
export function localRecordStorage(): RecordStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Where a page keeps a second copy of the record: a cookie. A browser that evicts or loses the
 * site's storage takes localStorage with IndexedDB, but cookies live apart, so the cookie still
 * tells that there was a history (docs/decisions/011-log-record-cookie.md). Written only now and
 * then (LogGuard), so its position is a lower bound.
 */
export function backupRecordStorage(): RecordStorage | null {
  return typeof document === 'undefined' ? null : cookieStorage(document);
}

// Chromium caps a cookie's life at 400 days; every write renews it.
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** A key-value store in `doc.cookie`, values URI-encoded (cookie values allow no quotes or commas). */
export function cookieStorage(doc: Pick<Document, 'cookie'>): RecordStorage {
  const nameOf = (key: string) => encodeURIComponent(key);
  return {
    getItem(key) {
      const prefix = `${nameOf(key)}=`;
      const found = doc.cookie.split('; ').find((pair) => pair.startsWith(prefix));
      if (found === undefined) return null;
      try {
        return decodeURIComponent(found.slice(prefix.length));
      } catch {
        return null;
      }
    },
    setItem(key, value) {
      doc.cookie = `${nameOf(key)}=${encodeURIComponent(value)}; max-age=${COOKIE_MAX_AGE_S}; path=/; SameSite=Strict`;
    },
  };
}
