import type { Table } from 'dexie';
import type { EventLog } from './eventLog';
import type { EventLogDb, SnapshotHeader, SnapshotRow } from './eventLogDb';
import type { Projection } from './projection';
import type { ReadModel, SnapshotRows } from './readModel';
import { BASE, BASE_END, REMOVED, baseKey, nextChunk, resolveRows, type StoredRow } from './snapshotLayout';

export interface SnapshotPolicy {
  /** Save at least every this many events. */
  every: number;
  /** Also save once the log has been quiet this long (ms). */
  idleMs: number;
  /**
   * Rows read per request at start-up: the browser frees a request's rows all at once when the
   * request is collected, so smaller requests make shorter pauses.
   * Why: see docs/decisions/003-checkpoints.md, "src/es/snapshots.ts, SnapshotPolicy.pageRows".
   */
  pageRows: number;
  /** Most rows per base chunk (see snapshotLayout.ts); fewer where rows are lists or slow to clone. */
  chunkRows: number;
  /** A save writes a new base once the rows on top would outnumber both this and 1/8 of the base. */
  minOverlayRows: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = {
  every: 1_000,
  idleMs: 2_000,
  pageRows: 10_000,
  chunkRows: 1_000,
  minOverlayRows: 2_000,
};

const OVERLAY_SHARE = 1 / 8;
const LEGACY = 'current';
const LAYERED = 'layered';

export interface LoadedSnapshot<S> {
  state: S;
  position: number;
  streamVersions: Array<[string, number]>;
  /** The hash of the event at `position` when the snapshot was saved (absent in older snapshots). */
  headHash?: string;
}

/** How long one slice of rows may take to clone and hand to IndexedDB (ms). */
const SLICE_MS = 12;

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function isGenerator<T>(value: T | Generator<void, T, void>): value is Generator<void, T, void> {
  return typeof (value as { next?: unknown }).next === 'function';
}
const STATE = 'm:';
const VERSION = 'v:';
/** Rows of a model that has no row mapping: the whole serialized state as one row. */
const WHOLE = `${STATE}*`;

interface Saved<S> {
  state: S;
  position: number;
  writer: string;
  baseRows: number;
  overlayRows: number;
}

type Layout = Pick<Saved<unknown>, 'baseRows' | 'overlayRows'>;

/**
 * Persists the read model with the position it covers, as keyed rows: each save rewrites only the
 * rows that changed since this tab's previous save, so a snapshot of a large shop costs what
 * changed, not the whole state, until those rows are due to be packed into a new base (see
 * snapshotLayout.ts). A snapshot is only a cache: one of another read-model version, or ahead of
 * the log, is ignored and the log replayed instead.
 */
export class SnapshotKeeper<S> {
  private saved: Saved<S> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | null = null;
  private readonly tab = crypto.randomUUID();
  private saves = 0;

