import type { DecideContext } from '../es';
import { basedOn, entitiesToRestore, withEntities, type EntityKind, type RestoreEntity } from './restore';
import type { ShopState } from './state';
import { wholeProcesses, type ProcessOutcome } from './wholeProcesses';

/** What one RestoreEntities command carries, and how each process caught half-way was finished. */
export interface CompensationPlan {
  entities: RestoreEntity[];
  outcomes: ProcessOutcome[];
}

interface PlanContext extends Pick<DecideContext, 'now' | 'newId'> {
  /** The present's stream versions, which the entities' values are worked out against. */
  versionOf: (streamId: string) => number;
}

/** Restore: the present becomes `target`, with every process caught half-way in it finished. */
export function planRestore(present: ShopState, target: ShopState, context: PlanContext): CompensationPlan {
  const whole = wholeProcesses(target, context);
  return { entities: basedOn(entitiesToRestore(present, whole.state), context.versionOf), outcomes: whole.outcomes };
}

/**
 * Undo and redo: the `touched` entities set back to their values in `before`, the rest of the
 * present kept, and every process in the result finished as a restore's would be.
 */
export function planRevert(
  present: ShopState,
  before: ShopState,
  touched: ReadonlyArray<{ kind: EntityKind; id: string }>,
  context: PlanContext,
): CompensationPlan {
  const whole = wholeProcesses(withEntities(present, entitiesToRestore(present, before, touched)), context);
  const keys = new Map([...touched, ...whole.touched].map((e) => [`${e.kind}/${e.id}`, e]));
  const entities = entitiesToRestore(present, whole.state, [...keys.values()]);
  return { entities: basedOn(entities, context.versionOf), outcomes: whole.outcomes };
}
