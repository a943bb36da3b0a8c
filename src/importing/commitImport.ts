import { decideHistoryImport, shopFacts, type Command, type ImportPlan, type ShopFacts, type ShopState } from '../domain';
import {
  ConcurrencyError,
  HistoryReplacedError,
  RetriesExhaustedError,
  type Engine,
  type EventLog,
  type EventMeta,
  type StoredEvent,
} from '../es';
import { adoptBatches } from './adoptBatches';

export interface ImportTarget {
  log: EventLog;
  engine: Engine<ShopState, Command>;
}

/**
 * The shop an import is decided against, as plain data (it may cross to a worker): the facts
 * the decider needs, the log position they hold at, and every stream's version there.
 */
export interface ImportBasis {
  position: number;
  facts: ShopFacts;
  versions: Array<[streamId: string, version: number]>;
  /** The history (log identity) the facts were read from: the write is refused if it was replaced since. */
  history?: string | null;
  /** How many times the log's tail had been rewritten (sync rebases) when they were read: the write is refused if it was rewritten since. */
  tail?: number;
}

export interface WriteOptions {
  /** Ties every event of the import to one command (commandId, correlationId and causationId). */
  importId: string;
  /** Cancel: aborts the write's transaction, so none of the import is kept. */
  signal?: AbortSignal;
  onProgress?: (written: number, total: number) => void;
}

export interface CommitResult {
  events: number;
  firstSeq: number;
  lastSeq: number;
}

export interface WrittenImport extends CommitResult {
  /** The events as stored, so the page can fold them without reading them back. */
  stored: StoredEvent[];
}

/** Reads the basis off the live projection once nothing else is being written by this tab. */
export async function importBasis(engine: Engine<ShopState, Command>): Promise<ImportBasis> {
  for (;;) {
    await engine.commands.idle();
    await engine.catchUp();
    const { projection } = engine;
    const position = projection.position;
    const [last] = position === 0 ? [] : await engine.log.readRange(position, position);
    // Folded further while we read the last event: take it again.
    if (projection.position !== position) continue;
    return {
      position,
      facts: shopFacts(projection.state, last?.at ?? null),
      versions: [...projection.streamVersions()],
      history: engine.log.pinnedHistory,
      tail: engine.log.pinnedTail,
    };
  }
}

/**
 * Decides the import and writes all of its events in one transaction, on condition that the log
 * still ends where the basis was taken: nothing or everything is kept. Runs wherever the plan is
 * (the import worker, or a test); a ConcurrencyError on "$all" means: take a new basis, retry.
 */
export async function writeImport(log: EventLog, plan: ImportPlan, basis: ImportBasis, options: WriteOptions): Promise<WrittenImport> {
  const { importId, signal, onProgress } = options;
  const meta: EventMeta = { commandId: importId, correlationId: importId, causationId: importId };
  const events = decideHistoryImport(basis.facts, plan);
  const versions = new Map(basis.versions);
  const stored = await log.appendCommits([{ events, expected: new Map(), meta, at: events[0]!.at! }], {
    expectedPosition: basis.position,
    versionAt: (streamId) => versions.get(streamId) ?? 0,
    history: basis.history,
    tail: basis.tail,
    signal,
    onProgress,
  });
  return { events: stored.length, firstSeq: stored[0]!.seq, lastSeq: stored[stored.length - 1]!.seq, stored };
}

export const IMPORT_ATTEMPTS = 3;

/** Whether a failed write only lost a race with another write, so a fresh basis may succeed. */
export function isLostRace(error: unknown): boolean {
  return error instanceof ConcurrencyError && error.streamId === '$all';
}

/**
 * Runs `attempt` on a fresh basis taken off the live projection, again after each race lost to
 * another write (the log moved on between the basis and the write), IMPORT_ATTEMPTS times at most.
 */
export async function onFreshBasis<T>(target: ImportTarget, attempt: (basis: ImportBasis) => Promise<T>, signal?: AbortSignal): Promise<T> {
  let conflict: unknown = null;
  for (let tries = 1; tries <= IMPORT_ATTEMPTS; tries += 1) {
    signal?.throwIfAborted();
    const basis = await importBasis(target.engine);
    try {
      return await attempt(basis);
    } catch (error) {
      // Found by a writer on another connection (the import worker): this tab stops as its own append would.
      if (error instanceof HistoryReplacedError) target.log.replacedUnder(error);
      if (!isLostRace(error)) throw error;
      conflict = error;
    }
  }
  throw new RetriesExhaustedError(IMPORT_ATTEMPTS, conflict);
}

/** The whole import in this thread: basis, decision and write (retried after lost races), then the projection folds it in. */
export function commitImport(target: ImportTarget, plan: ImportPlan, options: WriteOptions): Promise<CommitResult> {
  return onFreshBasis(
    target,
    async (basis) => {
      const { stored, ...result } = await writeImport(target.log, plan, basis, options);
      const release = target.engine.holdSnapshots();
      try {
        for (const batch of adoptBatches(stored)) {
          if (!target.engine.adoptAppended(batch)) break;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        await target.engine.catchUp();
      } finally {
        release();
      }
      return result;
    },
    options.signal,
  );
}
