import { BranchStore, DomainError, type StoredEvent } from '../es';
import {
  categoryOf,
  entitiesChanged,
  entitiesToRestore,
  evolve,
  evolveAll,
  initialShopState,
  onCheckoutEvent,
  onPlaceOrderRejected,
  sameSizes,
  shopDecider,
  type Command,
  type ShopState,
} from '../domain';
import { CheckpointIndex, DensityPlot, type Sandbox, type WhatIf } from '../timeline';
import { checkpointWorker } from '../workers';
import type { ShopRuntime } from './shopRuntime';
import { createTimelineStore, type TimelineStore } from './timelineStore';

export interface TimeMachineOptions {
  /** Events between checkpoints; the most any jump replays. */
  interval?: number;
  densityBuckets?: number;
  branchDbName?: string;
  /** Where the active branch id is remembered across reloads (defaults to localStorage). */
  memory?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

const noMemory = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

interface UndoRecord {
  /** Log positions written by the command and everything it caused. */
  first: number;
  last: number;
  label: string;
}

const ACTIVE_BRANCH_KEY = 'rewind.activeBranch';
/**
 * Events between checkpoints: the most a jump reads and folds. Halving it from 2,000 halved a
 * jump's work (bench at a million events: p50 8.3 → 3.5 ms, p95 20.6 → 14.3 ms) and cost some
 * 50 MB of heap, since each checkpoint also copies the paths to what changed; sharing the present
 * with the checkpoints (sharePresent) gave that back (235 MB ready to scrub at 1M).
 */
const DEFAULT_INTERVAL = 1_000;
/** Events per stored block of the log: one IndexedDB value of about 250 KB at 1M events. */
const BLOCK_SIZE = 1_000;
/**
 * Intervals the present must have moved (start-up, an import, a long session) before it is
 * swapped for the equal state folded from the checkpoints; each swap re-renders the open view.
 */
const SHARE_AFTER_INTERVALS = 4;
/** A jump slower than this shows "computing…" until its state is ready. */
const SHOW_COMPUTING_AFTER_MS = 50;

/**
 * Scrubbing, what-if skips, branches, restore and undo over the shop's history. Reads the log
 * through checkpoints; changes the present only by sending commands (never by writing events).
 */
export class TimeMachine {
  readonly store: TimelineStore = createTimelineStore();
  readonly checkpoints: CheckpointIndex<ShopState>;
  private readonly branches: BranchStore;
  private whatIf: WhatIf<ShopState> | null = null;
  private sandbox: Sandbox<ShopState, Command> | null = null;
  private readonly density = new DensityPlot(categoryOf);
  private request = 0;
  private skipRequest = 0;
  private undoStack: UndoRecord[] = [];
  private redoStack: UndoRecord[] = [];
  private unsubscribe: (() => void) | null = null;
  private readonly memory: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  private readonly folder: ReturnType<typeof checkpointWorker>;
  private disposed = false;
  /** Where the present last took the state folded from the checkpoints. */
  private sharedAt = 0;

  constructor(
    private readonly runtime: ShopRuntime,
    private readonly options: TimeMachineOptions = {},
  ) {
    const interval = options.interval ?? DEFAULT_INTERVAL;
    // The log is read in stored blocks: a jump reads a value or two, not a thousand rows.
    const blockSize = interval % BLOCK_SIZE === 0 ? BLOCK_SIZE : interval;
    const source = {
      readInterval: (from: number, to: number) => runtime.log.readRangeViaBlocks(from, to, blockSize),
      readEvent: async (position: number) => (await runtime.log.readRange(position, position))[0],
    };
    // Folding the whole log on the page would allocate gigabytes there that die young; a worker
    // folds and the page takes in only each interval's changes.
    this.folder = checkpointWorker(runtime.log.name, blockSize);
    this.checkpoints = new CheckpointIndex(
      source,
      evolveAll,
      initialShopState(),
      interval,
      (build) => this.store.setState({ build }),
      this.folder?.feed,
    );
    this.checkpoints.observe((marks) => this.density.add(marks));
    this.branches = new BranchStore(options.branchDbName ?? `${runtime.log.name}-branches`);
    this.memory = options.memory ?? (typeof localStorage === 'undefined' ? noMemory : localStorage);
  }

  get present(): number {
    return this.runtime.store.getState().position;
  }

