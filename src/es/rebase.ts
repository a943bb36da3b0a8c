import { withSenderTag, type CommandCause, type Decider } from './commandBus';
import { toStoredEvent, type Commit, type PendingEvent, type StoredEvent } from './envelope';
import type { ChainLink } from './chainCheck';
import { chainHash } from './hashChain';

/**
 * A command this device decided and wrote locally, not yet confirmed upstream. The command itself is
 * kept (not only its events) so that it can be decided again on whatever upstream became.
 */
/** A command as kept before its events are written: all a re-decision needs but those events. */
export type KeptCommand = Omit<PendingCommand, 'events'>;

export interface PendingCommand {
  commandId: string;
  input: unknown;
  cause: CommandCause | null;
  /** When it was first decided: a re-decision keeps the moment the user acted. */
  at: string;
  senderTag?: string;
  /** Ids its first decision drew, handed back in order so a re-decision can produce the same payloads. */
  drawnIds: string[];
  /** The events it wrote when last decided; an unchanged event keeps its id. */
  events: StoredEvent[];
}

/** Where pending commands are decided again: upstream's head, its state and stream versions there. */
export interface RebaseBase<S> {
  head: ChainLink;
  state: S;
  versionOf(streamId: string): number;
}

export interface RebaseRefusal {
  command: PendingCommand;
  reason: string;
  /** The upstream event that last changed what the decision read, when one did. */
  causedBy: StoredEvent | null;
}

export interface RebaseOutcome<S> {
  state: S;
  /** The pending events decided again, at their positions after upstream's head, chained from it. */
  events: StoredEvent[];
  kept: PendingCommand[];
  refused: RebaseRefusal[];
}

export interface RebaseOptions<S, C> {
  decider: Decider<S, C>;
  evolve(state: S, event: StoredEvent): S;
  /** Upstream events pulled since the last confirmed position: who changed what a refused command read. */
  pulled: readonly StoredEvent[];
  newId(): string;
  /** The follow-up command an event calls for (a process manager), or null. */
  followUp?(event: StoredEvent): unknown | null;
  /** The command to send instead when a follow-up is refused (a checkout's refusal), or null. */
  onFollowUpRejected?(input: unknown, error: unknown): unknown | null;
}

interface Work {
  input: unknown;
  /** For a follow-up, with the moment of the event that called for it. */
  cause: (CommandCause & { at?: string }) | null;
  /** The pending command this decision redoes, when there was one. */
  was: PendingCommand | null;
  /** A process manager's command: its refusal ends the chain instead of being reported. */
  followUp: boolean;
}

/**
 * Rebases pending commands on upstream, as a Git rebase replays commits, but by deciding each one
 * again with the pure decider on the new state (LiveStore and Replicache replay events or mutators
 * without a rule check). A command whose rule no longer holds is refused with the domain's
 * sentence and the upstream event that last changed what it read. Follow-ups (a checkout's
 * PlaceOrder) are not replayed but called for again by the events decided now, as they were the
 * first time, reusing the earlier follow-up's ids when their cause is unchanged. Pure.
 */
