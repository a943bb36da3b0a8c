import Dexie from 'dexie';
import type { EventBytes } from './blockText';
import {
  toStoredEvent,
  type Commit,
  type EventMeta,
  type PendingEvent,
  type ReplayEvent,
  type StoredEvent,
  type UnchainedEvent,
} from './envelope';
import { ConcurrencyError, HistoryReplacedError, LogDamageError, StorageFullError, WritesRefusedError, isQuotaError } from './errors';
import { EventLogDb, earlierOriginKey, type Durability, type OriginRow } from './eventLogDb';
import type { Compaction, LogOrigin } from './logOrigin';
import { GENESIS_HASH, chain, chainHash } from './hashChain';
import { verifyStoredRows, type ChainLink, type ChainVerdict, type VerifyOptions } from './chainCheck';
import { ReplayBlocks, type ReplayBlockWriter } from './replayBlocks';
import { createUpcaster, type Upcaster, type UpcasterOptions, type UpcasterTable } from './upcasting';
import { TAIL_KEY, parseTailRewrites, rewrittenSince, withRewrite, type RewrittenSince } from './tailRewrites';

export interface EventLogOptions extends UpcasterOptions {
  upcasters?: UpcasterTable;
  /** Chromium's commit durability for this connection's writes; the browser's default unless set. */
  durability?: Durability;
  newId?: () => string;
  /**
   * Another connection (a newer build in another tab) upgrades or deletes the database. The log
   * closes at once so the upgrade is not blocked, and stays closed: this code no longer knows
   * the schema, so it must not write. The page should reload.
   */
  onVersionChange?: (newVersion: number | null) => void;
  /** Opening waits because an older connection in another tab still holds the database. */
  onBlocked?: () => void;
  /**
   * Makes a missing replay block from the rows somewhere else (a worker running
   * `writeReplayBlock` on its own connection) and hands back its bytes; without it, or when it
   * fails, the rows are read here.
   */
  replayBlockWriter?: ReplayBlockWriter;
}

const SCAN_BATCH = 2_000;
/** Rows handed to IndexedDB per call, so a big write lets the page breathe between batches. */
const WRITE_BATCH = 2_000;

export interface AppendOptions {
  /**
   * Write only if the log still ends at this position (nothing was appended since the caller
   * decided); otherwise a ConcurrencyError for the stream "$all".
   */
  expectedPosition?: number;
  /**
   * Each stream's version at `expectedPosition`, as the caller's projection knows it, so a write
   * touching thousands of streams need not look each one up. A wrong answer cannot corrupt the
   * log: the unique [streamId+version] index then rejects the whole write.
   */
  versionAt?: (streamId: string) => number;
  /** Aborting before the transaction commits drops the whole write. */
  signal?: AbortSignal;
  /** Told after each batch of rows is handed to IndexedDB (not yet durable: that is all or nothing). */
  onProgress?: (written: number, total: number) => void;
  /**
   * The identity of the history the decision was made on (`pinHistory`), for a writer on another
   * connection (a worker); this log's pinned one unless given.
   */
  history?: string | null;
  /** The count of tail rewrites (`pinnedTail`) the decision was made on; this log's pinned one unless given. */
  tail?: number;
  /**
   * Where the caller's projection says the log ends (its last event), with `versionAt` for each
   * stream there: the rows are written without reading the log first, and the log's unique keys
   * are the check. A row at a position or stream version already taken (another writer got
   * there first) refuses the whole write with a ConcurrencyError on "$all", and the pins are read
   * in the same transaction; the log never ends before a head its pinned history and tail hold.
   */
  head?: ChainLink;
}

/** A sync rebase rewrote the log's tail after the decision was made on it: fold the log again, then decide again. */
export class TailRewrittenError extends ConcurrencyError {
  constructor(pinned: number, current: number) {
    super('$all', pinned, current);
    this.message = `The history after an earlier event was rewritten by sync (rewrite ${current}) since this was decided on rewrite ${pinned}.`;
  }
}

/** Where the log ends: the last position (0 when empty) and the hash the next event chains from. */
interface LogHead {
  seq: number;
  hash: string;
}

export interface PositionFilter {
  types?: string[];
  tag?: string;
  streamId?: string;
  fromTime?: string;
  toTime?: string;
  /** Events in any of these streams, streams starting so, or with any of these tags (none given: no event). */
  anyOf?: AnySource;
}

export interface AnySource {
  streams?: readonly string[];
  streamPrefixes?: readonly string[];
  tags?: readonly string[];
}

/**
 * The append-only event log. Every write is one readwrite transaction that checks expected
 * stream versions and assigns global positions; IndexedDB serialises such transactions across
 * tabs, so positions stay gap-free and versions unique even with several tabs open.
 */
export class EventLog {
  readonly db: EventLogDb;
  private readonly upcast: Upcaster;
  private readonly newId: () => string;
  private readonly blocks: ReplayBlocks;
  private refusal: string | null = null;
  /** The origin's stream versions, read once per origin (named by its hash): see archivedVersionInTx. */
  private archivedVersions: { hash: string; versions: Map<string, number> } | null = null;
  /** The history (its identity) the state this log's appends are decided on was loaded from: see pinHistory. */
  private pinned: { id: string | null } | null = null;
  /** How many tail rewrites the pinned state had folded (null: nothing pinned); see adoptRewrite. */
  private pinnedTailCount: number | null = null;
  private readonly replacedListeners = new Set<(error: HistoryReplacedError) => void>();