  /** After the runtime started: plot, background checkpoints, saved branch, deep link. */
  async init(initialCursor?: number | null): Promise<void> {
    this.unsubscribe = this.runtime.store.subscribe((view, previous) => {
      if (view.position !== previous.position) this.onPresentMoved();
    });
    // After the present is on screen: the first layout of a big shop takes tens of milliseconds,
    // and on two cores a worker starting to read the log would stretch it past a long task.
    void afterNextPaint().then(() => {
      if (!this.disposed) this.buildInBackground();
    });
    await this.refreshBranches();
    const active = this.memory.getItem(ACTIVE_BRANCH_KEY);
    if (active) await this.enterBranch(active).catch(() => this.memory.removeItem(ACTIVE_BRANCH_KEY));
    if (initialCursor !== undefined && initialCursor !== null) await this.moveTo(initialCursor);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.densityTimer);
    this.unsubscribe?.();
    this.folder?.close();
    this.branches.close();
  }

  // ── Scrubbing ────────────────────────────────────────────────────────────────────────────

  /** Shows the whole app as it was after event `position` (0 = before the first event). */
  async moveTo(position: number): Promise<void> {
    const target = Math.max(0, Math.min(Math.round(position), this.present));
    const ticket = ++this.request;
    // The slider follows at once; "computing…" only shows when a jump is slow, so that a quick
    // one changes the page once, not twice.
    this.store.setState({ cursor: target });
    const slow = setTimeout(() => ticket === this.request && this.store.setState({ computing: true }), SHOW_COMPUTING_AFTER_MS);
    try {
      const { state, event } = this.whatIf
        ? { state: await this.whatIf.stateAt(target), event: (await this.runtime.log.readRange(target, target))[0] }
        : await this.checkpoints.stateAndEventAt(target);
      if (ticket !== this.request) return; // a newer move won
      const flagged = new Map(this.whatIf?.flagged ?? []);
      this.store.setState({ viewed: state, viewedAt: target, viewedEvent: event ?? null, computing: false, flagged });
    } finally {
      clearTimeout(slow);
    }
  }

  /** The events at two positions (for timing real-time play). */
  async eventsAt(a: number, b: number): Promise<[StoredEvent | undefined, StoredEvent | undefined]> {
    const events = await this.runtime.log.readRange(Math.min(a, b), Math.max(a, b));
    return [events.find((e) => e.seq === a), events.find((e) => e.seq === b)];
  }

  returnToPresent(): void {
    this.request += 1;
    if (this.whatIf) {
      this.store.setState({ cursor: null });
      void this.showWhatIfPresent();
      return;
    }
    this.store.setState({ cursor: null, viewed: null, viewedAt: null, viewedEvent: null, computing: false });
  }

  // ── What-if skips ────────────────────────────────────────────────────────────────────────

  async toggleSkip(seq: number): Promise<void> {
    const skips = new Set(this.store.getState().skips);
    if (skips.has(seq)) skips.delete(seq);
    else skips.add(seq);
    await this.setSkips(skips);
  }

  async clearSkips(): Promise<void> {
    await this.setSkips(new Set());
  }

  private async setSkips(skips: Set<number>): Promise<void> {
    // The set is published at once so the checkboxes follow the click and a second toggle made
    // while the first is still replaying builds on it; only the newest request replays to the end.
    const ticket = ++this.skipRequest;
    this.store.setState({ skips, flagged: new Map() });
    // Loaded on first use: what-if replays are not needed to start the app.
    const [{ WhatIf }, { whyInapplicable }] = await Promise.all([import('../timeline/onDemand'), import('../domain/replayRules')]);
    if (ticket !== this.skipRequest) return;
    this.whatIf = skips.size === 0 ? null : new WhatIf(this.runtime.log, this.checkpoints, evolve, whyInapplicable, skips);
    if (this.whatIf) await this.checkpoints.ensureBuilt(Math.min(...skips));
    if (ticket !== this.skipRequest) return;
    const { cursor } = this.store.getState();
    if (cursor !== null) await this.moveTo(cursor);
    else if (this.whatIf) await this.showWhatIfPresent();
    else this.returnToPresent();
  }

  private async showWhatIfPresent(): Promise<void> {
    const whatIf = this.whatIf;
    if (!whatIf) return;
    const ticket = ++this.request;
    this.store.setState({ computing: true });
    const state = await whatIf.stateAt(this.present);
    if (ticket !== this.request || this.store.getState().cursor !== null) return;
    this.store.setState({ viewed: state, viewedAt: null, viewedEvent: null, computing: false, flagged: new Map(whatIf.flagged) });
  }

  // ── Branches ─────────────────────────────────────────────────────────────────────────────

  /** Starts a sandbox at the cursor (or the present): its commands never reach the log. */
  async startBranch(name?: string): Promise<void> {
    const base = this.store.getState().cursor ?? this.present;
    const record = { id: crypto.randomUUID(), name: name?.trim() || `What if… from #${base}`, basePosition: base, createdAt: new Date().toISOString() };
    await this.branches.create(record);
    await this.refreshBranches();
    await this.enterBranch(record.id);
  }

