import { CommandBus, type CommandCause, type CommandClock, type Decider } from './commandBus';
import { CrossTabSignal } from './crossTab';
import type { StoredEvent } from './envelope';
import { EventBus } from './eventBus';
import { LogDamageError, NewerSchemaError } from './errors';
import type { EventLog } from './eventLog';
import type { RewrittenSince } from './tailRewrites';
import type { OriginState } from './logOrigin';
import { Projection } from './projection';
import type { ReadModel } from './readModel';
import type { LockRequester } from './writeLock';
import type { KeptCommand } from './rebase';
import { SnapshotKeeper, defaultSnapshotPolicy, type SnapshotPolicy } from './snapshots';

export interface EngineOptions<S, C> {
  log: EventLog;
  model: ReadModel<S>;
  decider: Decider<S, C>;
  snapshots?: Partial<SnapshotPolicy>;
  clock?: () => string;
  newId?: () => string;
  maxRetries?: number;
  /** See CommandBusOptions.locks. */
  locks?: LockRequester | null;
  /** See CommandBusOptions.behind. */
  behind?: () => boolean;
  /** Told when catching up with other tabs' writes, or a rebuild, meets a missing, unreadable or newer event. */
  onDamage?: (damage: LogDamageError | NewerSchemaError) => void;
  /**
   * Told when another tab replaced the whole history (an imported history file): by its message,
   * or by an append of this tab's refused because the log no longer holds the history it loaded.
   */
  onReplacedElsewhere?: () => void;
  /**
   * Told once this tab folded the log again after its tail was rewritten past `after` (a sync
   * rebase, by this tab or another): what it showed of events after `after` is gone.
   */
  onTailRewritten?: (after: number) => void;
  /** See CommandBusOptions.keep. */
  keep?: (commands: KeptCommand[]) => Promise<void>;
}

export interface StartProgress {
  replayed: number;
  total: number;
}

/** Events read and folded at a time when catching up; small enough to keep each step short. */
const CATCH_UP_BATCH = 500;
/** How long after another tab's last write this tab keeps taking the write lock. */
const CONTENDED_FOR_MS = 10_000;

/** Lets the browser paint and handle input between replay batches. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Wires the log, the live projection, the command bus, the event bus, snapshots and other tabs
 * together. Start-up loads the newest usable snapshot and replays only the tail after it.
 */
export class Engine<S, C> {
  readonly projection: Projection<S>;
  readonly bus = new EventBus();
  readonly commands: CommandBus<S, C>;
  readonly snapshots: SnapshotKeeper<S>;
  private readonly signal: CrossTabSignal;
  private catching: Promise<void> | null = null;
  /** When another tab last announced a write (the cross-tab signal). */
  private remoteWriteAt = -Infinity;
  private catchUpAgain = false;
  private started = false;
  private replaying = false;
  /** Another tab replaced the history: what the log now holds is not folded into this tab's state, nor saved as its snapshot. */
  private replaced = false;
  /** Bulk appends under way (an import being folded in): snapshots wait until the last one ends. */
  private held = 0;
  /**
   * Why the last start-up stopped folding before the end of the log (a missing, unreadable or
   * newer event); null when it read everything. The projection then holds what precedes it.
   */
  damage: LogDamageError | NewerSchemaError | null = null;
  /** Where the log starts, read at start-up: the state its archived beginning left, or none (the model's initial state at 0). */
  private startState: OriginState<S> | undefined;

