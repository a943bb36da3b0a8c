import type { DecideContext } from '../es';
import { basedOn, entitiesToRestore, withEntities, type EntityKind, type RestoreEntity } from './restore';
import type { ShopState } from './state';
import { wholeProcesses, type ProcessOutcome, type WholeState } from './wholeProcesses';

/** What one RestoreEntities command carries, how each process caught half-way was finished, and the state it makes. */
export interface CompensationPlan {
  entities: RestoreEntity[];
  outcomes: ProcessOutcome[];
  whole: WholeState;
}

interface PlanContext extends Pick<DecideContext, 'now' | 'newId'> {
  /** The present's stream versions, which the entities' values are worked out against. */
  versionOf: (streamId: string) => number;
}

/** Restore: the present becomes `target`, with every process caught half-way in it finished. */
export function planRestore(present: ShopState, target: ShopState, context: PlanContext): CompensationPlan {
  const whole = wholeProcesses(target, { ...context, listedAt: listedIn(present) });
  return { entities: basedOn(entitiesToRestore(present, whole.state), context.versionOf), outcomes: whole.outcomes, whole };
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
  const wanted = withEntities(present, entitiesToRestore(present, before, touched));
  const whole = wholeProcesses(wanted, { ...context, listedAt: listedIn(present) });
  const keys = new Map([...touched, ...whole.touched].map((e) => [`${e.kind}/${e.id}`, e]));
  const entities = entitiesToRestore(present, whole.state, [...keys.values()]);
  return { entities: basedOn(entities, context.versionOf), outcomes: whole.outcomes, whole };
}

function listedIn(present: ShopState): (orderId: string) => number | undefined {
  let places: Map<string, number> | null = null;
  return (orderId) => (places ??= new Map(present.orderIds.map((id, i) => [id, i] as const))).get(orderId);
}
