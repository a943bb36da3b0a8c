import type { UnchainedEvent } from '../../es';
import type {
  compensationOf,
  describeEvent,
  entitiesChanged,
  entitiesToRestore,
  namesFrom,
  planRestore,
  planRevert,
  ShopState,
} from '../../domain';
import type { CheckpointIndex } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';
import { UNDO_DEPTH, undoStacks, type UndoRecord } from './undoHistory';

export type { UndoRecord } from './undoHistory';

export interface CompensationsParts {
  runtime: Pick<ShopRuntime, 'store' | 'engine' | 'log'>;
  checkpoints: CheckpointIndex<ShopState>;
  store: TimelineStore;
  returnToPresent: () => void;
  /** The tag of this device's commands (see undoHistory.ts): its undo history is read back by it. */
  origin: string;
  /** The shop's restore rules (passed in, so that compensate.ts's chunk holds only its own code). */
  shop: {
    compensationOf: typeof compensationOf;
    describeEvent: typeof describeEvent;
    entitiesChanged: typeof entitiesChanged;
    entitiesToRestore: typeof entitiesToRestore;
    namesFrom: typeof namesFrom;
    planRestore: typeof planRestore;
    planRevert: typeof planRevert;
  };
}

/**
 * Restore, undo and redo: each appends one command whose events set entities back (see
 * docs/decisions/004-compensating-events.md); nothing is deleted. The stacks are this device's
 * commands, read back from the log (docs/decisions/013-whole-processes-on-restore-and-undo.md);
 * the compensating itself (compensate.ts) is loaded on first use.
 */
export class Compensations {
  private undoStack: UndoRecord[] = [];
  private redoStack: UndoRecord[] = [];

  constructor(private readonly parts: CompensationsParts) {}

  get origin(): string {
    return this.parts.origin;
  }

  /** Remembers a command this device sent (the events it wrote) as the next to undo. */
  record(events: readonly UnchainedEvent[]): void {
    if (events.length === 0) return;
    this.undoStack.push({ first: events[0]!.seq, last: events[events.length - 1]!.seq });
    this.redoStack.length = 0;
    this.publish();
  }

  /** Appends one command whose events make the present equal the state at `position`; it is undone as a whole. */
  async restoreTo(position: number): Promise<void> {
    const { restoreTo } = await import('./onDemand');
    this.record(await restoreTo(this.parts, position));
  }

  /** Reads this device's undo and redo stacks back from the log: after a reload, or what its other tabs did. */
  async rebuild(): Promise<void> {
    const newest = await this.parts.runtime.log.readNewest({ tag: this.parts.origin, limit: UNDO_DEPTH });
    const { undo, redo } = undoStacks(newest.reverse(), this.parts.shop.compensationOf);
    this.undoStack = undo;
    this.redoStack = redo;
    this.publish();
  }

  undo(): Promise<void> {
    return this.step('undo');
  }

  redo(): Promise<void> {
    return this.step('redo');
  }

  /** Reverts the newest record of one stack and files its compensation on the other. */
  private async step(purpose: 'undo' | 'redo'): Promise<void> {
    await this.rebuild();
    const [from, to] = purpose === 'undo' ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack];
    const record = from.at(-1);
    if (!record) return;
    const { revert } = await import('./onDemand');
    const done = await revert(this.parts, record, purpose);
    from.pop();
    to.push(done);
    this.publish();
  }

  private publish(): void {
    this.parts.store.setState({ undoable: this.undoStack.length, redoable: this.redoStack.length });
  }
}