  constructor(
    readonly name: string,
    options: EventLogOptions = {},
  ) {
    this.db = new EventLogDb(name, options.durability);
    this.db.on('versionchange', (event) => {
      this.db.close({ disableAutoOpen: true });
      options.onVersionChange?.(event.newVersion);
      // Stops Dexie's default handler, which would reopen the database on the next query.
      return false;
    });
    this.db.on('blocked', () => options.onBlocked?.());
    this.upcast = createUpcaster(options.upcasters ?? {}, options);
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.blocks = new ReplayBlocks(this.db, this.upcast, options.replayBlockWriter);
  }

  /**
   * From now on every append fails with a WritesRefusedError carrying `reason`: the log is kept
   * as it is (damaged, or written by a newer build) until allowWrites().
   */
  refuseWrites(reason: string): void {
    this.refusal = reason;
  }

  allowWrites(): void {
    this.refusal = null;
  }

  /** Throws the WritesRefusedError an append would, for writers on another connection (a worker). */
  assertWritable(): void {
    if (this.refusal !== null) throw new WritesRefusedError(this.refusal);
  }

  /**
   * Whether a newer build upgraded the database past this build's schema. Dexie then opens it at
   * its own version (it retries a VersionError without one), so the schema it reads is not ours.
   */
  async upgradedByNewerBuild(): Promise<boolean> {
    await this.db.open();
    return this.db.backendDB().version / 10 > EventLogDb.schemaVersion;
  }

  /** The id this database was given when first opened by a build that names logs; null before. */
  async identity(): Promise<string | null> {
    return (await this.db.logInfo.get('identity'))?.value ?? null;
  }

  /** Gives the database an id unless it has one; returns the id it has. */
  async ensureIdentity(): Promise<string> {
    return this.db.transaction('rw', this.db.logInfo, async () => {
      const existing = await this.db.logInfo.get('identity');
      if (existing) return existing.value;
      const value = this.newId();
      await this.db.logInfo.add({ key: 'identity', value });
      return value;
    });
  }