  constructor(
    private readonly log: EventLog,
    private readonly model: ReadModel<S>,
    private readonly policy: SnapshotPolicy = defaultSnapshotPolicy,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  get savedPosition(): number {
    return this.saved?.position ?? 0;
  }

  async loadLatest(): Promise<LoadedSnapshot<S> | null> {
    const { db } = this.log;
    const last = await this.log.lastPosition();
    // One read transaction: another tab's save cannot land between the header and its rows.
    const read = await db.transaction('r', db.snapshotHeader, db.snapshotRows, async () => {
      const header = await currentHeader(db);
      if (!header || header.modelVersion !== this.model.version || header.position > last) return null;
      return { header, records: await readRecords(db.snapshotRows, this.policy) };
    });
    if (!read) {
      // Nothing saved that this tab can build on (a sync rebase may have dropped it).
      this.saved = null;
      return null;
    }
    const { header, records } = read;
    const rows = resolveRows(records);
    const stateRows: Array<[string, unknown]> = [];
    const streamVersions: Array<[string, number]> = [];
    for (const [key, value] of rows) {
      if (key.startsWith(VERSION)) streamVersions.push([key.slice(VERSION.length), value as number]);
      else if (key.startsWith(STATE)) stateRows.push([key.slice(STATE.length), value]);
    }
    const state = this.fromRows(stateRows);
    // Rows of the earlier layout are all overlay: the next save packs them into a base.
    const layout: Layout =
      header.id === LAYERED
        ? { baseRows: header.baseRows ?? 0, overlayRows: header.overlayRows ?? 0 }
        : { baseRows: 0, overlayRows: Infinity };
    this.saved = { state, position: header.position, writer: header.writer, ...layout };
    return { state, position: header.position, streamVersions, headHash: header.headHash };
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

  save(projection: Projection<S>): Promise<void> {
    if (this.saving) return this.saving;
    const { state, position } = projection.snapshot;
    if (position <= this.savedPosition) return Promise.resolve();
    this.saving = this.write(projection, state, position).finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  /**
   * Keeps `state` instead of the saved state it equals (same position), so that an equal copy
   * sharing structure with the projection is the one kept; false when nothing was saved there.
   */
  adoptEqual(state: S, position: number): boolean {
    if (this.saving || this.saved?.position !== position) return false;
    this.saved = { ...this.saved, state };
    return true;
  }

  async deleteAll(): Promise<void> {
    clearTimeout(this.idleTimer);
    const { db } = this.log;
    await db.transaction('rw', db.snapshotHeader, db.snapshotRows, db.snapshots, async () => {
      await Promise.all([db.snapshotHeader.clear(), db.snapshotRows.clear(), db.snapshots.clear()]);
    });
    this.saved = null;
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
  }

  private async write(projection: Projection<S>, state: S, position: number): Promise<void> {
    const { db } = this.log;
    const writer = `${this.tab}:${++this.saves}`;
    const dirtyStreams = projection.takeDirtyStreams();
    const previous = this.saved;
    const outgrown = (overlayRows: number) => overlayRows > Math.max(this.policy.minOverlayRows, (previous?.baseRows ?? 0) * OVERLAY_SHARE);
    // The save this one writes a delta on top of, or null for a new base.
    let onTopOf = previous !== null && !outgrown(previous.overlayRows) ? previous : null;
    try {
      // Found before the transaction, in steps with the browser let in between: in a big shop
      // this walks every entity, and a transaction cannot wait on timers.
      let rows = await this.toRows(state, onTopOf?.state ?? null);
      if (onTopOf !== null && outgrown(onTopOf.overlayRows + rows.put.length + rows.remove.length + dirtyStreams.length)) {
        // A big change (an import): write a new base now rather than rows the next save rewrites.
        onTopOf = null;
        rows = await this.toRows(state, null);
      }
      const deltaOf = onTopOf;
      // Events never change once written, so the head's hash can be read outside the transaction.
      const headHash = await this.log.storedHashAt(position);
      const layout = await db.transaction('rw', [db.snapshotHeader, db.snapshotRows, db.snapshots, db.logInfo], async () => {
        // A state folded from a history another tab replaced since must not become the new one's snapshot.
        await this.log.checkPinnedHistoryInTx();
        const [legacy, header] = await Promise.all([db.snapshotHeader.get(LEGACY), db.snapshotHeader.get(LAYERED)]);
        // A delta is only valid on top of rows this tab wrote last; otherwise write everything.
        const layout =
          deltaOf !== null && !legacy && header?.writer === deltaOf.writer && header.modelVersion === this.model.version
            ? await this.writeOverlay(rows, dirtyStreams, deltaOf)
            : await this.writeBase(deltaOf === null ? rows : this.toRowsAtOnce(state, null), [...projection.streamVersions()]);
        const next: SnapshotHeader = {
          id: LAYERED,
          position,
          modelVersion: this.model.version,
          savedAt: this.clock(),
          writer,
          baseRows: layout.baseRows,
          overlayRows: layout.overlayRows,
          ...(headHash === null ? {} : { headHash }),
        };
        await db.snapshotHeader.put(next);
        return layout;
      });
      this.saved = { state, position, writer, ...layout };
    } catch (error) {
      projection.markDirty(dirtyStreams.map(([s]) => s));
      // A snapshot is a cache: failing to write one (e.g. a full disk) loses nothing.
      console.warn('Snapshot not saved', error);
    }
  }

  /** Every row, packed into a new base; whatever was stored before goes. */
  private async writeBase(rows: SnapshotRows, versions: ReadonlyArray<[string, number]>): Promise<Layout> {
    const { db } = this.log;
    await Promise.all([db.snapshotRows.clear(), db.snapshots.clear(), db.snapshotHeader.delete(LEGACY)]);
    const all: StoredRow[] = [
      ...rows.put.map(([key, value]) => [STATE + key, value] as const),
      ...versions.map(([stream, version]) => [VERSION + stream, version] as const),
    ];
    await putChunks(db.snapshotRows, all, this.policy.chunkRows);
    return { baseRows: all.length, overlayRows: 0 };
  }

  /**
   * What changed, as rows on top of the base; a removed row leaves a tombstone, since the base may
   * hold it. A row written again later simply sits next to its tombstone: the overlay's row wins.
   */
  private async writeOverlay(rows: SnapshotRows, dirtyStreams: ReadonlyArray<[string, number]>, previous: Saved<S>): Promise<Layout> {
    const table = this.log.db.snapshotRows;
    const put: SnapshotRow[] = [
      ...rows.put.map(([key, value]) => ({ key: STATE + key, value })),
      ...dirtyStreams.map(([stream, version]) => ({ key: VERSION + stream, value: version })),
    ];
    const gone = rows.remove.map((key) => STATE + key);
    await putInSlices(table, put);
    if (gone.length > 0) {
      await table.bulkDelete(gone);
      await table.bulkPut(gone.map((key) => ({ key: REMOVED + key, value: null })));
    }
    return { baseRows: previous.baseRows, overlayRows: previous.overlayRows + put.length + gone.length };
  }

  private async toRows(state: S, previous: S | null): Promise<SnapshotRows> {
    const rows = this.rowsOf(state, previous);
    if (!isGenerator(rows)) return rows;
    for (;;) {
      const step = rows.next();
      if (step.done) return step.value;
      await yieldToBrowser();
    }
  }

  /** The same in one go: only when another tab's snapshot came in between (rare). */
  private toRowsAtOnce(state: S, previous: S | null): SnapshotRows {
    const rows = this.rowsOf(state, previous);
    if (!isGenerator(rows)) return rows;
    for (;;) {
      const step = rows.next();
      if (step.done) return step.value;
    }
  }

  private rowsOf(state: S, previous: S | null): SnapshotRows | Generator<void, SnapshotRows, void> {
    if (this.model.snapshotRows) return this.model.snapshotRows(state, previous);
    return { put: [['*', this.model.serialize(state)]], remove: [] };
  }

  private fromRows(rows: ReadonlyArray<readonly [string, unknown]>): S {
    if (this.model.fromSnapshotRows) return this.model.fromSnapshotRows(rows);
    const whole = rows.find(([key]) => key === WHOLE.slice(STATE.length));
    return whole ? this.model.deserialize(whole[1]) : this.model.initial();
  }
}

/** An older app's header wins: it clears every row before writing its own (see SnapshotHeader). */
async function currentHeader(db: EventLogDb): Promise<SnapshotHeader | undefined> {
  return (await db.snapshotHeader.get(LEGACY)) ?? (await db.snapshotHeader.get(LAYERED));
}

/** Every record in key order: base chunks a page's worth of rows at a time, then the overlay. */
async function readRecords(table: Table<SnapshotRow, string>, policy: SnapshotPolicy): Promise<SnapshotRow[]> {
  const records: SnapshotRow[] = [];
  await readInPages(table, BASE, BASE_END, Math.max(1, Math.floor(policy.pageRows / policy.chunkRows)), records);
  await readInPages(table, BASE_END, null, policy.pageRows, records);
  return records;
}

/** Records with keys from `from` (inclusive) to `to` (exclusive; null: the end), `perPage` per request. */
async function readInPages(
  table: Table<SnapshotRow, string>,
  from: string,
  to: string | null,
  perPage: number,
  into: SnapshotRow[],
): Promise<void> {
  for (let lower = from, first = true; ; first = false) {
    const key = table.where(':id');
    const range = to !== null ? key.between(lower, to, first, false) : first ? key.aboveOrEqual(lower) : key.above(lower);
    const page: SnapshotRow[] = await range.limit(perPage).toArray();
    for (const record of page) into.push(record);
    if (page.length < perPage) return;
    lower = page[page.length - 1]!.key;
  }
}

/**
 * The base, chunk by chunk, each its own task (still one transaction). A chunk is cloned in one
 * go, so its size follows the time the last one took per row, as in putInSlices.
 */
async function putChunks(table: Table<SnapshotRow, string>, rows: readonly StoredRow[], maxRows: number): Promise<void> {
  let weight = Math.min(64, maxRows);
  for (let from = 0, index = 0; from < rows.length; index++) {
    const chunk = nextChunk(rows, from, weight);
    const started = performance.now();
    await table.put({ key: baseKey(index), value: rows.slice(from, chunk.end) });
    const took = Math.max(performance.now() - started, 0.5);
    weight = Math.min(maxRows, Math.max(16, Math.round((chunk.weight * SLICE_MS) / took)));
    from = chunk.end;
  }
}

/**
 * bulkPut in slices, each its own task (still one transaction: all or nothing). Cloning a row
 * costs what its value holds — a version number next to nothing, an order with dozens of lines
 * a fraction of a millisecond — so the slice size follows the time the last slice took.
 */
async function putInSlices<T>(table: { bulkPut(rows: readonly T[]): PromiseLike<unknown> }, rows: readonly T[]): Promise<void> {
  let size = 64;
  for (let i = 0; i < rows.length;) {
    const slice = rows.slice(i, i + size);
    const started = performance.now();
    await table.bulkPut(slice);
    const took = Math.max(performance.now() - started, 0.5);
    i += slice.length;
    size = Math.max(16, Math.min(4_096, Math.round((slice.length * SLICE_MS) / took)));
  }
}