  async enterBranch(branchId: string): Promise<void> {
    const record = (await this.branches.list()).find((b) => b.id === branchId);
    if (!record) throw new Error(`No branch ${branchId}.`);
    const base = await this.checkpoints.stateAt(Math.min(record.basePosition, this.present));
    const entries = await this.branches.entries(branchId);
    const { Sandbox } = await import('../timeline/onDemand');
    this.sandbox = new Sandbox<ShopState, Command>(
      record.id,
      record.basePosition,
      base,
      shopDecider,
      evolve,
      (event) => onCheckoutEvent(event),
      () => ({ now: new Date().toISOString(), newId: () => crypto.randomUUID() }),
      entries,
      (command, error) => (isPlaceOrder(command) ? onPlaceOrderRejected(command, error) : null),
    );
    this.memory.setItem(ACTIVE_BRANCH_KEY, branchId);
    const eventTimes = entries.flatMap((e) => e.events.map((event) => Date.parse(event.at)));
    this.store.setState({ branch: { record, state: this.sandbox.current, eventCount: this.sandbox.eventCount, eventTimes } });
  }

  private async refreshBranches(): Promise<void> {
    const branches = await this.branches.list();
    const bases = await this.runtime.log.readPositions(branches.map((b) => b.basePosition).filter((p) => p > 0));
    this.store.setState({ branches, branchMarks: bases.map((e) => Date.parse(e.at)) });
  }

  leaveBranch(): void {
    this.sandbox = null;
    this.memory.removeItem(ACTIVE_BRANCH_KEY);
    this.store.setState({ branch: null });
  }

  async discardBranch(): Promise<void> {
    const branch = this.store.getState().branch;
    if (!branch) return;
    this.leaveBranch();
    await this.branches.remove(branch.record.id);
    await this.refreshBranches();
    this.store.setState({ notice: { kind: 'info', text: `Discarded “${branch.record.name}”.` } });
  }

  /** Re-runs the branch's own commands on the present, as new commands, reporting each refusal. */
  async applyBranch(describe: (error: unknown) => string): Promise<void> {
    const branch = this.store.getState().branch;
    if (!branch) return;
    const entries = (await this.branches.entries(branch.record.id)).filter((e) => e.origin === 'user');
    this.leaveBranch();
    this.returnToPresent();
    const refusals: string[] = [];
    let applied = 0;
    for (const entry of entries) {
      try {
        await this.send(entry.command as Command);
        applied += 1;
      } catch (error) {
        refusals.push(`${(entry.command as Command).type}: ${describe(error)}`);
      }
    }
    await this.branches.remove(branch.record.id);
    await this.refreshBranches();
    this.store.setState({
      notice: {
        kind: refusals.length ? 'error' : 'info',
        text: `Applied “${branch.record.name}”: ${applied} of ${entries.length} commands accepted${refusals.length ? `, ${refusals.length} refused` : ''}.`,
        details: refusals,
      },
    });
  }

  // ── Commands: live, in a branch, or refused while looking at the past ─────────────────────

  get readOnly(): boolean {
    const { cursor, branch, skips } = this.store.getState();
    return !branch && (cursor !== null || skips.size > 0);
  }

  /** The one door for the UI's commands. */
  async send(command: Command): Promise<StoredEvent[]> {
    if (this.sandbox) {
      const entries = this.sandbox.run(command);
      await this.branches.append(entries);
      const branch = this.store.getState().branch!;
      const times = entries.flatMap((e) => e.events.map((event) => Date.parse(event.at)));
      this.store.setState({
        branch: { ...branch, state: this.sandbox.current, eventCount: this.sandbox.eventCount, eventTimes: [...branch.eventTimes, ...times] },
      });
      return entries.flatMap((e) => e.events);
    }
    if (this.readOnly) {
      throw new DomainError('viewing-past', 'You are looking at the past. Return to the present (or start a branch) to make changes.');
    }
    const events = await this.runtime.dispatch(command);
    if (events.length > 0) {
      this.undoStack.push({ first: events[0]!.seq, last: events[events.length - 1]!.seq, label: command.type });
      this.redoStack = [];
      this.publishUndo();
    }
    return events;
  }

  // ── Restore, undo, redo: compensating events, appended ─────────────────────────────────────

  /** Appends one command whose events make the present equal the state at `position`. */
  async restoreTo(position: number): Promise<void> {
    const target = await this.checkpoints.stateAt(position);
    const entities = entitiesToRestore(this.runtime.store.getState().shop, target);
    const [at] = position > 0 ? await this.runtime.log.readRange(position, position) : [];
    const cause = { causationId: at?.id ?? 'origin', correlationId: crypto.randomUUID() };
    await this.runtime.engine.dispatch({ type: 'RestoreEntities', restoredTo: position, purpose: 'restore', entities }, cause);
    this.returnToPresent();
    this.store.setState({ notice: { kind: 'info', text: `Restored the shop to #${position}: ${entities.length} things set back.` } });
  }

