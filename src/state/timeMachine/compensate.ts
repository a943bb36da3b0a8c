import { DomainError } from '../../es';
import type { CompensationsParts, UndoRecord } from './compensations';

/** Appends one command whose events make the present equal the state at `position`. */
export async function restoreTo(parts: CompensationsParts, position: number): Promise<void> {
  const { runtime, checkpoints, store } = parts;
  const { basedOn, entitiesToRestore } = parts.shop;
  const target = await checkpoints.stateAt(position);
  // The present and its stream versions read together: the command is refused if they move on.
  const { projection } = runtime.engine;
  const entities = basedOn(entitiesToRestore(projection.state, target), (s) => projection.versionOf(s));
  const [at] = position > 0 ? await runtime.log.readRange(position, position) : [];
  const cause = { causationId: at?.id ?? 'origin', correlationId: crypto.randomUUID() };
  await runtime.engine.dispatch({ type: 'RestoreEntities', restoredTo: position, purpose: 'restore', entities }, cause);
  parts.returnToPresent();
  store.setState({ notice: { kind: 'info', text: `Restored the shop to #${position}: ${entities.length} things set back.` } });
}

/**
 * Sets the entities a stretch of history changed back to their values before it, provided
 * nothing changed them since; returns the record of the compensation for the opposite stack.
 */
export async function revert(parts: CompensationsParts, record: UndoRecord, purpose: 'undo' | 'redo'): Promise<UndoRecord> {
  const { runtime, checkpoints } = parts;
  const { basedOn, entitiesChanged, entitiesToRestore } = parts.shop;
  const last = await endOfChain(parts, record);
  const before = await checkpoints.stateAt(record.first - 1);
  const after = await checkpoints.stateAt(last);
  const touched = entitiesChanged(before, after);
  const { projection } = runtime.engine;
  const present = projection.state;
  if (entitiesToRestore(present, after, touched).length > 0) {
    throw new DomainError('changed-since', `Cannot ${purpose} ${record.label}: what it changed has been changed again since.`);
  }
  const events = await runtime.engine.dispatch({
    type: 'RestoreEntities',
    restoredTo: record.first - 1,
    purpose,
    entities: basedOn(entitiesToRestore(present, before, touched), (s) => projection.versionOf(s)),
  });
  return { first: events[0]!.seq, last: events[events.length - 1]!.seq, label: record.label };
}

/** A command's chain may have grown since it was recorded (a checkout's order placement). */
async function endOfChain(parts: CompensationsParts, record: UndoRecord): Promise<number> {
  const { log } = parts.runtime;
  const [first] = await log.readRange(record.first, record.first);
  if (!first) return record.last;
  const chain = await log.readCorrelated(first.meta.correlationId);
  return Math.max(record.last, ...chain.map((e) => e.seq));
}