  /** The identities this log was given before, each left behind when its user started over. */
  async supersededIdentities(): Promise<string[]> {
    const row = await this.db.logInfo.get('superseded');
    try {
      const ids: unknown = JSON.parse(row?.value ?? '[]');
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  /**
   * Gives the log a new identity and remembers the old one and `leaving` (the record's) as left
   * behind, in one transaction, so a record of them that outlives the start over is not taken
   * for a loss again.
   */
  async startAnew(leaving: string | null): Promise<string> {
    return this.db.transaction('rw', this.db.logInfo, async () => {
      const current = (await this.db.logInfo.get('identity'))?.value ?? null;
      const superseded = new Set(await this.supersededIdentities());
      for (const id of [current, leaving]) if (id !== null) superseded.add(id);
      const value = this.newId();
      await this.db.logInfo.bulkPut([
        { key: 'identity', value },
        { key: 'superseded', value: JSON.stringify([...superseded]) },
      ]);
      // This connection made the new history, so what it writes next is decided on it.
      if (this.pinned) this.pinned = { id: value };
      return value;
    });
  }

  /**
   * Pins the history a reader is about to load its state from (its identity; null while it has
   * none). From then on every append checks, inside its own transaction, that the log still holds
   * that history, and is refused with a HistoryReplacedError otherwise: a message from the tab that
   * replaced it can come too late (docs/decisions/012-hash-chain-and-history-files.md). Call it
   * before reading the state.
   */
  async pinHistory(): Promise<string | null> {
    const [identity, tail] = await this.db.logInfo.bulkGet(['identity', TAIL_KEY]);
    const id = identity?.value ?? null;
    this.pinned = { id };
    this.pinnedTailCount = parseTailRewrites(tail?.value).count;
    return id;
  }

  /** The count of tail rewrites pinned with the history, to hand to a writer on another connection. */
  get pinnedTail(): number | undefined {
    return this.pinnedTailCount ?? undefined;
  }

  /**
   * Pins the rewritten tail (readPinned's answer) as what appends are decided on: call it in the
   * same turn as the state is reset to fold the log again, so no decision on the old tail follows.
   */
  adoptRewrite(rewrite: RewrittenSince): void {
    if (rewrite.identity === null) throw new Error('adoptRewrite: the history was replaced as a whole, not rewritten.');
    this.pinned = { id: rewrite.identity };
    this.pinnedTailCount = rewrite.count;
  }

  /**
   * Up to `limit` events from `from` on, read in one transaction with the record of tail rewrites:
   * when the tail was rewritten since the pin, what to fold again, and no events (they would be
   * the new tail's, not a continuation of what the reader folded).
   */
  async readPinned(from: number, limit: number): Promise<{ events: StoredEvent[]; rewritten: RewrittenSince | null }> {
    const { db } = this;
    return db.transaction('r', [db.events, db.logInfo], async () => {
      const rewritten = await this.rewrittenInTx();
      if (rewritten) return { events: [], rewritten };
      return { events: await this.readRange(from, Infinity, limit), rewritten: null };
    });
  }

  /** The identity pinned by pinHistory (undefined when none was), to hand to a writer on another connection. */
  get pinnedHistory(): string | null | undefined {
    return this.pinned?.id;
  }

  /** Told once an append finds that the history was replaced under this log (and is refused). */
  onHistoryReplaced(listener: (error: HistoryReplacedError) => void): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  /**
   * A writer on another connection (a worker) found the history replaced: this log refuses writes
   * and tells its listeners, as its own append would have.
   */
  replacedUnder(error: HistoryReplacedError): void {
    if (this.refusal !== null) return;
    this.refuseWrites(error.message);
    for (const listener of this.replacedListeners) listener(error);
  }

  /**
   * Inside the caller's transaction, which must include `logInfo`: a HistoryReplacedError (writes
   * then refused, listeners told) unless the log still holds the pinned history. For writers of
   * what is derived from that history, such as snapshots, which a replaced log must not take.
   */
  async checkPinnedHistoryInTx(): Promise<void> {
    try {
      await this.checkPinsInTx(this.pinned, this.pinnedTailCount);
    } catch (error) {
      if (error instanceof HistoryReplacedError) this.replacedUnder(error);
      throw error;
    }
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
  async appendCommits(commits: readonly Commit[], options: AppendOptions = {}): Promise<StoredEvent[]> {
    this.assertWritable();
    if (commits.every((c) => c.events.length === 0)) return [];
    const { expectedPosition, versionAt, signal, onProgress } = options;
    if (versionAt && expectedPosition === undefined && !options.head)
      throw new Error('appendCommits: versionAt needs expectedPosition or head.');
    const history = options.history !== undefined ? { id: options.history } : this.pinned;
    const tail = options.tail ?? (options.history === undefined ? this.pinnedTailCount : null);
    if (options.head) {
      if (!versionAt) throw new Error('appendCommits: head needs versionAt.');
      return this.appendOnHead(commits, options.head, versionAt, history, tail);
    }
    const { events } = this.db;
    try {
      return await this.db.transaction('rw', [events, this.db.origin, this.db.logInfo], async () => {
        let end: LogHead;
        const versions = new Map<string, number>();
        if (versionAt) {
          [end] = await Promise.all([this.headInTx(), this.checkPinsInTx(history, tail)]);
        } else {
          const streamIds = [...new Set(commits.flatMap((c) => [...c.expected.keys(), ...c.events.map((e) => e.streamId)]))];
          const [head, , ...heads] = await Promise.all([
            this.headInTx(),
            this.checkPinsInTx(history, tail),
            ...streamIds.map((s) => this.streamVersionInTx(s)),
          ]);
          end = head;
          streamIds.forEach((s, i) => versions.set(s, heads[i]!));
        }
        if (expectedPosition !== undefined && end.seq !== expectedPosition) throw new ConcurrencyError('$all', expectedPosition, end.seq);
        // Hashed synchronously, inside the transaction: an await of anything but IndexedDB
        // (WebCrypto's digest) would let it commit before the rows are added.
        const rows = this.placeCommits(commits, end, (streamId) => versions.get(streamId) ?? versionAt!(streamId));
        // Two batches in flight: IndexedDB stores one while the next is being copied to it, and
        // the page gets a turn between batches.
        let previous: { done: Promise<unknown>; upTo: number } | null = null;
        for (let from = 0; from < rows.length; from += WRITE_BATCH) {
          signal?.throwIfAborted();
          const batch = { done: events.bulkAdd(rows.slice(from, from + WRITE_BATCH)), upTo: Math.min(from + WRITE_BATCH, rows.length) };
          // Awaited below; if an earlier batch fails first, this one's rejection is expected.
          batch.done.catch(() => undefined);
          if (previous) {
            await previous.done;
            onProgress?.(previous.upTo, rows.length);
          }
          previous = batch;
        }
        await previous!.done;
        onProgress?.(rows.length, rows.length);
        signal?.throwIfAborted();
        return rows;
      });
    } catch (error) {
      if (error instanceof HistoryReplacedError) this.replacedUnder(error);
      throw translateWriteError(error);
    }
  }

  /**
   * The commits' events placed after `after` and chained on from it, each stream going on from
   * `versionOf`; a ConcurrencyError where a commit expected its stream at another version.
   */
  private placeCommits(commits: readonly Commit[], after: ChainLink, versionOf: (streamId: string) => number): StoredEvent[] {
    const versions = new Map<string, number>();
    const head = (streamId: string) => versions.get(streamId) ?? versionOf(streamId);
    let seq = after.seq;
    const placed: UnchainedEvent[] = [];
    for (const commit of commits) {
      for (const [streamId, expected] of commit.expected) {
        const actual = head(streamId);
        if (actual !== expected) throw new ConcurrencyError(streamId, expected, actual);
      }
      commit.events.forEach((e, i) => {
        const version = head(e.streamId) + 1;
        versions.set(e.streamId, version);
        placed.push(toStoredEvent(e, ++seq, version, commit, commit.ids?.[i] ?? this.newId()));
      });
    }
    return chain(after.hash, placed);
  }

  /** appendCommits with a head given: nothing is read before the rows are handed to IndexedDB. */
  private async appendOnHead(
    commits: readonly Commit[],
    head: ChainLink,
    versionAt: (streamId: string) => number,
    history: { id: string | null } | null,
    tail: number | null,
  ): Promise<StoredEvent[]> {
    const rows = this.placeCommits(commits, head, versionAt);
    const { db } = this;
    try {
      await db.transaction('rw', [db.events, db.logInfo], async () => {
        // Both at once: a failed check rejects this scope, which aborts the transaction, rows and all.
        await Promise.all([this.checkPinsInTx(history, tail), db.events.bulkAdd(rows)]);
      });
      return rows;
    } catch (error) {
      if (error instanceof HistoryReplacedError) this.replacedUnder(error);
      // A position or stream version taken: the log moved on past the head the caller folded.
      if (isConstraintError(error)) throw new ConcurrencyError('$all', head.seq, NaN);
      throw translateWriteError(error);
    }
  }

  /**
   * Writes checked rows of a history file (HistoryFileChecker) into this log in one transaction:
   * all of them or, on any failure or abort, none. The log must still end where the caller saw it:
   * - `replacing` (0: empty): a history it held is replaced, and the log gets a new identity, the
   *   old one left behind (as startAnew), so the record of its length is not taken for a loss;
   *   cached snapshots and replay blocks go too, so nothing of a history before is mixed in;
   * - `continuing`: the file starts from an anchor that is this log's head (the next part of a
   *   history archived in pieces), and each stream goes on from the version the log has.
   */
  async adoptHistory(
    rows: readonly StoredEvent[],
    options: Pick<AppendOptions, 'signal' | 'onProgress'> & { replacing?: number; continuing?: ChainLink } = {},
  ): Promise<void> {
    this.assertWritable();
    const { db } = this;
    const { signal, continuing } = options;
    const replacing = options.replacing ?? 0;
    try {
      await db.transaction(
        'rw',
        [db.events, db.snapshotHeader, db.snapshotRows, db.snapshots, db.replayParts, db.logInfo, db.origin],
        async () => {
          const head = await this.headInTx();
          if (continuing) {
            if (head.seq !== continuing.seq || head.hash !== continuing.hash) throw new ConcurrencyError('$all', continuing.seq, head.seq);
            // Every stream's head at once: one round trip, not one a stream.
            const firsts = [...firstVersions(rows)];
            const versions = await Promise.all(firsts.map(([streamId]) => this.streamVersionInTx(streamId)));
            firsts.forEach(([streamId, first], i) => {
              if (versions[i] !== first - 1) throw new ConcurrencyError(streamId, first - 1, versions[i]!);
            });
          } else {
            if (head.seq !== replacing) throw new ConcurrencyError('$all', replacing, head.seq);
            if (head.seq > 0) {
              await Promise.all([db.events.clear(), db.origin.clear()]);
              this.archivedVersions = null;
              await this.startAnew(null);
            }
            await Promise.all([db.snapshotHeader.clear(), db.snapshotRows.clear(), db.snapshots.clear(), db.replayParts.clear()]);
          }
          await this.addInBatches(rows, options);
          signal?.throwIfAborted();
        },
      );
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  /**
   * Replaces every event after `after` (a sync rebase: upstream's events, then this device's
   * commands decided again) in one transaction, if the log still holds `after` as given and still
   * ends at `head`. The rows must chain on from `after`. Snapshots past `after` and the replay
   * blocks (caches of what is replaced) go too; a crash leaves the old tail or the new, whole.
   * The log gets a new identity (the old one left behind, as startAnew), since it may now be
   * shorter than a record of its length, and the rewrite is counted (tailRewrites.ts): every
   * reader, in this tab too, is refused appends until it folds the new tail (readPinned).
   */
  async replaceTail(after: ChainLink, head: ChainLink, rows: readonly StoredEvent[]): Promise<void> {
    this.assertWritable();
    const { db } = this;
    const broken = verifyChainOf(after, rows);
    if (broken !== null) throw new Error(`replaceTail: row ${broken} does not chain on from event ${after.seq}; nothing was replaced.`);
    try {
      const tables = [db.events, db.origin, db.snapshotHeader, db.snapshotRows, db.snapshots, db.replayParts, db.logInfo];
      await db.transaction('rw', tables, async () => {
        const [start, end, info] = await Promise.all([this.startInTx(), this.headInTx(), db.logInfo.bulkGet(['identity', TAIL_KEY])]);
        const held = after.seq === start.seq ? start.hash : (await db.events.get(after.seq))?.hash;
        if (held !== after.hash || after.seq < start.seq) throw new ConcurrencyError('$all', after.seq, start.seq);
        if (end.seq !== head.seq || end.hash !== head.hash) throw new ConcurrencyError('$all', head.seq, end.seq);
        const [identity, tail] = info;
        const from = identity?.value ?? null;
        const to = this.newId();
        const superseded = new Set(await this.supersededIdentities());
        if (from !== null) superseded.add(from);
        await db.logInfo.bulkPut([
          { key: 'identity', value: to },
          { key: 'superseded', value: JSON.stringify([...superseded]) },
          { key: TAIL_KEY, value: JSON.stringify(withRewrite(parseTailRewrites(tail?.value), { after: after.seq, from, to })) },
        ]);
        await db.events.where(':id').above(after.seq).delete();
        const headers = await db.snapshotHeader.toArray();
        if (headers.some((h) => h.position > after.seq)) await Promise.all([db.snapshotHeader.clear(), db.snapshotRows.clear()]);
        await Promise.all([db.snapshots.where('position').above(after.seq).delete(), db.replayParts.clear()]);
        await this.addInBatches(rows, {});
      });
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  /**
   * Archives the events up to `compaction.position` (already written to an archive file): in one
   * transaction, checks that the event there still carries the hash the file ends with, removes
   * it and every event before it, and writes the origin that stands in for them. Snapshots from
   * before it and the replay blocks (a cache) go too.
   */
  async compactTo(compaction: Compaction): Promise<void> {
    this.assertWritable();
    const { db } = this;
    const { position, hash, archivedAs, archivedAt, modelVersion, data, streamVersions } = compaction;
    try {
      await db.transaction('rw', [db.events, db.origin, db.snapshotHeader, db.snapshotRows, db.snapshots, db.replayParts], async () => {
        const [current, row] = await Promise.all([this.currentOriginInTx(), db.events.get(position)]);
        if (position <= (current?.position ?? 0) || row?.hash !== hash) {
          throw new Error(`Event ${position} is no longer the one archived (it changed, or was archived already): nothing was removed.`);
        }
        await db.events.where(':id').belowOrEqual(position).delete();
        // The origin this one replaces is kept: putting back the archive between them needs its state.
        if (current) await db.origin.put({ key: earlierOriginKey(current.position), ...current });
        await db.origin.bulkPut([
          { key: 'anchor', position, hash, archivedAs, archivedAt },
          { key: 'versions', streamVersions },
          { key: 'state', modelVersion, data },
        ]);
        const headers = await db.snapshotHeader.toArray();
        if (headers.some((h) => h.position < position)) await Promise.all([db.snapshotHeader.clear(), db.snapshotRows.clear()]);
        await Promise.all([db.snapshots.where('position').below(position).delete(), db.replayParts.clear()]);
      });
    } catch (error) {
      throw translateWriteError(error);
    }
    this.archivedVersions = null;
  }

  /**
   * Puts archived events back, in one transaction: a file that ends where the log now starts (its
   * origin's position and hash). From the first event, the origin goes and the log holds its whole
   * history and chain again. From an earlier origin (a history archived more than once), that
   * origin becomes the log's again; the file's first event must chain from its hash. Each stream
   * must go on in the file from its version at the file's start and end at the version the origin
   * recorded for it.
   */
  async restoreArchive(rows: readonly StoredEvent[], options: Pick<AppendOptions, 'signal' | 'onProgress'> = {}): Promise<void> {
    this.assertWritable();
    const { db } = this;
    const [first, last] = [rows[0], rows.at(-1)];
    try {
      await db.transaction('rw', [db.events, db.origin, db.replayParts], async () => {
        const origin = await this.currentOriginInTx();
        if (!origin || !first || !last || last.seq !== origin.position || last.hash !== origin.hash) {
          throw new ConcurrencyError('$all', origin?.position ?? 0, last?.seq ?? 0);
        }
        const from = first.seq - 1;
        const earlier = from === 0 ? null : earlierOf(await db.origin.get(earlierOriginKey(from)));
        if (from > 0 && (!earlier || !chainsFrom(earlier.hash, first))) {
          throw new Error(
            `The state this history had at event ${from}, where the archive starts, is not kept in this browser: nothing was imported.`,
          );
        }
        const atStart = new Map(earlier?.streamVersions ?? []);
        const ends = new Map(atStart);
        for (const [streamId, version] of lastVersions(rows)) ends.set(streamId, version);
        const archived = new Map(origin.streamVersions);
        const continues = [...firstVersions(rows)].every(([streamId, version]) => version === (atStart.get(streamId) ?? 0) + 1);
        if (!continues || ends.size !== archived.size || [...ends].some(([streamId, version]) => archived.get(streamId) !== version)) {
          throw new Error('The archive does not end with the stream versions this history starts from: nothing was imported.');
        }
        await this.addInBatches(rows, options);
        if (earlier) {
          const { position, hash, archivedAs, archivedAt, modelVersion, data, streamVersions } = earlier;
          await db.origin.bulkPut([
            { key: 'anchor', position, hash, archivedAs, archivedAt },
            { key: 'versions', streamVersions },
            { key: 'state', modelVersion, data },
          ]);
          await db.origin.delete(earlierOriginKey(from));
        } else {
          await db.origin.clear();
        }
        // A cache of positions: blocks written while the archived events were missing are dropped.
        await db.replayParts.clear();
      });
    } catch (error) {
      throw translateWriteError(error);
    }
    this.archivedVersions = null;
  }

  /** The origin kept from before the log was archived again, at `position`; null when none is kept there. */
  async earlierOrigin(position: number): Promise<LogOrigin | null> {
    const earlier = earlierOf(await this.db.origin.get(earlierOriginKey(position)));
    return earlier && { position, hash: earlier.hash, archivedAs: earlier.archivedAs, archivedAt: earlier.archivedAt };
  }

  /** Where the log starts when its beginning was archived; null when it holds every event from the first. */
  async origin(): Promise<LogOrigin | null> {
    return anchorOf(await this.db.origin.get('anchor'));
  }

  /** The read model and stream versions at the origin, as stored; null without an origin. */
  async originState(): Promise<Pick<Compaction, 'position' | 'modelVersion' | 'data' | 'streamVersions'> | null> {
    return this.db.transaction('r', this.db.origin, async () => {
      const [anchor, versions, state] = await this.db.origin.bulkGet(['anchor', 'versions', 'state']);
      if (anchor?.key !== 'anchor' || versions?.key !== 'versions' || state?.key !== 'state') return null;
      return { position: anchor.position, modelVersion: state.modelVersion, data: state.data, streamVersions: versions.streamVersions };
    });
  }

  /**
   * The first position after the log's start (its origin, or 0) up to `upTo` with no event, or
   * null when none is missing: a count, then a binary search by counts (about 20 requests at a
   * million events). Reads no event, so it finds gaps, not unreadable events.
   */
  async firstGap(upTo: number): Promise<number | null> {
    const start = (await this.chainStart()).seq;
    const countTo = (position: number) =>
      this.db.events
        .where(':id')
        .between(start + 1, position, true, true)
        .count();
    if (upTo <= start || (await countTo(upTo)) === upTo - start) return null;
    let [low, high] = [start + 1, upTo];
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if ((await countTo(middle)) < middle - start) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /**
   * Checks the hash chain of every event up to the last one (when the check began), as stored:
   * intact with its head hash, or the first position where it breaks and why.
   */
  async verifyChain(options: VerifyOptions = {}): Promise<ChainVerdict> {
    const start = await this.chainStart();
    return this.verifyPart(start.seq, await this.lastPosition(), options);
  }

  /**
   * The same check for the events after `after` up to `upTo`, from the hash stored with the event
   * at `after` (the chain's start there). Each event is checked against its predecessor as stored,
   * so consecutive parts checked apart (in several workers) together say what one whole check says.
   */
  async verifyPart(after: number, upTo: number, options: VerifyOptions = {}): Promise<ChainVerdict> {
    const start = await this.chainStart();
    if (after < start.seq) after = start.seq;
    const hash = after === start.seq ? start.hash : await this.storedHashAt(after);
    if (hash === null) return { intact: false, events: Math.max(0, upTo - after), brokenAt: after, problem: 'missing', from: after };
    return verifyStoredRows(this.db.events, { seq: after, hash }, upTo, options);
  }

  /** The hash stored with the event at `position`, as written; null where there is none. */
  async storedHashAt(position: number): Promise<string | null> {
    const row: unknown = await this.db.events.get(position);
    const hash = (row as { hash?: unknown } | undefined)?.hash;
    return typeof hash === 'string' ? hash : null;
  }

  /**
   * Whether the event at `position` still carries `hash` and still hashes to it from the event
   * before it: what a start from a snapshot saved there checks, so the snapshot cannot hide a
   * change to the event it was folded up to.
   */
  async holdsLink(position: number, hash: string): Promise<boolean> {
    const start = await this.chainStart();
    // The event a snapshot was saved at may since have been archived: the anchor carries its hash.
    if (position === start.seq) return hash === start.hash;
    const [before, row] = await this.db.events.bulkGet([position - 1, position]);
    if (!row || row.hash !== hash) return false;
    const previous = position - 1 === start.seq ? start.hash : before?.hash;
    try {
      return previous !== undefined && chainHash(previous, row) === hash;
    } catch {
      return false;
    }
  }

  /** Where the chain starts: the origin's anchor, or the genesis hash before the first event. */
  async chainStart(): Promise<ChainLink> {
    return linkOf(anchorOf(await this.db.origin.get('anchor')));
  }

  /** The last event's position; the origin's when every event was archived (0 for an empty log). */
  async lastPosition(): Promise<number> {
    return this.db.transaction('r', [this.db.events, this.db.origin], () => this.lastPositionInTx());
  }

  count(): Promise<number> {
    return this.db.events.count();
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.db.transaction('r', [this.db.events, this.db.origin], () => this.streamVersionInTx(streamId));
  }

  /**
   * What replaying the events with from ≤ seq ≤ to needs (no ids, causation or tags), read through
   * the block cache: each full block of `blockSize` positions is one stored value, written the
   * first time a read covers it whole.
   */
  readRangeViaBlocks(from: number, to: number, blockSize: number): Promise<ReplayEvent[]> {
    return this.blocks.readRange(from, to, blockSize);
  }

  /**
   * Reads the rows of replay block `index` of `size` positions, stores the block and returns its
   * bytes (null when the log does not hold the whole block yet): what a `ReplayBlockWriter` runs.
   */
  writeReplayBlock(size: number, index: number): Promise<EventBytes | null> {
    return this.blocks.writeFromRows(size, index);
  }

  /** The same, for a range inside one block (an error otherwise). */
  readWithinBlock(from: number, to: number, blockSize: number): Promise<ReplayEvent[]> {
    return this.blocks.readWithin(from, to, blockSize);
  }

  /** The rows with from ≤ seq ≤ to as written (not upcast): what the hash chain and an export cover. */
  async readStoredRows(from: number, to: number, limit = Infinity): Promise<unknown[]> {
    if (to < from) return [];
    return this.db.events.where(':id').between(from, to, true, true).limit(limit).toArray();
  }

  /** A row as written (by this log or another device's) brought to the current schema, as every read here does. */
  upcastRow(row: StoredEvent): StoredEvent {
    return this.upcast(row);
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

  /** The events at the given positions, in the order given (missing ones left out). */
  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    const rows = await this.db.events.bulkGet([...positions]);
    return rows.filter((e): e is StoredEvent => e !== undefined).map(this.upcast);
  }

  /** Every event of one chain (a user's command and all it caused), in order. */
  async readCorrelated(correlationId: string): Promise<StoredEvent[]> {
    const rows = await this.db.events.where('meta.correlationId').equals(correlationId).toArray();
    return rows.map(this.upcast);
  }

  /**
   * Positions of the events matching every given criterion, ascending. Index look-ups only;
   * free-text search is left to the caller, over the positions this returns.
   */
  async positionsMatching(filter: PositionFilter): Promise<number[]> {
    const { events } = this.db;
    const lists: Promise<number[]>[] = [];
    if (filter.types?.length) lists.push(events.where('type').anyOf(filter.types).primaryKeys());
    if (filter.tag) lists.push(events.where('tags').equals(filter.tag).primaryKeys());
    if (filter.streamId) {
      lists.push(
        events.where('[streamId+version]').between([filter.streamId, Dexie.minKey], [filter.streamId, Dexie.maxKey]).primaryKeys(),
      );
    }
    if (filter.anyOf) lists.push(this.positionsOfAny(filter.anyOf));
    if (filter.fromTime || filter.toTime) {
      lists.push(
        events
          .where('at')
          .between(filter.fromTime ?? '', filter.toTime ?? '\uffff', true, true)
          .primaryKeys(),
      );
    }
    if (lists.length === 0) return [];
    const [first, ...rest] = (await Promise.all(lists)).map((l) => l.sort((a, b) => a - b));
    const others = rest.map((l) => new Set(l));
    return first!.filter((seq) => others.every((set) => set.has(seq)));
  }

  /** One index read per kind of source, however many sources: a name can stand for thousands of streams. */
  private async positionsOfAny({ streams = [], streamPrefixes = [], tags = [] }: AnySource): Promise<number[]> {
    const { events } = this.db;
    const ranges: Array<[unknown, unknown]> = [
      ...streams.map((s): [unknown, unknown] => [
        [s, Dexie.minKey],
        [s, Dexie.maxKey],
      ]),
      ...streamPrefixes.map((p): [unknown, unknown] => [
        [p, Dexie.minKey],
        [`${p}\uffff`, Dexie.maxKey],
      ]),
    ];
    const reads: Promise<number[]>[] = [];
    if (ranges.length) reads.push(events.where('[streamId+version]').inAnyRange(ranges, { includeUppers: true }).primaryKeys());
    if (tags.length)
      reads.push(
        events
          .where('tags')
          .anyOf([...tags])
          .primaryKeys(),
      );
    return [...new Set((await Promise.all(reads)).flat())];
  }

  /**
   * Feeds every event after `after` to `onBatch`, in order, a batch at a time, awaiting between
   * batches so a long replay never holds the thread for the whole log. A gap in the positions is
   * a LogDamageError naming the first missing one; the batches before it have been fed.
   */
  async scan(
    after: number,
    onBatch: (events: StoredEvent[]) => void | Promise<void>,
    batchSize = SCAN_BATCH,
    upTo = Infinity,
  ): Promise<number> {
    let position = after;
    for (;;) {
      const batch = await this.readRange(position + 1, upTo, batchSize);
      if (batch.length === 0) return position;
      const gap = batch.findIndex((e, i) => e.seq !== position + 1 + i);
      if (gap >= 0) {
        if (gap > 0) await onBatch(batch.slice(0, gap));
        throw new LogDamageError(position + 1 + gap, 'missing');
      }
      await onBatch(batch);
      position = batch[batch.length - 1]!.seq;
    }
  }

  close(): void {
    this.db.close();
  }

  /**
   * Inside an append's transaction: the log still holds the history `history` names (one read by
   * key), else a HistoryReplacedError. Nothing to check when no history was pinned.
   */
  /**
   * Inside a transaction that includes `logInfo`, in one read: a TailRewrittenError unless the
   * log's tail was rewritten `tail` times (null: not checked), then a HistoryReplacedError unless
   * it holds `history` (see checkHistoryInTx). The tail first: a rewrite also renames the log, and
   * is answered by folding again, not by a reload.
   */
  private async checkPinsInTx(history: { id: string | null } | null, tail: number | null): Promise<void> {
    if (tail === null) return this.checkHistoryInTx(history);
    const [identity, row] = await this.db.logInfo.bulkGet(['identity', TAIL_KEY]);
    const current = parseTailRewrites(row?.value).count;
    if (current !== tail) throw new TailRewrittenError(tail, current);
    return this.checkHistoryInTx(history, identity?.value ?? null);
  }

  /** Inside a transaction that includes `logInfo`: what was rewritten since the pin, if anything. */
  private async rewrittenInTx(): Promise<RewrittenSince | null> {
    if (this.pinnedTailCount === null) return null;
    const [identity, tail] = await this.db.logInfo.bulkGet(['identity', TAIL_KEY]);
    return rewrittenSince(parseTailRewrites(tail?.value), this.pinnedTailCount, this.pinned?.id ?? null, identity?.value ?? null);
  }

  private async checkHistoryInTx(history: { id: string | null } | null, known?: string | null): Promise<void> {
    if (!history) return;
    const current = known !== undefined ? known : ((await this.db.logInfo.get('identity'))?.value ?? null);
    if (current === history.id) return;
    if (history.id === null) {
      // A first start elsewhere names a log without changing it (ensureIdentity); only a new
      // history (startAnew) leaves the 'superseded' row behind.
      if (!(await this.db.logInfo.get('superseded'))) {
        if (history === this.pinned) this.pinned = { id: current };
        return;
      }
    }
    throw new HistoryReplacedError(history.id, current);
  }

  private async lastPositionInTx(): Promise<number> {
    const keys = await this.db.events.orderBy(':id').reverse().limit(1).primaryKeys();
    return keys[0] ?? (await this.startInTx()).seq;
  }

  /** The last event's position and the hash the next event chains from. */
  private async headInTx(): Promise<LogHead> {
    const [last] = await this.db.events.orderBy(':id').reverse().limit(1).toArray();
    return last ? { seq: last.seq, hash: last.hash } : this.startInTx();
  }

  /** The origin's three rows as one, inside the caller's transaction; null without an origin. */
  private async currentOriginInTx(): Promise<Compaction | null> {
    const [anchor, versions, state] = await this.db.origin.bulkGet(['anchor', 'versions', 'state']);
    const origin = anchorOf(anchor);
    if (!origin) return null;
    return {
      ...origin,
      streamVersions: versions?.key === 'versions' ? versions.streamVersions : [],
      modelVersion: state?.key === 'state' ? state.modelVersion : 0,
      data: state?.key === 'state' ? state.data : null,
    };
  }

  private async startInTx(): Promise<LogHead> {
    return linkOf(anchorOf(await this.db.origin.get('anchor')));
  }

  private async streamVersionInTx(streamId: string): Promise<number> {
    const last = await this.db.events.where('[streamId+version]').between([streamId, Dexie.minKey], [streamId, Dexie.maxKey]).last();
    return last?.version ?? this.archivedVersionInTx(streamId);
  }

  /** A stream's version at the origin, for a stream with no event after it (0 without an origin). */
  private async archivedVersionInTx(streamId: string): Promise<number> {
    const anchor = anchorOf(await this.db.origin.get('anchor'));
    if (!anchor) return 0;
    if (this.archivedVersions?.hash !== anchor.hash) {
      const row = await this.db.origin.get('versions');
      this.archivedVersions = { hash: anchor.hash, versions: new Map(row?.key === 'versions' ? row.streamVersions : []) };
    }
    return this.archivedVersions.versions.get(streamId) ?? 0;
  }

  /** Adds checked rows a batch at a time, inside the caller's transaction. */
  private async addInBatches(
    rows: readonly StoredEvent[],
    { signal, onProgress }: Pick<AppendOptions, 'signal' | 'onProgress'>,
  ): Promise<void> {
    for (let from = 0; from < rows.length; from += WRITE_BATCH) {
      signal?.throwIfAborted();
      await this.db.events.bulkAdd(rows.slice(from, from + WRITE_BATCH) as StoredEvent[]);
      onProgress?.(Math.min(from + WRITE_BATCH, rows.length), rows.length);
    }
  }
}

/** A unique key refused a row: Dexie reports it as a ConstraintError, or a BulkError holding them. */
function isConstraintError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConstraintError') return true;
  const failures = (error as { failures?: unknown[] }).failures;
  return error.name === 'BulkError' && Array.isArray(failures) && failures.length > 0 && failures.every(isConstraintError);
}

function translateWriteError(error: unknown): unknown {
  if (error instanceof ConcurrencyError) return error;
  if (isQuotaError(error)) return new StorageFullError(error);
  return error;
}

function anchorOf(row: OriginRow | undefined): LogOrigin | null {
  if (row?.key !== 'anchor') return null;
  const { position, hash, archivedAs, archivedAt } = row;
  return { position, hash, archivedAs, archivedAt };
}

/** An earlier origin's row as the origin it was; null for any other row. */
function earlierOf(row: OriginRow | undefined): Compaction | null {
  if (!row?.key.startsWith('earlier:')) return null;
  const { position, hash, archivedAs, archivedAt, modelVersion, data, streamVersions } = row as Compaction;
  return { position, hash, archivedAs, archivedAt, modelVersion, data, streamVersions };
}

const linkOf = (origin: LogOrigin | null): LogHead =>
  origin ? { seq: origin.position, hash: origin.hash } : { seq: 0, hash: GENESIS_HASH };

/** The position of the first row that does not chain on from `from`, or null. */
function verifyChainOf(from: ChainLink, rows: readonly StoredEvent[]): number | null {
  let link = from;
  for (const row of rows) {
    if (row.seq !== link.seq + 1 || !chainsFrom(link.hash, row)) return row.seq;
    link = { seq: row.seq, hash: row.hash };
  }
  return null;
}

/** Whether `row` carries the hash that chains it from `previous` (a row JSON cannot hold does not). */
function chainsFrom(previous: string, row: StoredEvent): boolean {
  try {
    return chainHash(previous, row) === row.hash;
  } catch {
    return false;
  }
}

/** Each stream's first version among the rows. */
function firstVersions(rows: readonly StoredEvent[]): Map<string, number> {
  const firsts = new Map<string, number>();
  for (const row of rows) if (!firsts.has(row.streamId)) firsts.set(row.streamId, row.version);
  return firsts;
}

/** Each stream's last version among the rows. */
function lastVersions(rows: readonly StoredEvent[]): Map<string, number> {
  const lasts = new Map<string, number>();
  for (const row of rows) lasts.set(row.streamId, row.version);
  return lasts;
}
