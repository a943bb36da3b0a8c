import type { StoreApi } from 'zustand/vanilla';
import type { Engine, EventLog } from '../es';
import { readLogRecord, writeLogRecord, type RecordStorage } from './logRecord';
import { lockSentence, type WriteLock } from './historyLock';

/**
 * Keeps this tab from writing over evidence: a lock refuses every append and holds snapshots
 * back. Also keeps the record of the last acknowledged position (logRecord.ts) and, at start,
 * compares the log with it, so a history that vanished or shrank is told, not papered over.
 */
export class LogGuard {
  private logId: string | null = null;
  private releaseSnapshots: (() => void) | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly engine: Pick<Engine<unknown, unknown>, 'holdSnapshots'>,
    private readonly store: StoreApi<{ writeLock: WriteLock | null }>,
    private readonly storage: RecordStorage | null,
  ) {}

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
    const record = readLogRecord(this.storage, this.log.name);
    const [logId, has, superseded] = await Promise.all([this.log.identity(), this.log.lastPosition(), this.log.supersededIdentities()]);
    // A record of an identity the user already left behind (its renewal was lost in a crash) tells nothing.
    if (record && !superseded.includes(record.logId) && (logId !== record.logId || has < record.position)) {
      this.lock({ reason: 'lost-events', had: record.position, has, replaced: logId !== record.logId });
      return;
    }
    // A locked log is left exactly as it is, so it gets no identity either.
    if (this.store.getState().writeLock) return;
    this.logId = logId ?? (await this.log.ensureIdentity());
    this.acknowledged(has);
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
    // Read again: another tab of this log may have recorded a later position.
    const record = readLogRecord(this.storage, this.log.name);
    if (record?.logId === this.logId && record.position >= position) return;
    writeLogRecord(this.storage, this.log.name, { logId: this.logId, position });
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

  /** The user saw what was lost and chose to go on with the log as it now is. */
  async startOver(): Promise<void> {
    if (this.store.getState().writeLock?.reason !== 'lost-events') return;
    this.log.allowWrites();
    const record = this.storage ? readLogRecord(this.storage, this.log.name) : null;
    this.logId = await this.log.startAnew(record?.logId ?? null);
    if (this.storage) writeLogRecord(this.storage, this.log.name, { logId: this.logId, position: await this.log.lastPosition() });
    this.releaseSnapshots?.();
    this.releaseSnapshots = null;
    this.store.setState({ writeLock: null });
  }
}
