import { BranchStore, type UnchainedEvent } from '../../es';
import {
  compensationOf,
  describeEvent,
  entitiesChanged,
  entitiesToRestore,
  evolve,
  namesFrom,
  onCheckoutEvent,
  onPlaceOrderRejected,
  planRestore,
  planRevert,
  shopDecider,
  type Command,
  type ShopState,
} from '../../domain';
import type { CheckpointIndex } from '../../timeline';
import { ShopCommandGateway, type CommandGateway } from '../commandGateway';
import type { ShopRuntime } from '../shopRuntime';
import { createTimelineStore, type TimelineStore } from '../timelineStore';
import type { Branches, Memory } from './branches';
import { CheckpointBuild } from './checkpointBuild';
import type { ZoomHow, ZoomOutcome } from './densityPlot';
import { Compensations } from './compensations';
import { Cursor } from './cursor';
import { WhatIfSkips } from './skips';
import { deviceTag } from './undoHistory';

export interface TimeMachineOptions {
  /** Events between checkpoints; the most any jump replays. */
  interval?: number;
  densityBuckets?: number;
  branchDbName?: string;
  /** Where the active branch id and this device's id (its undo history) are remembered across reloads (defaults to localStorage). */
  memory?: Memory;
}

/** What the UI may do with the timeline: move, skip, branch, restore, undo. */
export interface TimelineControls {
  moveTo(position: number): Promise<void>;
  returnToPresent(): void;
  toggleSkip(seq: number): Promise<void>;
  clearSkips(): Promise<void>;
  startBranch(name?: string): Promise<void>;
  enterBranch(branchId: string): Promise<void>;
  leaveBranch(): void;
  discardBranch(): Promise<void>;
  /** Re-runs the branch's own commands on the present; `describe` words each refusal. */
  applyBranch(describe: (error: unknown) => string): Promise<void>;
  restoreTo(position: number): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Zooms the plot and the slider to the events in a time range (ms); 'in' nests, 'replace' moves the current zoom. */
  zoomTo(start: number, end: number, how?: ZoomHow): ZoomOutcome;
  /** Back one zoomed level, or (`all`) to the whole history. */
  zoomOut(all?: boolean): void;
  /** When the event at a position happened, from what the plot holds (no log read); null if unknown. */
  timeOf(position: number): number | null;
}

/**
 * A part of the time machine made on first use: its code is loaded then (see onDemand.ts). Once
 * made, `use` calls it at once; before, after the load, in the order asked.
 */
class OnFirstUse<T> {
  private part: T | null = null;
  private loading: Promise<T> | null = null;

  constructor(private readonly make: () => Promise<T>) {}

  get loaded(): T | null {
    return this.part;
  }

  async use<R>(act: (part: T) => R | Promise<R>): Promise<R> {
    return act(this.part ?? (await (this.loading ??= this.make().then((part) => (this.part = part)))));
  }
}

const noMemory: Memory = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

/**
 * Scrubbing, what-if skips, branches, restore and undo over the shop's history, composed from a
 * part for each. Reads the log through checkpoints; changes the present only by sending commands.
 */
