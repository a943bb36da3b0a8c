import type { BranchEntry, DecideContext, Decider, UnchainedEvent } from '../es';
import type { Fold } from './sources';

export interface SandboxOptions<S, C> {
  branchId: string;
  /** The log position the branch starts from. */
  basePosition: number;
  /** The state at `basePosition`. */
  baseState: S;
  decider: Decider<S, C>;
  fold: Fold<S>;
  /** The follow-up command an event calls for (a process manager), or null. */
  followUp: (event: UnchainedEvent) => unknown | null;
  /** Time and ids for each decision. */
  context: () => DecideContext;
  /** What the branch holds already (after a reload), replayed onto the base state. */
  entries?: readonly BranchEntry[];
  /** The command to send instead when a follow-up is refused (a checkout's refusal), or null. */
  onFollowUpRejected?: (command: unknown, error: unknown) => unknown | null;
}

/**
 * Runs commands against a state without the event log: the events it produces live only in the
 * branch. Follow-up commands (process managers) run inside the sandbox too, so a checkout in a
 * branch still becomes an order there.
 */
export class Sandbox<S, C> {
  readonly branchId: string;
  readonly basePosition: number;
  private readonly decider: Decider<S, C>;
  private readonly fold: Fold<S>;
  private readonly followUp: (event: UnchainedEvent) => unknown | null;
  private readonly context: () => DecideContext;
  private readonly onFollowUpRejected: (command: unknown, error: unknown) => unknown | null;
  private state: S;
  private count: number;

  constructor(options: SandboxOptions<S, C>) {
    const { entries = [], fold } = options;
    this.branchId = options.branchId;
    this.basePosition = options.basePosition;
    this.decider = options.decider;
    this.fold = fold;
    this.followUp = options.followUp;
    this.context = options.context;
    this.onFollowUpRejected = options.onFollowUpRejected ?? (() => null);
    let state = options.baseState;
    for (const entry of entries) for (const event of entry.events) state = fold(state, event);
    this.state = state;
    this.count = entries.reduce((n, e) => n + e.events.length, 0);
    this.nextN = entries.length;
  }

  private nextN: number;

  get current(): S {
    return this.state;
  }

  get eventCount(): number {
    return this.count;
  }

  /**
   * Decides `input` and every follow-up it triggers; returns the entries to persist. Throws the
   * user's command's own rejection; a follow-up's rejection ends the chain there, as it would live.
   */
  run(input: unknown): BranchEntry[] {
    const entries: BranchEntry[] = [];
    const queue: Array<{ input: unknown; origin: 'user' | 'process'; cause: UnchainedEvent | null }> = [
      { input, origin: 'user', cause: null },
    ];
    let state = this.state;
    let count = this.count;
    while (queue.length > 0) {
      const { input: next, origin, cause } = queue.shift()!;
      let events: UnchainedEvent[];
      try {
        const command = this.decider.parse(next);
        const ctx = this.context();
        const commandId = ctx.newId();
        events = this.decider.decide(state, command, ctx).map((e) => ({
          seq: this.basePosition + ++count,
          id: ctx.newId(),
          type: e.type,
          streamId: e.streamId,
          version: 0,
          at: e.at ?? ctx.now,
          schemaVersion: e.schemaVersion ?? 1,
          payload: e.payload,
          meta: { commandId, correlationId: cause?.meta.correlationId ?? commandId, causationId: cause?.id ?? null },
          tags: e.tags ?? [],
        }));
      } catch (error) {
        if (origin === 'user') throw error;
        const recovery = this.onFollowUpRejected(next, error);
        if (recovery) queue.push({ input: recovery, origin: 'process', cause });
        continue;
      }
      for (const event of events) {
        state = this.fold(state, event);
        const follow = this.followUp(event);
        if (follow) queue.push({ input: follow, origin: 'process', cause: event });
      }
      entries.push({ branchId: this.branchId, n: this.nextN + entries.length, command: next, origin, events });
    }
    this.state = state;
    this.count = count;
    this.nextN += entries.length;
    return entries;
  }
}
