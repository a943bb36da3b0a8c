import { decideHistoryImport, type Command, type ImportPlan, type ShopState } from '../domain';
import { ConcurrencyError, RetriesExhaustedError, type Engine, type EventLog, type EventMeta } from '../es';

export interface ImportTarget {
  log: EventLog;
  engine: Engine<ShopState, Command>;
}

export interface CommitOptions {
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

const ATTEMPTS = 3;

/**
 * Decides the import against the present shop and writes all of its events in one transaction,
 * on condition that the log has not moved since the decision: nothing or everything is kept.
 * Then the live projection folds the new events in.
 */
export async function commitImport(target: ImportTarget, plan: ImportPlan, options: CommitOptions): Promise<CommitResult> {
  const { log, engine } = target;
  const { importId, signal, onProgress } = options;
  const meta: EventMeta = { commandId: importId, correlationId: importId, causationId: importId };
  let conflict: unknown = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    signal?.throwIfAborted();
    await engine.commands.idle();
    await engine.catchUp();
    const { projection } = engine;
    const position = projection.position;
    const [last] = position === 0 ? [] : await log.readRange(position, position);
    if (projection.position !== position) continue;
    const events = decideHistoryImport(projection.state, plan, { lastEventAt: last?.at ?? null });
    try {
      const stored = await log.appendCommits([{ events, expected: new Map(), meta, at: events[0]!.at! }], {
        expectedPosition: position,
        versionAt: (streamId) => projection.versionOf(streamId),
        signal,
        onProgress,
      });
      const result = { events: stored.length, firstSeq: stored[0]!.seq, lastSeq: stored[stored.length - 1]!.seq };
      await engine.catchUp();
      return result;
    } catch (error) {
      // Another tab (or this one) wrote in between: decide again against what is there now.
      if (!(error instanceof ConcurrencyError) || error.streamId !== '$all') throw error;
      conflict = error;
    }
  }
  throw new RetriesExhaustedError(ATTEMPTS, conflict);
}
