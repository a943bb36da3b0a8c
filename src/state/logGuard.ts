import type { StoreApi } from 'zustand/vanilla';
import type { Engine, EventLog } from '../es';
import { readLogRecord, writeLogRecord, type LogRecord, type RecordStorage } from './logRecord';
import { lockSentence, type WriteLock } from './historyLock';

/** How often, at most, the backup record follows the acknowledged position (see `backup`). */
const BACKUP_EVERY_MS = 60_000;

/**
 * Keeps this tab from writing over evidence: a lock refuses every append and holds snapshots
 * back. Also keeps the record of the last acknowledged position (logRecord.ts) and, at start,
 * compares the log with it, so a history that vanished or shrank is told, not papered over.
 */
export class LogGuard {
  private logId: string | null = null;
  private releaseSnapshots: (() => void) | null = null;
  private lastAcknowledged = 0;
  private readonly storage: RecordStorage | null;
  /**
   * Written at start, start over, page hide and at most once a minute: Chromium 156's browser
   * process can die when a renderer that writes cookies all the time crashes (decision 011).
   */
  private readonly backup: RecordStorage | null;
  private backupAt = -Infinity;

  constructor(
    private readonly log: EventLog,
    private readonly engine: Pick<Engine<unknown, unknown>, 'holdSnapshots'>,
    private readonly store: StoreApi<{ writeLock: WriteLock | null }>,
    stores: { record: RecordStorage | null; backup: RecordStorage | null },
  ) {
    this.storage = stores.record;
    this.backup = stores.record ? stores.backup : null;
  }

  /** The first lock stays: it names what went wrong first. */
  lock(lock: WriteLock): void {
    if (this.store.getState().writeLock) return;
    this.log.refuseWrites(lockSentence(lock));
    this.releaseSnapshots = this.engine.holdSnapshots();
    this.store.setState({ writeLock: lock });
  }

  /** After the start-up fold: a log shorter than the record, or another database, is locked. */
  async checkAtStart(): Promise<void> {
    if (!this.storage) return;
    const { record, fromBackup } = this.readRecord();
    const [logId, has, superseded] = await Promise.all([this.log.identity(), this.log.lastPosition(), this.log.supersededIdentities()]);
    // A record of an identity the user already left behind (its renewal was lost in a crash) tells nothing.
    const lost =
      record !== null && !superseded.includes(record.logId) && (has < record.position || (logId !== record.logId && record.position > 0));
    if (lost) {
      this.lock({ reason: 'lost-events', had: record.position, atLeast: fromBackup, has, replaced: logId !== record.logId });
      return;
    }
    // A locked log is left exactly as it is, so it gets no identity either.
    if (this.store.getState().writeLock) return;
    this.logId = logId ?? (await this.log.ensureIdentity());
    this.acknowledged(has);
    this.writeBackup(has);
  }

  /**
   * A start from a snapshot at `snapshotAt` read none of the events before it, so a gap there
   * would only show once the timeline reached it: they are counted after start.
   */
  async checkForGaps(snapshotAt: number, present: number): Promise<void> {
    const gap = await this.log.firstGap(snapshotAt);
    if (gap !== null) this.lock({ reason: 'damaged', position: gap, kind: 'missing', shownUpTo: present });
  }

  /** The log holds `position` durably (called as the projection moves): the record follows. */
  acknowledged(position: number): void {
    if (!this.storage || this.logId === null || this.store.getState().writeLock) return;
    this.lastAcknowledged = position;
    // Read again: another tab of this log may have recorded a later position.
    const record = readLogRecord(this.storage, this.log.name);
    if (record?.logId === this.logId && record.position >= position) return;
    writeLogRecord(this.storage, this.log.name, { logId: this.logId, position });
    if (Date.now() - this.backupAt >= BACKUP_EVERY_MS) this.writeBackup(position);
  }

  /**
   * The log's tail was rewritten on purpose (a sync rebase), maybe shorter than what was
   * acknowledged: the rewrite gave the log a new identity (the old one left behind, as a start
   * over does), which this tab takes on, so the next start tells no loss and the rolling backup
   * is written afresh rather than continued.
   */
  async rewritten(): Promise<void> {
    if (this.logId === null || this.store.getState().writeLock) return;
    this.logId = (await this.log.identity()) ?? this.logId;
    const position = await this.log.lastPosition();
    this.lastAcknowledged = position;
    if (this.storage) writeLogRecord(this.storage, this.log.name, { logId: this.logId, position });
    this.writeBackup(position);
  }

  /**
   * Whether another tab may have written past `position`: the record is updated by every tab as
   * its log moves, so a writer holding the write lock reads it instead of the log's tail.
   */
  mayBeBehind(position: number): boolean {
    if (!this.storage || this.logId === null) return true;
    const record = readLogRecord(this.storage, this.log.name);
    return record === null || record.logId !== this.logId || record.position > position;
  }

  /**
   * The record in localStorage, else its backup (when the site's storage went, the cookie stays);
   * the backup's too when it names the same log further on: a browser killed mid-write can keep
   * localStorage from long before (seen: 762 events recorded there, 3,030 in the cookie).
   */
  private readRecord(): { record: LogRecord | null; fromBackup: boolean } {
    const local = this.storage ? readLogRecord(this.storage, this.log.name) : null;
    const backup = this.backup ? readLogRecord(this.backup, this.log.name) : null;
    if (backup !== null && (local === null || (backup.logId === local.logId && backup.position > local.position))) {
      return { record: backup, fromBackup: true };
    }
    return { record: local, fromBackup: false };
  }

  /** Also when the page is hidden or closed (`pagehide`), where there is a window. */
  writeBackup(position: number = this.lastAcknowledged): void {
    if (!this.backup || this.logId === null || this.store.getState().writeLock) return;
    this.backupAt = Date.now();
    writeLogRecord(this.backup, this.log.name, { logId: this.logId, position });
  }

  /** The identity of the log this guard records; null until the start found it (or while locked). */
  get identity(): string | null {
    return this.logId;
  }

  /** The user saw what was lost and chose to go on with the log as it now is. */
  async startOver(): Promise<void> {
    if (this.store.getState().writeLock?.reason !== 'lost-events') return;
    await this.renew();
  }

  /**
   * After a lost-events lock, writes the backup over the log (`restore`, with writes allowed for
   * it) and renews the log's record, so that the loss it told is not told again.
   */
  async restoreFrom(restore: () => Promise<unknown>): Promise<void> {
    const lock = this.store.getState().writeLock;
    if (lock?.reason !== 'lost-events') throw new Error('Only a history that lost events is restored from the backup.');
    this.log.allowWrites();
    try {
      await restore();
    } catch (error) {
      this.log.refuseWrites(lockSentence(lock));
      throw error;
    }
    await this.renew();
  }

  private async renew(): Promise<void> {
    this.log.allowWrites();
    const { record } = this.readRecord();
    this.logId = await this.log.startAnew(record?.logId ?? null);
    const position = await this.log.lastPosition();
    if (this.storage) writeLogRecord(this.storage, this.log.name, { logId: this.logId, position });
    this.writeBackup(position);
    this.releaseSnapshots?.();
    this.releaseSnapshots = null;
    this.store.setState({ writeLock: null });
  }
}
