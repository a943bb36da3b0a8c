import { eventBytes, parseEvents, type EventBytes } from './blockText';
import { replayPart, type ReplayEvent } from './envelope';
import type { EventLogDb, ReplayBlock } from './eventLogDb';
import type { Upcaster } from './upcasting';

/** Writes the replay block `index` of `size` positions from the rows; null when they are not all there yet. */
export type ReplayBlockWriter = (size: number, index: number) => Promise<EventBytes | null>;

/** Rows read per request when a block is not stored yet. */
const ROW_PIECE = 250;
/** Stored blocks kept as read (bytes): a jump reads up to two, and scrubbing near it reads them again. */
const KEEP_READ = 4;

/**
 * A disposable copy of the log in blocks of `size` positions, each stored as one IndexedDB value:
 * the events' replay parts as JSON in UTF-8, with where each event's bytes end. Reading a block costs
 * one value read, several times less than reading its rows as separate records — the difference
 * between a timeline jump that waits on storage and one that does not — and only the events asked
 * for are parsed. Only the replay part is kept (no ids, causation or tags), which more than halves
 * what is read and parsed. Only full blocks are written (appended events never change), as stored,
 * so upcasting still happens on every read. A block may be missing or dropped at any time: the
 * rows stay the truth.
 *
 * Blocks are bytes, not strings (see blockText.ts for why), and are kept as read, not as parsed
 * events: events kept from one jump to the next would be copied by every scavenge in between
 * (docs/decisions/003-checkpoints.md, "Garbage collection was the tail").
 */
export class ReplayBlocks {
  private readonly read = new Map<string, ReplayBlock>();

  constructor(
    private readonly db: EventLogDb,
    private readonly upcast: Upcaster,
    private readonly writer?: ReplayBlockWriter,
  ) {}

  /** Replay parts of the events with from ≤ seq ≤ to; the blocks it covers are read at once. */
  async readRange(from: number, to: number, size: number): Promise<ReplayEvent[]> {
    if (to < from) return [];
    const first = Math.floor((from - 1) / size);
    const last = Math.floor((to - 1) / size);
    const indexes = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const blocks = await this.blocks(size, indexes);
    const parts = await Promise.all(
      indexes.map((index, i) => {
        const start = index * size + 1;
        const lo = Math.max(from, start);
        const hi = Math.min(to, start + size - 1);
        const block = blocks[i];
        return (block && parseEvents(block, lo - start, hi - start, lo)) ?? this.fromRows(lo, hi, size, index);
      }),
    );
    return parts.flat().map(this.upcast);
  }

  /** The same, for a range inside one block of `size` positions (an error otherwise). */
  readWithin(from: number, to: number, size: number): Promise<ReplayEvent[]> {
    if (Math.floor((from - 1) / size) !== Math.floor((to - 1) / size)) {
      return Promise.reject(new Error(`readWithin: #${from}–#${to} crosses a block of ${size}.`));
    }
    return this.readRange(from, to, size);
  }

  /** The stored blocks (undefined where missing), in one read for those not read lately. */
  private async blocks(size: number, indexes: number[]): Promise<Array<ReplayBlock | undefined>> {
    const found = indexes.map((index) => this.read.get(key(size, index)));
    const wanted = indexes.flatMap((index, at) => (found[at] ? [] : [{ index, at }]));
    if (wanted.length === 0) return found;
    const stored = await this.db.replayParts.bulkGet(wanted.map(({ index }) => [size, index] as [number, number])).catch(() => []);
    wanted.forEach(({ at }, i) => {
      const block = stored[i];
      if (!block || !isWhole(block, size)) return;
      this.keep(block);
      found[at] = block;
    });
    return found;
  }

  private keep(block: ReplayBlock): void {
    this.read.set(key(block.size, block.index), block);
    if (this.read.size > KEEP_READ) this.read.delete(this.read.keys().next().value as string);
  }

  /**
   * A block's range read from the rows; a whole block read this way is stored for next time. A
   * whole block goes to the writer when there is one: the rows then become objects in the
   * writer's heap, not in this one, where IndexedDB would keep them alive until a full collection.
   */
  private async fromRows(from: number, to: number, size: number, index: number): Promise<ReplayEvent[]> {
    const whole = from === index * size + 1 && to === from + size - 1;
    if (whole && this.writer) {
      const written = await this.writer(size, index).catch(() => null);
      const events = written && parseEvents(written, 0, size - 1, from);
      if (events) return events;
    }
    const rows = (await this.readRows(from, to)).map(replayPart);
    if (from === index * size + 1 && rows.length === size) this.saveLater(size, index, rows);
    return rows;
  }

  /** Reads a whole block's rows and stores the block; null when the log does not hold them all yet. */
  async writeFromRows(size: number, index: number): Promise<EventBytes | null> {
    const from = index * size + 1;
    const rows = (await this.readRows(from, from + size - 1)).map(replayPart);
    if (rows.length !== size) return null;
    const block = blockOf(size, index, rows);
    await this.db.replayParts.put(block).catch(() => undefined);
    return block;
  }

  /**
   * The rows themselves, asked for in pieces at once: each piece's records are turned into objects
   * in a task of their own, so reading a thousand big rows does not hold the page for one long task.
   */
  private async readRows(from: number, to: number) {
    const pieces = [];
    for (let start = from; start <= to; start += ROW_PIECE) {
      pieces.push(
        this.db.events
          .where(':id')
          .between(start, Math.min(to, start + ROW_PIECE - 1), true, true)
          .toArray(),
      );
    }
    return (await Promise.all(pieces)).flat();
  }

  /**
   * In a task of its own (turning a block into text and handing it to IndexedDB takes several
   * milliseconds), and best effort: a block that cannot be written (a full disk, a closing
   * database) is just not cached.
   */
  private saveLater(size: number, index: number, rows: ReplayEvent[]): void {
    setTimeout(() => {
      this.db.replayParts.put(blockOf(size, index, rows)).catch(() => undefined);
    }, 0);
  }
}

/** A block of the events given, ready to store. */
export function blockOf(size: number, index: number, rows: readonly ReplayEvent[]): ReplayBlock {
  return { size, index, ...eventBytes(rows) };
}

const key = (size: number, index: number) => `${size}:${index}`;

function isWhole(block: ReplayBlock, size: number): boolean {
  return block.text instanceof Uint8Array && block.ends instanceof Uint32Array && block.ends.length === size;
}