  constructor(private readonly options: EngineOptions<S, C>) {
    this.projection = new Projection(options.model);
    this.snapshots = new SnapshotKeeper(options.log, options.model, { ...defaultSnapshotPolicy, ...options.snapshots }, options.clock);
    this.commands = new CommandBus({
      log: options.log,
      projection: this.projection,
      model: options.model,
      decider: options.decider,
      bus: this.bus,
      catchUp: () => this.catchUp(),
      behind: options.behind,
      clock: options.clock,
      newId: options.newId,
      maxRetries: options.maxRetries,
      locks: options.locks,
      contended: () => Date.now() - this.remoteWriteAt < CONTENDED_FOR_MS,
      onAppended: (position) => this.signal.announce(position),
      keep: options.keep,
    });
    // A failed catch-up (the database was closed for an upgrade) is retried by the next signal.
    this.signal = new CrossTabSignal(
      options.log.name,
      () => {
        this.remoteWriteAt = Date.now();
        this.catchUp().catch((error: unknown) => console.warn('Catch-up failed', error));
      },
      () => this.replacedElsewhere(),
    );
    options.log.onHistoryReplaced(() => this.replacedElsewhere());
  }

  get log(): EventLog {
    return this.options.log;
  }

  async start(onProgress?: (progress: StartProgress) => void): Promise<void> {
    // Before any read: a history replaced after this point is then never appended to by this tab.
    await this.options.log.pinHistory();
    this.startState = await this.readOrigin();
    const loaded = await this.snapshots.loadLatest();
    const snapshot = loaded && loaded.position >= this.originPosition ? loaded : null;
    // The event the snapshot was folded up to changed since: the snapshot is not trusted, and the
    // shop opens from the log up to the event before it, as for any other damage there.
    const changed = snapshot?.headHash !== undefined && !(await this.options.log.holdsLink(snapshot.position, snapshot.headHash));
    this.projection.reset(changed ? this.startState : (snapshot ?? this.startState));
    await this.replayTail(onProgress, changed ? snapshot.position - 1 : Infinity);
    if (changed) this.damage ??= new LogDamageError(snapshot.position, 'changed');
    if (!this.started) {
      this.started = true;
      // Not while replaying: a rebuild saves once at the end instead of after every batch.
      this.projection.subscribe(() => {
        if (!this.replaying && this.held === 0) this.snapshots.notify(this.projection);
      });
    }
  }

  /** The position the log starts after: its origin's, or 0 when it holds every event from the first. */
  get originPosition(): number {
    return this.startState?.position ?? 0;
  }

  /** The state the log starts from (what a fold from its start begins with); none at position 0. */
  get origin(): OriginState<S> | undefined {
    return this.startState;
  }

  /**
   * Replaces the events up to `position`, already written to the archive file `archivedAs` that
   * ends with `hash`, by the state there: folds the log from its start to `position`, then writes
   * that state as the new origin (EventLog.compactTo). The other tabs are told, as when a history
   * is replaced, since what their time machines can reach has changed.
   */
  async archiveUpTo(position: number, hash: string, archivedAs: string): Promise<void> {
    await this.commands.idle();
    const { log, model } = this.options;
    const fold = new Projection(model, this.startState);
    await log.scan(
      fold.position,
      async (batch) => {
        fold.apply(batch);
        await yieldToBrowser();
      },
      undefined,
      position,
    );
    if (fold.position !== position) throw new Error(`The log ends before event ${position}: nothing was archived.`);
    const streamVersions = [...fold.streamVersions()];
    const archivedAt = this.options.clock?.() ?? new Date().toISOString();
    await log.compactTo({
      position,
      hash,
      archivedAs,
      archivedAt,
      modelVersion: model.version,
      data: model.serialize(fold.state),
      streamVersions,
    });
    this.startState = { position, state: fold.state, streamVersions };
    this.signal.announceReplaced();
  }

  /** Tells the other tabs that the log grew to `position` outside the command bus (events pulled from a sync server). */
  announceAppended(position: number): void {
    this.signal.announce(position);
  }

  /** Tells the other tabs that this tab replaced the whole history, so they stop writing. */
  announceReplaced(): void {
    this.signal.announceReplaced();
  }

  /** Validates, decides and appends a command; resolves with its events once durable (senderTag, clock: see CommandBus). */
  dispatch(command: unknown, cause?: CommandCause, senderTag?: string, clock?: CommandClock): Promise<StoredEvent[]> {
    return this.commands.dispatch(command, cause, senderTag, clock);
  }