export function rebasePending<S, C>(
  base: RebaseBase<S>,
  pending: readonly PendingCommand[],
  options: RebaseOptions<S, C>,
): RebaseOutcome<S> {
  const { decider, evolve } = options;
  const touching = newestTouching(options.pulled);
  let state = base.state;
  let link = base.head;
  const versions = new Map<string, number>();
  const versionOf = (s: string) => versions.get(s) ?? base.versionOf(s);
  const events: StoredEvent[] = [];
  const kept: PendingCommand[] = [];
  const refused: RebaseRefusal[] = [];
  const pendingIds = new Set(pending.flatMap((c) => c.events.map((e) => e.id)));
  /** Earlier follow-ups, by the event that called for them. */
  const followUpOf = new Map(pending.filter((c) => c.cause && pendingIds.has(c.cause.causationId)).map((c) => [c.cause!.causationId, c]));
  const roots = pending.filter((c) => !(c.cause && pendingIds.has(c.cause.causationId)));

  const decideOne = (work: Work): StoredEvent[] | null => {
    const was = work.was;
    const ids = [...(was?.drawnIds ?? [])];
    const drawn: string[] = [];
    const newId = () => {
      const id = ids.shift() ?? options.newId();
      drawn.push(id);
      return id;
    };
    const at = was?.at ?? work.cause?.at ?? '';
    let decided: PendingEvent[];
    try {
      decided = withSenderTag(decider.decide(state, decider.parse(work.input), { now: at, newId, versionOf }), was?.senderTag);
    } catch (error) {
      if (work.followUp) {
        const recovery = options.onFollowUpRejected?.(work.input, error) ?? null;
        return recovery === null ? [] : decideOne({ ...work, input: recovery, was: null });
      }
      const reads = parsedReads(decider, state, work.input);
      refused.push({
        command: was!,
        reason: error instanceof Error ? error.message : String(error),
        causedBy: touching(reads),
      });
      return null;
    }
    const commandId = was?.commandId ?? options.newId();
    const meta = {
      commandId,
      correlationId: work.cause?.correlationId ?? commandId,
      causationId: work.cause?.causationId ?? null,
    };
    const commit: Commit = { events: decided, expected: new Map(), meta, at };
    const written = decided.map((e, i) => {
      const version = versionOf(e.streamId) + 1;
      versions.set(e.streamId, version);
      const before = was?.events[i];
      const id = before && sameDecision(before, e) ? before.id : options.newId();
      const placed = toStoredEvent(e, link.seq + 1, version, commit, id);
      const stored = { ...placed, hash: chainHash(link.hash, placed) };
      link = { seq: stored.seq, hash: stored.hash };
      state = evolve(state, stored);
      return stored;
    });
    events.push(...written);
    kept.push({
      commandId,
      input: work.input,
      cause: work.cause ? { causationId: work.cause.causationId, correlationId: work.cause.correlationId } : null,
      at,
      ...(was?.senderTag === undefined ? {} : { senderTag: was.senderTag }),
      drawnIds: drawn,
      events: written,
    });
    for (const event of written) {
      const next = options.followUp?.(event) ?? null;
      if (next === null) continue;
      const earlier = followUpOf.get(event.id) ?? null;
      decideOne({ input: next, cause: { causationId: event.id, correlationId: meta.correlationId, at }, was: earlier, followUp: true });
    }
    return written;
  };

  for (const command of roots) decideOne({ input: command.input, cause: command.cause, was: command, followUp: false });
  return { state, events, kept, refused };
}
const sameDecision = (before: StoredEvent, after: PendingEvent) =>
  before.type === after.type && before.streamId === after.streamId && sameJson(before.payload, after.payload ?? null);

/** Equal as JSON (undefined members count as absent), compared in place: no encoding is built. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const leftKeys = keys(left);
  return leftKeys.length === keys(right).length && leftKeys.every((k) => Object.hasOwn(right, k) && sameJson(left[k], right[k]));
}

function parsedReads<S, C>(decider: Decider<S, C>, state: S, input: unknown): string[] {
  try {
    return decider.reads?.(state, decider.parse(input)) ?? [];
  } catch {
    return [];
  }
}

/** The newest pulled event on each stream and tag, built once (refusals ask it for what their decision read). */
function newestTouching(pulled: readonly StoredEvent[]): (streams: readonly string[]) => StoredEvent | null {
  let newest: Map<string, StoredEvent> | null = null;
  return (streams) => {
    if (newest === null) {
      newest = new Map();
      for (const e of pulled) {
        newest.set(e.streamId, e);
        for (const tag of e.tags) newest.set(tag, e);
      }
    }
    let found: StoredEvent | null = null;
    for (const s of streams) {
      const e = newest.get(s);
      if (e && (found === null || e.seq > found.seq)) found = e;
    }
    return found;
  };
}
