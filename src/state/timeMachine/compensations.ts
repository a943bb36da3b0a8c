import type { UnchainedEvent } from '../../es';
import type { basedOn, Command, entitiesChanged, entitiesToRestore, ShopState } from '../../domain';
import type { CheckpointIndex } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';

export interface UndoRecord {
  /** Log positions written by the command and everything it caused. */
  first: number;
  last: number;
  label: string;
}

export interface CompensationsParts {
  runtime: Pick<ShopRuntime, 'store' | 'engine' | 'log'>;
  checkpoints: CheckpointIndex<ShopState>;
  store: TimelineStore;
  returnToPresent: () => void;
  /** The shop's restore rules (passed in, so that compensate.ts's chunk holds only its own code). */
  shop: { basedOn: typeof basedOn; entitiesChanged: typeof entitiesChanged; entitiesToRestore: typeof entitiesToRestore };
}

/**
 * Restore, undo and redo: each appends one command whose events set entities back (see
 * docs/decisions/004-compensating-events.md); nothing is deleted. The stacks are kept here; the
 * compensating itself (compensate.ts) is loaded on first use.
 */
export class Compensations {
  private readonly undoStack: UndoRecord[] = [];
  private readonly redoStack: UndoRecord[] = [];

  constructor(private readonly parts: CompensationsParts) {}

  /** Remembers a command this tab sent (and the events it wrote) as the next to undo. */
  record(command: Command, events: readonly UnchainedEvent[]): void {
    if (events.length === 0) return;
    this.undoStack.push({ first: events[0]!.seq, last: events[events.length - 1]!.seq, label: command.type });
    this.redoStack.length = 0;
    this.publish();
  }

  /** Appends one command whose events make the present equal the state at `position`. */
  async restoreTo(position: number): Promise<void> {
    const { restoreTo } = await import('./onDemand');
    await restoreTo(this.parts, position);
  }

  undo(): Promise<void> {
    return this.step(this.undoStack, this.redoStack, 'undo');
  }

  redo(): Promise<void> {
    return this.step(this.redoStack, this.undoStack, 'redo');
  }

  /** Reverts the newest record of `from` and files its compensation on `to`. */
  private async step(from: UndoRecord[], to: UndoRecord[], purpose: 'undo' | 'redo'): Promise<void> {
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
