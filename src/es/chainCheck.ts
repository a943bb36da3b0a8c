import type { Table } from 'dexie';
import type { StoredEvent } from './envelope';
import { chainHash } from './hashChain';

/** Rows read at a time when a whole log is checked. */
const VERIFY_BATCH = 5_000;

/** Why the chain breaks at an event: changed (content or hash), absent, or not an event at all. */
export type ChainProblem = 'changed' | 'missing' | 'unreadable';

/** `from`: the position the check started after (the archive anchor's, or 0). */
export type ChainVerdict =
  | { intact: true; events: number; headHash: string; from: number }
  | { intact: false; events: number; brokenAt: number; problem: ChainProblem; from: number };

/** Where a chain starts: after position `seq`, whose hash is `hash` (0 and the genesis hash for a whole log). */
export interface ChainLink {
  seq: number;
  hash: string;
}

/**
 * Checks stored rows one after another, as read, against the chain from `from`: each must sit at
 * the next position and hash to what it carries. Each event chains from the hash it should have,
 * so a break is reported at the first event that was changed, not at the one after it.
 */
export class ChainChecker {
  private link: ChainLink;

  constructor(from: ChainLink) {
    this.link = { ...from };
  }

  /** The last position checked and its hash. */
  get head(): ChainLink {
    return { ...this.link };
  }

  /** Null when `row` continues the chain; otherwise the position where it breaks and why. */
  check(row: unknown): { at: number; problem: ChainProblem } | null {
    const at = this.link.seq + 1;
    if (!isRow(row)) return { at, problem: 'unreadable' };
    if (row.seq !== at) return { at, problem: 'missing' };
    let expected: string;
    try {
      expected = chainHash(this.link.hash, row);
    } catch {
      return { at, problem: 'unreadable' };
    }
    if (row.hash !== expected) return { at, problem: 'changed' };
    this.link = { seq: at, hash: expected };
    return null;
  }
}

function isRow(row: unknown): row is StoredEvent {
  return typeof row === 'object' && row !== null && typeof (row as { seq?: unknown }).seq === 'number';
}

/** Checks a run of rows that follows `from`, in memory. */
export function verifyRows(rows: readonly unknown[], from: ChainLink): ChainVerdict {
  const checker = new ChainChecker(from);
  for (const row of rows) {
    const broken = checker.check(row);
    if (broken) return { intact: false, events: rows.length, brokenAt: broken.at, problem: broken.problem, from: from.seq };
  }
  return { intact: true, events: rows.length, headHash: checker.head.hash, from: from.seq };
}

export interface VerifyOptions {
  /** Told after each batch: events checked so far, of how many. */
  onProgress?: (checked: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Checks the stored rows after `from` up to position `upTo`, a batch at a time, as stored (not
 * upcast: the hash covers the row as written).
 */
export async function verifyStoredRows(
  rows: Table<StoredEvent, number>,
  from: ChainLink,
  upTo: number,
  { onProgress, signal }: VerifyOptions = {},
): Promise<ChainVerdict> {
  const checker = new ChainChecker(from);
  const total = Math.max(0, upTo - from.seq);
  while (checker.head.seq < upTo) {
    signal?.throwIfAborted();
    const batch = await rows
      .where(':id')
      .between(checker.head.seq + 1, upTo, true, true)
      .limit(VERIFY_BATCH)
      .toArray();
    // Nothing left below upTo although the log reached it: the next event is gone.
    for (const row of batch.length > 0 ? batch : [undefined]) {
      const broken = row === undefined ? { at: checker.head.seq + 1, problem: 'missing' as const } : checker.check(row);
      if (broken) return { intact: false, events: total, brokenAt: broken.at, problem: broken.problem, from: from.seq };
    }
    onProgress?.(checker.head.seq - from.seq, total);
  }
  return { intact: true, events: total, headHash: checker.head.hash, from: from.seq };
}
