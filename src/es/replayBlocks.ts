import type { StoredEvent } from './envelope';
import type { EventLogDb, ReplayBlock } from './eventLogDb';

/** Rows read per request when a block is not stored yet. */
const ROW_PIECE = 250;

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
    const rows = await this.readRows(from, to);
    if (from === start && rows.length === size) this.saveLater(size, index, rows);
    return rows.map(this.upcast);
  }

  /**
   * The rows themselves, asked for in pieces at once: each piece's records are turned into objects
   * in a task of their own, so reading a thousand big rows does not hold the page for one long task.
   */
  private async readRows(from: number, to: number): Promise<StoredEvent[]> {
    const pieces: Array<Promise<StoredEvent[]>> = [];
    for (let start = from; start <= to; start += ROW_PIECE) {
      pieces.push(this.db.events.where(':id').between(start, Math.min(to, start + ROW_PIECE - 1), true, true).toArray());
    }
    return (await Promise.all(pieces)).flat();
  }

  private async cachedRows(size: number, index: number): Promise<StoredEvent[] | null> {
    const last = this.last;
    if (last && last.size === size && last.index === index) return last.rows;
    const block = await this.db.replayBlocks.get([size, index]).catch(() => undefined);
    const rows = block ? parseRows(block, size, index * size + 1) : null;
    if (rows) this.last = { size, index, rows };
    return rows;
  }

  /**
   * In a task of its own (turning a block into text and handing it to IndexedDB takes some 20 ms),
   * and best effort: a block that cannot be written (a full disk, a closing database) is just not
   * cached.
   */
  private saveLater(size: number, index: number, rows: StoredEvent[]): void {
    setTimeout(() => {
      const block: ReplayBlock = { size, index, rows: JSON.stringify(rows) };
      this.db.replayBlocks.put(block).catch(() => undefined);
    }, 0);
  }
}

/** The block's rows, or null when they are not the whole block (damaged): then the rows are read. */
function parseRows(block: ReplayBlock, size: number, first: number): StoredEvent[] | null {
  try {
    const rows = JSON.parse(block.rows) as unknown;
    const whole = Array.isArray(rows) && rows.length === size && (rows[0] as StoredEvent | undefined)?.seq === first;
    return whole ? (rows as StoredEvent[]) : null;
  } catch {
    return null;
  }
}
