import { DomainError, type StoredEvent } from '../../es';
import type { CompensationPlan } from '../../domain';
import { endOfCommand } from './commandEnd';
import type { CompensationsParts, UndoRecord } from './compensations';

/**
 * Appends one command whose events make the present equal the state at `position` (the end of
 * the command that wrote it), every process there finished; returns what it wrote, to undo it.
 */
export async function restoreTo(parts: CompensationsParts, position: number): Promise<StoredEvent[]> {
  const { runtime, checkpoints, store } = parts;
  const point = await endOfCommand(runtime.log, position);
  const target = await checkpoints.stateAt(point);
  // The present and its stream versions read together: the command is refused if they move on.
  const { projection } = runtime.engine;
  const plan = parts.shop.planRestore(projection.state, target, planContext(parts));
  const [at] = point > 0 ? await runtime.log.readRange(point, point) : [];
  const cause = { causationId: at?.id ?? 'origin', correlationId: crypto.randomUUID() };
  const command = { type: 'RestoreEntities', restoredTo: point, purpose: 'restore', entities: plan.entities };
  const events = await runtime.engine.dispatch(command, cause, parts.origin);
  parts.returnToPresent();
  const inside = point === position ? '' : ` (the end of the command that wrote #${position})`;
  const text = `Restored the shop to #${point}${inside}: ${plan.entities.length} things set back.${outcomesOf(plan)}`;
  store.setState({ notice: { kind: 'info', text } });
  return events;
}

/**
 * Sets the entities a stretch of history changed back to their values before it, provided
 * nothing changed them since, every process in the result finished; returns the record of the
 * compensation for the opposite stack.
 */
export async function revert(parts: CompensationsParts, record: UndoRecord, purpose: 'undo' | 'redo'): Promise<UndoRecord> {
  const { runtime, checkpoints, store } = parts;
  const { entitiesChanged, entitiesToRestore } = parts.shop;
  const { first, last } = await chainOf(parts, record);
  const before = await checkpoints.stateAt(record.first - 1);
  const after = await checkpoints.stateAt(last);
  const touched = entitiesChanged(before, after);
  const { projection } = runtime.engine;
  const present = projection.state;
  if (entitiesToRestore(present, after, touched).length > 0) {
    const what = first ? `“${parts.shop.describeEvent(first, parts.shop.namesFrom(present))}”` : `#${record.first}`;
    throw new DomainError('changed-since', `Cannot ${purpose} ${what}: what it changed has been changed again since.`);
  }
  const plan = parts.shop.planRevert(present, before, touched, planContext(parts));
  const command = { type: 'RestoreEntities', restoredTo: record.first - 1, purpose, entities: plan.entities };
  const events = await runtime.engine.dispatch(command, undefined, parts.origin);
  if (plan.outcomes.length > 0)
    store.setState({ notice: { kind: 'info', text: `${purpose === 'undo' ? 'Undone' : 'Redone'}.${outcomesOf(plan)}` } });
  return { first: events[0]!.seq, last: events[events.length - 1]!.seq };
}

function planContext(parts: CompensationsParts) {
  const { projection } = parts.runtime.engine;
  return { now: new Date().toISOString(), newId: () => crypto.randomUUID(), versionOf: (s: string) => projection.versionOf(s) };
}

/** Each checkout (or other process) the compensation finished, completed or cancelled, in words. */
const outcomesOf = (plan: CompensationPlan) => plan.outcomes.map((o) => ` ${o.sentence}`).join('');

/** A command's first event, and where its chain ends now: it may have grown since it was recorded (a checkout's order placement). */
async function chainOf(parts: CompensationsParts, record: UndoRecord): Promise<{ first: StoredEvent | undefined; last: number }> {
  const { log } = parts.runtime;
  const [first] = await log.readRange(record.first, record.first);
  if (!first) return { first, last: record.last };
  const chain = await log.readCorrelated(first.meta.correlationId);
  return { first, last: Math.max(record.last, ...chain.map((e) => e.seq)) };
}