export class TimeMachine implements TimelineControls {
  readonly store: TimelineStore = createTimelineStore();
  readonly checkpoints: CheckpointIndex<ShopState>;
  /** The one door for commands: read-only guard, branch routing, undo recording. */
  readonly commands: CommandGateway;
  private readonly build: CheckpointBuild;
  private readonly cursor: Cursor;
  private readonly skips: WhatIfSkips;
  /** Loaded by init, which resumes the branch remembered from the last visit. */
  private readonly branches: OnFirstUse<Branches>;
  private disposed = false;
  private readonly compensations: Compensations;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly runtime: ShopRuntime,
    options: TimeMachineOptions = {},
  ) {
    const { store } = this;
    const present = () => this.present;
    this.build = new CheckpointBuild(runtime, store, options);
    const checkpoints = (this.checkpoints = this.build.checkpoints);
    const cursor = (this.cursor = new Cursor({ store, checkpoints, log: runtime.log, present, whatIf: () => this.skips.whatIf }));
    this.skips = new WhatIfSkips({ store, checkpoints, log: runtime.log, cursor });
    const returnToPresent = () => cursor.returnToPresent();
    const memory = options.memory ?? (typeof localStorage === 'undefined' ? noMemory : localStorage);
    const branchParts = {
      store,
      checkpoints,
      log: runtime.log,
      present,
      dbName: options.branchDbName ?? `${runtime.log.name}-branches`,
      memory,
      returnToPresent,
      openStore: (dbName: string) => new BranchStore(dbName),
      shop: { decider: shopDecider, evolve, onCheckoutEvent, onPlaceOrderRejected },
    };
    const branches = (this.branches = new OnFirstUse(async () => {
      const { Branches } = await import('./onDemand');
      const part = new Branches(branchParts);
      if (this.disposed) part.close();
      return part;
    }));
    this.compensations = new Compensations({
      runtime,
      checkpoints,
      store,
      returnToPresent,
      origin: deviceTag(memory),
      shop: { compensationOf, describeEvent, entitiesChanged, entitiesToRestore, namesFrom, planRestore, planRevert },
    });
    this.commands = new ShopCommandGateway({
      runtime,
      timeline: store,
      branch: {
        get active() {
          return branches.loaded?.active ?? false;
        },
        run: (command) => branches.use((b) => b.run(command)),
      },
      undo: this.compensations,
    });
  }

  get present(): number {
    return this.runtime.store.getState().position;
  }

  /** After the runtime started: plot, background checkpoints, saved branch, deep link. */
  async init(initialCursor?: number | null): Promise<void> {
    this.unsubscribe = this.runtime.store.subscribe((view, previous) => {
      if (view.rewritten !== previous.rewritten && view.rewritten) void this.historyRewritten(view.rewritten.after);
      else if (view.position !== previous.position) this.build.presentMoved(() => this.followPresent());
    });
    // The checkpoints count from where the log starts: the state its archived beginning left.
    const { origin } = this.runtime.engine;
    if (origin) this.checkpoints.startFrom(origin.position, origin.state);
    this.build.start();
    // Undo stays empty rather than the time machine not starting (a log that cannot be read is told elsewhere).
    await this.compensations.rebuild().catch((error: unknown) => console.warn('Undo history not read back', error));
    await this.branches.use((b) => b.resume());
    if (initialCursor !== undefined && initialCursor !== null) await this.moveTo(initialCursor);
  }

  dispose(): void {
    this.build.dispose();
    this.unsubscribe?.();
    this.disposed = true;
    this.branches.loaded?.close();
  }

  get readOnly(): boolean {
    return this.commands.readOnly;
  }

  send(command: Command): Promise<UnchainedEvent[]> {
    return this.commands.send(command);
  }

  moveTo = (position: number) => this.cursor.moveTo(position);
  returnToPresent = () => this.cursor.returnToPresent();
  toggleSkip = (seq: number) => this.skips.toggleSkip(seq);
  clearSkips = () => this.skips.clearSkips();
  startBranch = (name?: string) => this.branches.use((b) => b.start(name));
  enterBranch = (branchId: string) => this.branches.use((b) => b.enter(branchId));
  leaveBranch = () => void this.branches.use((b) => b.leave());
  discardBranch = () => this.branches.use((b) => b.discard());
  applyBranch = (describe: (error: unknown) => string) =>
    this.branches.use((b) => b.apply((command) => this.commands.send(command), describe));
  restoreTo = (position: number) => this.compensations.restoreTo(position);
  undo = () => this.compensations.undo();
  redo = () => this.compensations.redo();
  refreshDensity = () => this.build.refreshDensity();
  zoomTo = (start: number, end: number, how: ZoomHow = 'in') => this.build.zoomTo(start, end, how);
  zoomOut = (all = false) => this.build.zoomOut(all);
  timeOf = (position: number) => this.build.timeOf(position);

  /**
   * Sync replaced the log after `after` (a rebase): a cursor or skips past it pointed at events
   * that are gone, so the view returns to the present; checkpoints and undo are made again.
   */
  private async historyRewritten(after: number): Promise<void> {
    const { cursor, skips } = this.store.getState();
    if ([...skips].some((seq) => seq > after)) await this.skips.clearSkips();
    if (cursor !== null && cursor > after) this.cursor.returnToPresent();
    this.build.rewritten(after);
    await this.compensations.rebuild().catch((error: unknown) => console.warn('Undo history not read back', error));
  }

  /** A what-if shown at the present follows it as new events arrive. */
  private followPresent(): void {
    if (this.skips.whatIf && this.store.getState().cursor === null) void this.cursor.showWhatIfPresent();
  }
}
