import type { EventLog } from './eventLog';
import type { SnapshotRecord } from './eventLogDb';
import type { Projection } from './projection';
import type { ReadModel } from './readModel';

export interface SnapshotPolicy {
  /** Save at least every this many events. */
  every: number;
  /** Also save once the log has been quiet this long (ms). */
  idleMs: number;
  /** How many snapshots to keep; older ones are pruned after each save. */
  keep: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { every: 1_000, idleMs: 2_000, keep: 2 };

export interface LoadedSnapshot<S> {
  state: S;
  position: number;
  streamVersions: Array<[string, number]>;
}

/**
 * Persists the read model with the position it covers. A snapshot is only a cache: one written
 * by another read-model version, or ahead of the log, is ignored and the log replayed instead.
 */
export class SnapshotKeeper<S> {
  private savedPosition = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly model: ReadModel<S>,
    private readonly policy: SnapshotPolicy = defaultSnapshotPolicy,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  async loadLatest(): Promise<LoadedSnapshot<S> | null> {
    const last = await this.log.lastPosition();
    const candidates = await this.log.db.snapshots.where('position').belowOrEqual(last).reverse().toArray();
    const usable = candidates.find((c) => c.modelVersion === this.model.version);
    if (!usable) return null;
    this.savedPosition = usable.position;
    return { state: this.model.deserialize(usable.data), position: usable.position, streamVersions: usable.streamVersions };
  }

  /** Called after the projection moved; saves now if overdue, otherwise once things are quiet. */
  notify(projection: Projection<S>): void {
    if (projection.position - this.savedPosition >= this.policy.every) {
      void this.save(projection);
      return;
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.save(projection), this.policy.idleMs);
  }

  async save(projection: Projection<S>): Promise<void> {
    if (this.saving) return this.saving;
    const { state, position } = projection.snapshot;
    if (position <= this.savedPosition) return;
    const record: SnapshotRecord = {
      position,
      modelVersion: this.model.version,
      savedAt: this.clock(),
      streamVersions: [...projection.streamVersions()],
      data: this.model.serialize(state),
    };
    this.saving = (async () => {
      try {
        await this.log.db.transaction('rw', this.log.db.snapshots, async () => {
          await this.log.db.snapshots.put(record);
          const keys = await this.log.db.snapshots.orderBy('position').reverse().offset(this.policy.keep).primaryKeys();
          await this.log.db.snapshots.bulkDelete(keys);
        });
        this.savedPosition = position;
      } catch (error) {
        // A snapshot is a cache: failing to write one (e.g. a full disk) loses nothing.
        console.warn('Snapshot not saved', error);
      } finally {
        this.saving = null;
      }
    })();
    return this.saving;
  }

  async deleteAll(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.log.db.snapshots.clear();
    this.savedPosition = 0;
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
  }
}
