import { toStoredEvent, type Commit, type PendingEvent, type StoredEvent } from './envelope';
import { ConcurrencyError, RetriesExhaustedError } from './errors';
import type { EventBus } from './eventBus';
import type { EventLog } from './eventLog';
import type { Projection } from './projection';
import type { ReadModel } from './readModel';

/** Time and ids are handed to deciders so that deciding stays pure and replayable. */
export interface DecideContext {
  now: string;
  newId(): string;
}

/**
 * The write side of a domain: `parse` validates raw input (throwing ValidationError), `decide`
 * turns a valid command into events or throws a DomainError. Both are pure.
 */
export interface Decider<S, C> {
  parse(input: unknown): C;
  decide(state: S, command: C, context: DecideContext): PendingEvent[];
}

/** Where a command came from: a user (no cause) or an event a process manager reacted to. */
export interface CommandCause {
  causationId: string;
  correlationId: string;
}

export interface CommandBusOptions<S, C> {
  log: EventLog;
  projection: Projection<S>;
  model: ReadModel<S>;
  decider: Decider<S, C>;
  bus: EventBus;
  /** Folds into the projection whatever other tabs appended since it last looked. */
  catchUp: () => Promise<void>;
  clock?: () => string;
  newId?: () => string;
  maxRetries?: number;
  maxBatch?: number;
  /** Told the new log position after each successful write (e.g. to wake other tabs). */
  onAppended?: (position: number) => void;
}

interface Pending {
  input: unknown;
  cause: CommandCause | undefined;
  commandId: string;
  attempts: number;
  resolve: (events: StoredEvent[]) => void;
  reject: (error: unknown) => void;
}

interface Decided {
  item: Pending;
  commit: Commit;
  count: number;
}

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

  constructor(private readonly options: CommandBusOptions<S, C>) {
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.maxRetries = options.maxRetries ?? 5;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Resolves with the command's stored events (none for a no-op) once they are durable. */
  dispatch(input: unknown, cause?: CommandCause): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, cause, commandId: this.newId(), attempts: 0, resolve, reject });
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
      await this.runBatch(this.queue.splice(0, solo ? 1 : this.maxBatch));
    }
  }

  private async runBatch(items: Pending[]): Promise<void> {
    const { projection, model, decider, log, bus } = this.options;
    const startPosition = projection.position;
    let state = projection.state;
    let predictedSeq = startPosition;
    const versions = new Map<string, number>();
    const versionOf = (s: string) => versions.get(s) ?? projection.versionOf(s);
    const decided: Decided[] = [];

    for (const item of items) {
      try {
        const command = decider.parse(item.input);
        const at = this.clock();
        const events = decider.decide(state, command, { now: at, newId: this.newId });
        if (events.length === 0) {
          item.resolve([]);
          continue;
        }
        const commit: Commit = {
          events,
          expected: new Map(events.map((e) => [e.streamId, versionOf(e.streamId)])),
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
        decided.push({ item, commit, count: events.length });
      } catch (error) {
        item.reject(error);
      }
    }
    if (decided.length === 0) return;

    let stored: StoredEvent[];
    try {
      stored = await log.appendCommits(decided.map((d) => d.commit));
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
      d.item.resolve(stored.slice(offset, offset + d.count));
      offset += d.count;
    }
  }

  private async handleWriteFailure(decided: Decided[], error: unknown): Promise<void> {
    if (!(error instanceof ConcurrencyError)) {
      for (const d of decided) d.item.reject(error);
      return;
    }
    await this.options.catchUp();
    const retry: Pending[] = [];
    for (const { item } of decided) {
      item.attempts += 1;
      if (item.attempts > this.maxRetries) item.reject(new RetriesExhaustedError(item.attempts, error));
      else retry.push(item);
    }
    this.queue.unshift(...retry);
  }
}
