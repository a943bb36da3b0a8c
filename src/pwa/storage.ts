export interface StorageStatus {
  /** Bytes used by this site; null where the browser does not say. */
  usage: number | null;
  /** Bytes this site may use in all; null where the browser does not say. */
  quota: number | null;
  /** Whether the browser promised not to evict this site's data under storage pressure. */
  persisted: boolean | null;
}

type StorageApi = Partial<Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>>;

/**
 * Asks the browser to keep the event log even when the disk runs low. Browsers decide by their
 * own rules (installed, bookmarked, much used) and may say no; the app works the same either way.
 */
export async function requestPersistence(storage: StorageApi | undefined): Promise<boolean | null> {
  if (!storage?.persist || !storage.persisted) return null;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export async function readStorage(storage: StorageApi | undefined): Promise<StorageStatus> {
  const [estimate, persisted] = await Promise.all([storage?.estimate?.(), storage?.persisted?.()]);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted: persisted ?? null };
}

const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 kB" (powers of 1000, as disks and browsers count). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: digits })} ${units[unit]}`;
}
