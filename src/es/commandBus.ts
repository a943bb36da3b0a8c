import { toStoredEvent, type Commit, type PendingEvent, type StoredEvent } from './envelope';
import { ConcurrencyError, DomainError, RetriesExhaustedError, changedElsewhere } from './errors';
import type { EventBus } from './eventBus';
import type { EventLog } from './eventLog';
import { ForeignChanges } from './foreignChanges';
import type { Projection } from './projection';
import type { ReadModel } from './readModel';
import { browserLocks, writeLock, type LockRequester, type WriteLock } from './writeLock';
import type { KeptCommand } from './rebase';

/** Time and ids are handed to deciders so that deciding stays pure and replayable. */
export interface DecideContext {
  now: string;
  newId(): string;
  /**
   * A stream's version in the state being decided on (earlier commands of the same batch
   * included), for commands that carry the version they were computed from. Absent where no
   * versions are kept (a branch's sandbox).
   */
  versionOf?(streamId: string): number;
}

/**
 * The write side of a domain: `parse` validates raw input (throwing ValidationError), `decide`
 * turns a valid command into events or throws a DomainError. All are pure.
 */
export interface Decider<S, C> {
  parse(input: unknown): C;
  decide(state: S, command: C, context: DecideContext): PendingEvent[];
  /**
   * The streams the decision on `command` reads in `state`: its consistency boundary. The append
   * expects each at the version the decision saw (docs/decisions/009-consistency-boundary.md).
   */
  reads?(state: S, command: C): string[];
}

/** Where a command came from: a user (no cause) or an event a process manager reacted to. */
export interface CommandCause {
  causationId: string;
  correlationId: string;
}

/**
 * A command's own clock (a simulated run of commands): asked for the moment when the command is
 * decided, instead of the bus's clock. The commands it causes inherit it (see CommandBus.dispatch).
 */
export type CommandClock = () => string;

export interface CommandBusOptions<S, C> {
  log: EventLog;
  projection: Projection<S>;
  model: ReadModel<S>;
  decider: Decider<S, C>;
  bus: EventBus;
  /** Folds into the projection whatever other tabs appended since it last looked. */
  catchUp: () => Promise<void>;
  /**
   * Whether another writer may have appended what the projection has not folded yet; without it,
   * every locked batch catches up first. A wrong "no" costs a conflict and a retry, never a wrong
   * decision: the expected versions still guard the append.
   */
  behind?: () => boolean;
  clock?: () => string;
  newId?: () => string;
  /** Retries in a row whose conflict brought no new event (nobody made progress) before giving up. */
  maxRetries?: number;
  maxBatch?: number;
  /** Serialises writers across tabs; defaults to `navigator.locks`, null for none (optimistic only). */
  locks?: LockRequester | null;
  /**
   * Whether other writers are about (another tab wrote lately): only then is the lock taken, since
   * taking it costs every command a round trip to the browser (decision 009). Always, if not given.
   */
  contended?: () => boolean;
  /** Told the new log position after each successful write (e.g. to wake other tabs). */
  onAppended?: (position: number) => void;
  /**
   * Keeps each decided command (input, moment, the ids its decision drew) before its events are
   * appended, so sync can decide it again on another device's events (rebase.ts). Awaited: a
   * command that could not be kept is refused with that error and nothing is written.
   */
  keep?: (commands: KeptCommand[]) => Promise<void>;
}

interface Pending {
  input: unknown;
  cause: CommandCause | undefined;
  clock: CommandClock | undefined;
  senderTag: string | undefined;
  commandId: string;
  /** The log position this tab had folded when the command was sent. */
  sentAt: number;
  attempts: number;
  /** Attempts in a row that lost a conflict no new event explains. */
  stalled: number;
  resolve: (events: StoredEvent[]) => void;
  reject: (error: unknown) => void;
}

interface Decided {
  item: Pending;
  commit: Commit;
  count: number;
  /** The ids the decision drew (not the events' own ids): a re-decision is handed them again. */
  drawn: string[];
}

/**
 * A bound on all retries of one command, only as a safety net: under contention a command is
 * retried for as long as the log moves (each conflict means another writer made progress).
 */
const MAX_ATTEMPTS = 1_000;
/** Chains stamped by their own clock that are remembered for their follow-ups: only the latest few, which is where follow-ups come from. */
const CLOCKED_CHAINS = 10_000;

/**
 * Validates, decides and appends commands, one tab-wide queue at a time. Commands that arrive
 * while a write is in flight are decided in order against the state their predecessors leave and
 * written together in one transaction (group commit): each command's events stay all-or-nothing,
 * and a burst costs one IndexedDB transaction instead of one per command.
 */