  /** Drops every snapshot and folds the whole log from zero. */
  async rebuild(onProgress?: (progress: StartProgress) => void): Promise<void> {
    await this.commands.idle();
    await this.snapshots.deleteAll();
    this.projection.reset(this.startState);
    this.replaying = true;
    try {
      await this.replayTail(onProgress);
    } finally {
      this.replaying = false;
    }
    // A rebuild reads what a start from a snapshot skipped: damage there is told as a start's would be.
    if (this.damage) this.options.onDamage?.(this.damage);
    await this.snapshots.save(this.projection);
  }

  /**
   * Folds in events this tab appended outside the command bus (an import written by a worker),
   * from memory rather than reading them back. Returns false, folding nothing, unless they
   * directly follow the projection; catchUp() then reads them from the log instead.
   */
  adoptAppended(events: readonly StoredEvent[]): boolean {
    const fresh = events.filter((e) => e.seq > this.projection.position);
    if (fresh.length === 0) return true;
    if (fresh[0]!.seq !== this.projection.position + 1) return false;
    this.projection.apply(fresh);
    this.bus.publish(fresh);
    return true;
  }

  /**
   * Takes, for the present, an equal state folded elsewhere that shares structure with states kept
   * there (timeline checkpoints): in the projection, and in the snapshot keeper, which keeps the
   * last saved state so that the next save writes only what changed. Saves the present first, so
   * that both hold the same position. False, changing nothing, when events arrive meanwhile, while
   * snapshots are held or replayed, or when the save fails.
   */
  async adoptEqualState(state: S, position: number): Promise<boolean> {
    if (this.projection.position !== position || this.held > 0 || this.replaying) return false;
    await this.snapshots.save(this.projection);
    if (this.projection.position !== position || this.held > 0 || this.replaying) return false;
    return this.snapshots.adoptEqual(state, position) && this.projection.adoptEqual(state, position);
  }

