import type { Table } from 'dexie';
import type { EventLog } from './eventLog';
import type { SnapshotHeader, SnapshotRow } from './eventLogDb';
import type { Projection } from './projection';
import type { ReadModel, SnapshotRows } from './readModel';

export interface SnapshotPolicy {
  /** Save at least every this many events. */
  every: number;
  /** Also save once the log has been quiet this long (ms). */
  idleMs: number;
  /**
   * Rows read per request at start-up. One request for the whole snapshot (300,000 rows at a
   * million events) leaves the browser holding its copy of every row until that request is
   * collected, then freeing them all at once: 134 ms of Blink's collector in a lab page, against
   * 35–48 ms for the same rows read in pages of 10,000.
   */
  pageRows: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { every: 1_000, idleMs: 2_000, pageRows: 10_000 };

export interface LoadedSnapshot<S> {
  state: S;
  position: number;
  streamVersions: Array<[string, number]>;
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

/**
 * Persists the read model with the position it covers, as keyed rows: each save rewrites only the
 * rows that changed since this tab's previous save, so a snapshot of a large shop costs what
 * changed, not the whole state. A snapshot is only a cache: one of another read-model version,
 * or ahead of the log, is ignored and the log replayed instead.
 */
export class SnapshotKeeper<S> {
  private saved: { state: S; position: number; writer: string } | null = null;
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
      const header = await db.snapshotHeader.get('current');
      if (!header || header.modelVersion !== this.model.version || header.position > last) return null;
      return { header, rows: await readInPages(db.snapshotRows, this.policy.pageRows) };
    });
    if (!read) return null;
    const { header, rows } = read;
    const stateRows: Array<[string, unknown]> = [];
    const streamVersions: Array<[string, number]> = [];
    for (const { key, value } of rows) {
      if (key.startsWith(VERSION)) streamVersions.push([key.slice(VERSION.length), value as number]);
      else if (key.startsWith(STATE)) stateRows.push([key.slice(STATE.length), value]);
    }
    const state = this.fromRows(stateRows);
    this.saved = { state, position: header.position, writer: header.writer };
    return { state, position: header.position, streamVersions };
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
    try {
      // Found before the transaction, in steps with the browser let in between: in a big shop
      // this walks every entity, and a transaction cannot wait on timers.
      const delta = await this.toRows(state, previous?.state ?? null);
      await db.transaction('rw', db.snapshotHeader, db.snapshotRows, db.snapshots, async () => {
        const header = await db.snapshotHeader.get('current');
        // A delta is only valid on top of rows this tab wrote last; otherwise write everything.
        const incremental = previous !== null && header?.writer === previous.writer && header.modelVersion === this.model.version;
        const rows = incremental || previous === null ? delta : this.toRowsAtOnce(state, null);
        const versions = incremental ? dirtyStreams : [...projection.streamVersions()];
        if (!incremental) await Promise.all([db.snapshotRows.clear(), db.snapshots.clear()]);
        const all = [
          ...rows.put.map(([key, value]) => ({ key: STATE + key, value })),
          ...versions.map(([stream, version]) => ({ key: VERSION + stream, value: version })),
        ];
        await putInSlices(db.snapshotRows, all);
        if (rows.remove.length > 0) await db.snapshotRows.bulkDelete(rows.remove.map((key) => STATE + key));
        const next: SnapshotHeader = { id: 'current', position, modelVersion: this.model.version, savedAt: this.clock(), writer };
        await db.snapshotHeader.put(next);
      });
      this.saved = { state, position, writer };
    } catch (error) {
      projection.markDirty(dirtyStreams.map(([s]) => s));
      // A snapshot is a cache: failing to write one (e.g. a full disk) loses nothing.
      console.warn('Snapshot not saved', error);
    }
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

/** All rows in key order, `pageRows` per request (see SnapshotPolicy.pageRows). */
async function readInPages(table: Table<SnapshotRow, string>, pageRows: number): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  for (let after: string | null = null; ;) {
    const page: SnapshotRow[] = await (after === null ? table.limit(pageRows) : table.where(':id').above(after).limit(pageRows)).toArray();
    for (const row of page) rows.push(row);
    if (page.length < pageRows) return rows;
    after = page[page.length - 1]!.key;
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