  async undo(): Promise<void> {
    const record = this.undoStack.at(-1);
    if (!record) return;
    const done = await this.revert(record, 'undo');
    this.undoStack.pop();
    this.redoStack.push(done);
    this.publishUndo();
  }

  async redo(): Promise<void> {
    const record = this.redoStack.at(-1);
    if (!record) return;
    const done = await this.revert(record, 'redo');
    this.redoStack.pop();
    this.undoStack.push(done);
    this.publishUndo();
  }

  /**
   * Sets the entities a stretch of history changed back to their values before it, provided
   * nothing changed them since; returns the record of the compensation for the opposite stack.
   */
  private async revert(record: UndoRecord, purpose: 'undo' | 'redo'): Promise<UndoRecord> {
    const last = await this.endOfChain(record);
    const before = await this.checkpoints.stateAt(record.first - 1);
    const after = await this.checkpoints.stateAt(last);
    const touched = entitiesChanged(before, after);
    const present = this.runtime.store.getState().shop;
    if (entitiesToRestore(present, after, touched).length > 0) {
      throw new DomainError('changed-since', `Cannot ${purpose} ${record.label}: what it changed has been changed again since.`);
    }
    const events = await this.runtime.engine.dispatch({
      type: 'RestoreEntities',
      restoredTo: record.first - 1,
      purpose,
      entities: entitiesToRestore(present, before, touched),
    });
    return { first: events[0]!.seq, last: events[events.length - 1]!.seq, label: record.label };
  }

  /** A command's chain may have grown since it was recorded (a checkout's order placement). */
  private async endOfChain(record: UndoRecord): Promise<number> {
    const [first] = await this.runtime.log.readRange(record.first, record.first);
    if (!first) return record.last;
    const chain = await this.runtime.log.readCorrelated(first.meta.correlationId);
    return Math.max(record.last, ...chain.map((e) => e.seq));
  }

  private publishUndo(): void {
    this.store.setState({ undoable: this.undoStack.length, redoable: this.redoStack.length });
  }

  // ── Density plot ─────────────────────────────────────────────────────────────────────────

  /** The plot from the events the checkpoint build has seen, plus the tail beyond it. */
  async refreshDensity(): Promise<void> {
    const tail = await this.runtime.log.readRange(this.checkpoints.builtUpTo + 1);
    this.store.setState({ density: this.density.buckets(this.options.densityBuckets ?? 120, tail) });
  }

  private densityTimer: ReturnType<typeof setTimeout> | undefined;

  /** Extends the checkpoints to the present, then redraws the plot; a closed log just stops it. */
  private buildInBackground(): void {
    this.checkpoints
      .ensureBuilt(this.present)
      .then(() => Promise.all([this.refreshDensity(), this.sharePresent()]))
      .catch((error: unknown) => console.warn('Timeline checkpoints not built', error));
  }

  /**
   * The present read model is loaded from a snapshot (or folded by an import) apart from the
   * checkpoints, so the heap would hold two full copies of the present shop (some 50 MB at a
   * million events). Once the checkpoints reach the present, the projection takes the same state
   * folded from the newest of them: equal, by the rule the fold's tests check (state at k ==
   * replay of the first k events), and sharing the checkpoints' structure.
   */
  private async sharePresent(): Promise<void> {
    const position = this.present;
    const { builtUpTo, interval } = this.checkpoints;
    if (position - this.sharedAt < SHARE_AFTER_INTERVALS * interval || builtUpTo + interval <= position) return;
    const state = await this.checkpoints.stateAt(position);
    const { engine } = this.runtime;
    // A cheap guard: a shop with other sizes would be a bug in a fold, not a reason to show it.
    if (!sameSizes(state, engine.projection.state)) {
      console.warn(`The state folded from checkpoints at #${position} differs from the present; keeping the present.`);
      return;
    }
    if (await engine.adoptEqualState(state, position)) this.sharedAt = position;
  }

  private onPresentMoved(): void {
    clearTimeout(this.densityTimer);
    this.densityTimer = setTimeout(() => {
      this.buildInBackground();
      if (this.whatIf && this.store.getState().cursor === null) void this.showWhatIfPresent();
    }, 250);
  }
}

/** Resolves once the next frame is painted, or soon anyway where there are no frames (a hidden tab, tests). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

function isPlaceOrder(command: unknown): command is Extract<Command, { type: 'PlaceOrder' }> {
  return (command as { type?: string } | null)?.type === 'PlaceOrder';
}