export class CommandBus<S, C> {
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly clock: () => string;
  private readonly newId: () => string;
  private readonly maxRetries: number;
  private readonly maxBatch: number;
  private readonly lock: WriteLock;
  private readonly foreign = new ForeignChanges();
  /** The clock of each recent chain started by a command with its own clock, by correlation id. */
  private readonly chainClocks = new Map<string, CommandClock>();

  constructor(private readonly options: CommandBusOptions<S, C>) {
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.maxRetries = options.maxRetries ?? 5;
    this.maxBatch = options.maxBatch ?? 500;
    this.lock = writeLock(options.log.name, options.locks === undefined ? browserLocks() : options.locks);
    if (options.decider.reads) options.bus.subscribe((e) => this.foreign.heard(e, this.draining || this.queue.length > 0));
  }

  /**
   * Resolves with the command's stored events (none for a no-op) once they are durable. A
   * `senderTag` (a device's) is added to the command's first event, so that the tag index lists
   * where each command of that sender starts, newest first: its undo history, read back.
   * A `clock` stamps the command instead of the bus's; a command caused by one of its events (the
   * same correlation) is stamped by that clock too, so a simulated run keeps its time through
   * process managers while every other command keeps the bus's.
   */
  dispatch(input: unknown, cause?: CommandCause, senderTag?: string, clock?: CommandClock): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => {
      const sentAt = this.options.projection.position;
      const own = clock ?? (cause && this.chainClocks.get(cause.correlationId));
      this.queue.push({ input, cause, clock: own, senderTag, commandId: this.newId(), sentAt, attempts: 0, stalled: 0, resolve, reject });
      this.kick();
    });
  }

  /** Resolves once every command queued so far has been settled. */
  async idle(): Promise<void> {
    while (this.draining || this.queue.length > 0) await new Promise((r) => setTimeout(r, 0));
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = true;
    void this.drain().finally(() => {
      this.draining = false;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // After a conflict, retried commands go one at a time so one busy stream cannot stall a batch.
      const solo = this.queue[0]!.attempts > 0;
      const batch = this.queue.splice(0, solo ? 1 : this.maxBatch);
      try {
        await this.runBatch(batch);
      } catch (error) {
        // Whatever failed outside a decision (the lock, a read), no command is left waiting on it.
        for (const item of batch) item.reject(error);
      }
    }
  }

  /**
   * Holding the write lock, the projection first catches up with other tabs (when it may be
   * behind), so the decisions below see everything written and their append does not lose a race.
   */
  private runBatch(items: Pending[]): Promise<void> {
    const contended = this.options.contended?.() ?? true;
    const run = contended ? this.lock.run : (work: (locked: boolean) => Promise<void>) => work(false);
    return run(async (locked) => {
      // Only a head start: a decision on a stale projection is still guarded by its expected versions.
      if (locked && (this.options.behind?.() ?? true)) {
        await this.options.catchUp().catch((error: unknown) => console.warn('Catch-up before deciding failed', error));
      }
      await this.decideAndAppend(items);
    });
  }

  private async decideAndAppend(items: Pending[]): Promise<void> {
    const { projection, model, decider, log, bus } = this.options;
    const startPosition = projection.position;
    let state = projection.state;
    // What the state was folded from: an append decided on a tail since rewritten is refused.
    const tail = log.pinnedTail;
    // The event the state was folded up to, when known: the append is then written without reading the log first.
    const last = projection.snapshot.lastEvent;
    const head = last?.seq === startPosition && typeof last.hash === 'string' ? { seq: last.seq, hash: last.hash } : undefined;
    let predictedSeq = startPosition;
    const versions = new Map<string, number>();
    // Each stream's version at startPosition, as the decisions saw it.
    const base = new Map<string, number>();
    const baseOf = (s: string) => {
      let version = base.get(s);
      if (version === undefined) base.set(s, (version = projection.versionOf(s)));
      return version;
    };
    const versionOf = (s: string) => versions.get(s) ?? baseOf(s);
    const decided: Decided[] = [];

    for (const item of items) {
      let command: C | undefined;
      try {
        command = decider.parse(item.input);
        const at = item.clock ? this.clockedMoment(item) : this.clock();
        const drawn: string[] = [];
        const newId = () => {
          const id = this.newId();
          drawn.push(id);
          return id;
        };
        const events = withSenderTag(decider.decide(state, command, { now: at, newId, versionOf }), item.senderTag);
        if (events.length === 0) {
          item.resolve([]);
          continue;
        }
        // The boundary is what the decision read, at the versions it saw, plus what it writes.
        const expected = new Map<string, number>();
        for (const s of decider.reads?.(state, command) ?? []) expected.set(s, versionOf(s));
        for (const e of events) if (!expected.has(e.streamId)) expected.set(e.streamId, versionOf(e.streamId));
        const commit: Commit = {
          events,
          expected,
          meta: {
            commandId: item.commandId,
            correlationId: item.cause?.correlationId ?? item.commandId,
            causationId: item.cause?.causationId ?? null,
          },
          at,
          ids: events.map(() => this.newId()),
        };
        // Fold speculatively so the next command in the batch sees this one's effects.
        events.forEach((e, i) => {
          const version = versionOf(e.streamId) + 1;
          versions.set(e.streamId, version);
          state = model.evolve(state, toStoredEvent(e, ++predictedSeq, version, commit, commit.ids![i]!));
        });
        this.foreign.markOwn(item.commandId);
        decided.push({ item, commit, count: events.length, drawn });
      } catch (error) {
        item.reject(command !== undefined ? this.explain(error, item, state, command) : error);
      }
    }
    if (decided.length === 0) return;
    if (this.options.keep) {
      try {
        await this.options.keep(decided.map(({ item, commit, drawn }) => keptCommand(item, commit.at, drawn)));
      } catch (error) {
        for (const d of decided) {
          this.foreign.forgetOwn(d.item.commandId);
          d.item.reject(error);
        }
        return;
      }
    }

    let stored: StoredEvent[];
    try {
      stored = await log.appendCommits(
        decided.map((d) => d.commit),
        head ? { tail, head, versionAt: baseOf } : { tail },
      );
    } catch (error) {
      await this.handleWriteFailure(decided, error);
      return;
    }

    this.options.onAppended?.(stored[stored.length - 1]!.seq);
    if (stored[0]!.seq === startPosition + 1 && projection.position === startPosition) {
      projection.adopt(state, stored);
      bus.publish(stored);
    } else {
      // Another tab wrote in between: our events sit after theirs, so fold the log in order.
      await this.options.catchUp();
    }
    let offset = 0;
    for (const d of decided) {
      this.foreign.forgetOwn(d.item.commandId);
      d.item.resolve(stored.slice(offset, offset + d.count));
      offset += d.count;
    }
  }

  /** The moment from the command's own clock; its chain is remembered, so that follow-ups inherit the clock. */
  private clockedMoment(item: Pending): string {
    const chain = item.cause?.correlationId ?? item.commandId;
    if (!this.chainClocks.has(chain)) {
      this.chainClocks.set(chain, item.clock!);
      if (this.chainClocks.size > CLOCKED_CHAINS) this.chainClocks.delete(this.chainClocks.keys().next().value!);
    }
    return item.clock!();
  }

  /** A refusal caused by another writer's change, made after the command was sent, says so. */
  private explain(error: unknown, item: Pending, state: S, command: C): unknown {
    if (!(error instanceof DomainError) || !this.options.decider.reads) return error;
    const moved = this.foreign.movedSince(this.options.decider.reads(state, command), item.sentAt);
    return moved ? changedElsewhere(error) : error;
  }

  private async handleWriteFailure(decided: Decided[], error: unknown): Promise<void> {
    for (const d of decided) this.foreign.forgetOwn(d.item.commandId);
    if (!(error instanceof ConcurrencyError)) {
      for (const d of decided) d.item.reject(error);
      return;
    }
    const before = this.options.projection.position;
    await this.options.catchUp();
    // Another writer's events explain the conflict: it made progress, so trying again is not futile.
    const progressed = this.options.projection.position > before;
    const retry: Pending[] = [];
    for (const { item } of decided) {
      item.attempts += 1;
      item.stalled = progressed ? 0 : item.stalled + 1;
      if (item.stalled > this.maxRetries || item.attempts >= MAX_ATTEMPTS) item.reject(new RetriesExhaustedError(item.attempts, error));
      else retry.push(item);
    }
    this.queue.unshift(...retry);
  }
}

const keptCommand = ({ commandId, input, cause, senderTag }: Pending, at: string, drawnIds: string[]): KeptCommand => ({
  commandId,
  input,
  cause: cause ?? null,
  at,
  ...(senderTag === undefined ? {} : { senderTag }),
  drawnIds,
});

export function withSenderTag(events: PendingEvent[], tag: string | undefined): PendingEvent[] {
  if (tag === undefined || events.length === 0) return events;
  const [first, ...rest] = events;
  return [{ ...first!, tags: [...(first!.tags ?? []), tag] }, ...rest];
}
