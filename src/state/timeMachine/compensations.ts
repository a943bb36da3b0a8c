import { DomainError, type StoredEvent } from '../../es';
import { entitiesChanged, entitiesToRestore, type Command, type ShopState } from '../../domain';
import type { CheckpointIndex } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';

interface UndoRecord {
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
}

/**
 * Restore, undo and redo: each appends one command whose events set entities back (see
 * docs/decisions/004-compensating-events.md); nothing is deleted.
 */
export class Compensations {
  private undoStack: UndoRecord[] = [];
  private redoStack: UndoRecord[] = [];

  constructor(private readonly parts: CompensationsParts) {}

  /** Remembers a command this tab sent (and the events it wrote) as the next to undo. */
  record(command: Command, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    this.undoStack.push({ first: events[0]!.seq, last: events[events.length - 1]!.seq, label: command.type });
    this.redoStack = [];
    this.publish();
  }

  /** Appends one command whose events make the present equal the state at `position`. */
  async restoreTo(position: number): Promise<void> {
    const { runtime, checkpoints, store } = this.parts;
    const target = await checkpoints.stateAt(position);
    const entities = entitiesToRestore(runtime.store.getState().shop, target);
    const [at] = position > 0 ? await runtime.log.readRange(position, position) : [];
    const cause = { causationId: at?.id ?? 'origin', correlationId: crypto.randomUUID() };
    await runtime.engine.dispatch({ type: 'RestoreEntities', restoredTo: position, purpose: 'restore', entities }, cause);
    this.parts.returnToPresent();
    store.setState({ notice: { kind: 'info', text: `Restored the shop to #${position}: ${entities.length} things set back.` } });
  }

  async undo(): Promise<void> {
    const record = this.undoStack.at(-1);
    if (!record) return;
    const done = await this.revert(record, 'undo');
    this.undoStack.pop();
    this.redoStack.push(done);
    this.publish();
  }

  async redo(): Promise<void> {
    const record = this.redoStack.at(-1);
    if (!record) return;
    const done = await this.revert(record, 'redo');
    this.redoStack.pop();
    this.undoStack.push(done);
    this.publish();
  }

  /**
   * Sets the entities a stretch of history changed back to their values before it, provided
   * nothing changed them since; returns the record of the compensation for the opposite stack.
   */
  private async revert(record: UndoRecord, purpose: 'undo' | 'redo'): Promise<UndoRecord> {
    const { runtime, checkpoints } = this.parts;
    const last = await this.endOfChain(record);
    const before = await checkpoints.stateAt(record.first - 1);
    const after = await checkpoints.stateAt(last);
    const touched = entitiesChanged(before, after);
    const present = runtime.store.getState().shop;
    if (entitiesToRestore(present, after, touched).length > 0) {
      throw new DomainError('changed-since', `Cannot ${purpose} ${record.label}: what it changed has been changed again since.`);
    }
    const events = await runtime.engine.dispatch({
      type: 'RestoreEntities',
      restoredTo: record.first - 1,
      purpose,
      entities: entitiesToRestore(present, before, touched),
    });
    return { first: events[0]!.seq, last: events[events.length - 1]!.seq, label: record.label };
  }

  /** A command's chain may have grown since it was recorded (a checkout's order placement). */
  private async endOfChain(record: UndoRecord): Promise<number> {
    const { log } = this.parts.runtime;
    const [first] = await log.readRange(record.first, record.first);
    if (!first) return record.last;
    const chain = await log.readCorrelated(first.meta.correlationId);
    return Math.max(record.last, ...chain.map((e) => e.seq));
  }

  private publish(): void {
    this.parts.store.setState({ undoable: this.undoStack.length, redoable: this.redoStack.length });
  }
}
