import type { StoredEvent } from './envelope';
import type { EventLogDb, ReplayBlock } from './eventLogDb';

/**
 * A disposable copy of the log in blocks of `size` positions, each stored as one IndexedDB value
 * (the rows as JSON text). Reading a block costs one value read and one JSON.parse, several times
 * less than reading its rows as separate records — the difference between a timeline jump that
 * waits on storage and one that does not. Only full blocks are written (appended events never
 * change), with the rows as stored, so upcasting still happens on every read. A block may be
 * missing or dropped at any time: the rows stay the truth.
 */
export class ReplayBlocks {
  /** The block read last, parsed: stepping through a stretch of history reads it once. */
  private last: { size: number; index: number; rows: StoredEvent[] } | null = null;

  constructor(
    private readonly db: EventLogDb,
    private readonly upcast: (event: StoredEvent) => StoredEvent,
  ) {}

  /** Events with from ≤ seq ≤ to, read a block of `size` positions at a time (in parallel). */
  async readRange(from: number, to: number, size: number): Promise<StoredEvent[]> {
    const parts: Array<Promise<StoredEvent[]>> = [];
    for (let start = from; start <= to; ) {
      const end = Math.min(to, Math.ceil(start / size) * size);
      parts.push(this.readWithin(start, end, size));
      start = end + 1;
    }
    return (await Promise.all(parts)).flat();
  }

  /** Events with from ≤ seq ≤ to, a range inside one block of `size` positions. */
  async readWithin(from: number, to: number, size: number): Promise<StoredEvent[]> {
    const index = Math.floor((from - 1) / size);
    const start = index * size + 1;
    if (to > start + size - 1) throw new Error(`readWithin: #${from}–#${to} crosses a block of ${size}.`);
    const cached = await this.cachedRows(size, index);
    if (cached) return cached.slice(from - start, to - start + 1).map(this.upcast);
    const rows = await this.db.events.where(':id').between(from, to, true, true).toArray();
    if (from === start && rows.length === size) this.save({ size, index, rows: JSON.stringify(rows) });
    return rows.map(this.upcast);
  }

  private async cachedRows(size: number, index: number): Promise<StoredEvent[] | null> {
    const last = this.last;
    if (last && last.size === size && last.index === index) return last.rows;
    const block = await this.db.replayBlocks.get([size, index]).catch(() => undefined);
    const rows = block ? parseRows(block, size) : null;
    if (rows) this.last = { size, index, rows };
    return rows;
  }

  /** Best effort: a block that cannot be written (a full disk, a closing database) is just not cached. */
  private save(block: ReplayBlock): void {
    this.db.replayBlocks.put(block).catch(() => undefined);
  }
}

/** The block's rows, or null when they are not a whole block (damaged): then the rows are read. */
function parseRows(block: ReplayBlock, size: number): StoredEvent[] | null {
  try {
    const rows = JSON.parse(block.rows) as unknown;
    return Array.isArray(rows) && rows.length === size ? (rows as StoredEvent[]) : null;
  } catch {
    return null;
  }
}
