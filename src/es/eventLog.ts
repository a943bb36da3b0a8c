import Dexie from 'dexie';
import { toStoredEvent, type Commit, type EventMeta, type PendingEvent, type StoredEvent } from './envelope';
import { ConcurrencyError, StorageFullError, isQuotaError } from './errors';
import { EventLogDb } from './eventLogDb';
import { createUpcaster, type UpcasterTable } from './upcasting';

export interface EventLogOptions {
  upcasters?: UpcasterTable;
  newId?: () => string;
}

const SCAN_BATCH = 5_000;

/**
 * The append-only event log. Every write is one readwrite transaction that checks expected
 * stream versions and assigns global positions; IndexedDB serialises such transactions across
 * tabs, so positions stay gap-free and versions unique even with several tabs open.
 */
export class EventLog {
  readonly db: EventLogDb;
  private readonly upcast: (event: StoredEvent) => StoredEvent;
  private readonly newId: () => string;

  constructor(
    readonly name: string,
    options: EventLogOptions = {},
  ) {
    this.db = new EventLogDb(name);
    this.upcast = createUpcaster(options.upcasters ?? {});
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Appends events to one stream if it is still at `expectedVersion` (0 for a new stream). */
  append(streamId: string, expectedVersion: number, events: Omit<PendingEvent, 'streamId'>[], meta: EventMeta, at: string) {
    return this.appendCommits([
      { events: events.map((e) => ({ ...e, streamId })), expected: new Map([[streamId, expectedVersion]]), meta, at },
    ]);
  }

  /**
   * Writes several commits in one transaction: all of their events or none. Each stream's
   * expected version is checked against the log plus the commits before it in the same call.
   */
  async appendCommits(commits: readonly Commit[]): Promise<StoredEvent[]> {
    if (commits.every((c) => c.events.length === 0)) return [];
    const { events } = this.db;
    try {
      return await this.db.transaction('rw', events, async () => {
        const streamIds = [...new Set(commits.flatMap((c) => [...c.expected.keys(), ...c.events.map((e) => e.streamId)]))];
        const [last, ...heads] = await Promise.all([this.lastPositionInTx(), ...streamIds.map((s) => this.streamVersionInTx(s))]);
        const versions = new Map(streamIds.map((s, i) => [s, heads[i]!]));
        let seq = last;
        const rows: StoredEvent[] = [];
        for (const commit of commits) {
          for (const [streamId, expected] of commit.expected) {
            const actual = versions.get(streamId)!;
            if (actual !== expected) throw new ConcurrencyError(streamId, expected, actual);
          }
          commit.events.forEach((e, i) => {
            const version = versions.get(e.streamId)! + 1;
            versions.set(e.streamId, version);
            rows.push(toStoredEvent(e, ++seq, version, commit, commit.ids?.[i] ?? this.newId()));
          });
        }
        await events.bulkAdd(rows);
        return rows;
      });
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  async lastPosition(): Promise<number> {
    return this.db.transaction('r', this.db.events, () => this.lastPositionInTx());
  }

  count(): Promise<number> {
    return this.db.events.count();
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.db.transaction('r', this.db.events, () => this.streamVersionInTx(streamId));
  }

  /** Events with from ≤ seq ≤ to, in order. */
  async readRange(from: number, to: number = Infinity, limit = Infinity): Promise<StoredEvent[]> {
    if (to < from) return [];
    const rows = await this.db.events.where(':id').between(from, to, true, true).limit(limit).toArray();
    return rows.map(this.upcast);
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const rows = await this.db.events.where('[streamId+version]').between([streamId, fromVersion], [streamId, Dexie.maxKey]).toArray();
    return rows.map(this.upcast);
  }

  async readByType(type: string, limit = Infinity): Promise<StoredEvent[]> {
    const rows = await this.db.events.where('type').equals(type).limit(limit).toArray();
    return rows.map(this.upcast);
  }

  /** Events whose time lies in [fromIso, toIso] (ISO strings compare in time order). */
  async readByTime(fromIso: string, toIso: string, limit = Infinity): Promise<StoredEvent[]> {
    const rows = await this.db.events.where('at').between(fromIso, toIso, true, true).limit(limit).toArray();
    return rows.map(this.upcast);
  }

  /** Newest-first page of events, optionally restricted to a tag or a type, below `beforeSeq`. */
  async readNewest(options: { beforeSeq?: number; limit: number; tag?: string; type?: string }): Promise<StoredEvent[]> {
    const before = options.beforeSeq ?? Infinity;
    const { tag, type, limit } = options;
    let query;
    if (tag !== undefined) query = this.db.events.where('tags').equals(tag).reverse();
    else if (type !== undefined) query = this.db.events.where('type').equals(type).reverse();
    else query = this.db.events.where(':id').below(before).reverse();
    const rows = await query
      .filter((e) => e.seq < before && (type === undefined || e.type === type))
      .limit(limit)
      .toArray();
    return rows.map(this.upcast);
  }

  /**
   * Feeds every event after `after` to `onBatch`, in order, a batch at a time, awaiting between
   * batches so a long replay never holds the thread for the whole log.
   */
  async scan(after: number, onBatch: (events: StoredEvent[]) => void | Promise<void>, batchSize = SCAN_BATCH): Promise<number> {
    let position = after;
    for (;;) {
      const batch = await this.readRange(position + 1, Infinity, batchSize);
      if (batch.length === 0) return position;
      await onBatch(batch);
      position = batch[batch.length - 1]!.seq;
    }
  }

  close(): void {
    this.db.close();
  }

  private async lastPositionInTx(): Promise<number> {
    const keys = await this.db.events.orderBy(':id').reverse().limit(1).primaryKeys();
    return keys[0] ?? 0;
  }

  private async streamVersionInTx(streamId: string): Promise<number> {
    const last = await this.db.events.where('[streamId+version]').between([streamId, Dexie.minKey], [streamId, Dexie.maxKey]).last();
    return last?.version ?? 0;
  }
}

function translateWriteError(error: unknown): unknown {
  if (error instanceof ConcurrencyError) return error;
  if (isQuotaError(error)) return new StorageFullError(error);
  return error;
}