  /**
   * Holds snapshots back while a bulk append is folded in batch after batch: saving every 1,000
   * events would walk and rewrite the growing collections again and again, competing with the
   * fold for the main thread. The returned release saves once, at the end. A snapshot is only a
   * cache, so a tab closed meanwhile loses nothing: the next start replays from the log.
   */
  holdSnapshots(): () => void {
    this.held += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held -= 1;
      if (this.held === 0 && this.started) this.snapshots.notify(this.projection);
    };
  }

  /** Folds in, and publishes, whatever the log holds beyond the projection (other tabs' writes). */
  catchUp(): Promise<void> {
    if (this.replaced) return Promise.resolve();
    if (this.catching) {
      this.catchUpAgain = true;
      return this.catching;
    }
    this.catching = (async () => {
      do {
        this.catchUpAgain = false;
        // In batches: a big append (an import) must not be read and folded in one go.
        for (;;) {
          const { events, rewritten } = await this.readForCatchUp();
          if (rewritten) {
            if (rewritten.identity === null) return this.replacedElsewhere();
            await this.refold(rewritten);
            continue;
          }
          // The command bus may have adopted some of these while we were reading.
          const fresh = events.filter((e) => e.seq > this.projection.position);
          this.projection.apply(fresh);
          this.bus.publish(fresh);
          if (events.length < CATCH_UP_BATCH) break;
        }
      } while (this.catchUpAgain);
    })().finally(() => {
      this.catching = null;
    });
    return this.catching;
  }

  /**
   * The log's tail after `rewrite.after` is not what this tab folded: folds it again from the
   * latest snapshot that still holds (a rewrite drops those after it), or from the log's start.
   * Runs inside catchUp, so nothing else folds meanwhile; the command bus is refused appends
   * decided on the old tail (EventLog.adoptRewrite) and decides them again.
   */
  private async refold(rewrite: RewrittenSince): Promise<void> {
    const { log } = this.options;
    const loaded = await this.snapshots.loadLatest();
    const holds = loaded !== null && loaded.position >= this.originPosition;
    const trusted =
      holds && (loaded.headHash === undefined ? loaded.position <= rewrite.after : await log.holdsLink(loaded.position, loaded.headHash));
    log.adoptRewrite(rewrite);
    this.projection.reset(trusted ? loaded : this.startState);
    this.replaying = true;
    try {
      await this.replayTail();
    } finally {
      this.replaying = false;
    }
    if (this.damage) this.options.onDamage?.(this.damage);
    this.options.onTailRewritten?.(rewrite.after);
    if (this.held === 0) this.snapshots.notify(this.projection);
  }

  /** By the message or a refused append, once or more: the tab keeps what it shows until it reloads. */
  private replacedElsewhere(): void {
    if (!this.replaced) {
      this.replaced = true;
      this.holdSnapshots();
    }
    this.options.onReplacedElsewhere?.();
  }

  async stop(): Promise<void> {
    await this.commands.idle();
    this.signal.close();
    this.snapshots.dispose();
  }

  /**
   * The stored origin as state. It is the only record of the archived events' effect, not a cache
   * that could be refolded: one saved by another version of the read model is refused, not guessed at.
   */
  private async readOrigin(): Promise<OriginState<S> | undefined> {
    const stored = await this.options.log.originState();
    if (!stored) return undefined;
    const { model } = this.options;
    if (stored.modelVersion !== model.version) {
      throw new Error(
        `History before event ${stored.position + 1} is archived, and the state it left was saved by a build with read model ${stored.modelVersion}; this build has ${model.version} and cannot read it.`,
      );
    }
    return { position: stored.position, state: model.deserialize(stored.data), streamVersions: stored.streamVersions };
  }

  /** The next events after the projection; damage among them (another tab wrote it) is reported. */
  private async readForCatchUp(): Promise<{ events: StoredEvent[]; rewritten: RewrittenSince | null }> {
    const from = this.projection.position + 1;
    try {
      const read = await this.options.log.readPinned(from, CATCH_UP_BATCH);
      const gap = read.events.findIndex((e, i) => e.seq !== from + i);
      if (gap >= 0) throw new LogDamageError(from + gap, 'missing');
      return read;
    } catch (error) {
      if (error instanceof LogDamageError || error instanceof NewerSchemaError) {
        this.damage ??= error;
        this.options.onDamage?.(error);
      }
      throw error;
    }
  }

  private async replayTail(onProgress?: (progress: StartProgress) => void, upTo = Infinity): Promise<void> {
    const { log } = this.options;
    const from = this.projection.position;
    const last = Math.min(upTo, await log.lastPosition());
    const total = Math.max(0, last - from);
    this.damage = null;
    onProgress?.({ replayed: 0, total });
    try {
      await log.scan(
        from,
        async (batch) => {
          this.applyFindingDamage(batch);
          onProgress?.({ replayed: this.projection.position - from, total });
          await yieldToBrowser();
        },
        undefined,
        upTo,
      );
    } catch (error) {
      if (!(error instanceof LogDamageError || error instanceof NewerSchemaError)) throw error;
      // Everything before the damage is good: fold it, so the shop opens up to there.
      const before = error.position - 1;
      if (before > this.projection.position) this.applyFindingDamage(await log.readRange(this.projection.position + 1, before));
      this.damage = error;
    }
  }

  /** Folds a batch; when its fold fails, folds it event by event to name the one that fails. */
  private applyFindingDamage(batch: readonly StoredEvent[]): void {
    try {
      this.projection.apply(batch);
    } catch (error) {
      for (const event of batch) {
        if (event.seq <= this.projection.position) continue;
        try {
          this.projection.apply([event]);
        } catch (cause) {
          throw new LogDamageError(event.seq, 'unreadable', cause);
        }
      }
      throw error;
    }
  }
}
