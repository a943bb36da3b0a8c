import type { StoredEvent } from '../es';
import type { Fold } from './sources';
import { getPath, type Path } from './diff';

export interface FieldChange {
  event: StoredEvent;
  before: unknown;
  after: unknown;
}

/**
 * Which events changed the value at `path`. `candidates` are the events that can touch the
 * entity (the domain knows which tags/streams those are), in log order; since no other event
 * touches it, folding only those onto the state before the first one tracks the field exactly.
 */
export function fieldHistory<S>(start: S, candidates: readonly StoredEvent[], fold: Fold<S>, path: Path): FieldChange[] {
  const changes: FieldChange[] = [];
  let state = start;
  let value = getPath(state, path);
  for (const event of candidates) {
    state = fold(state, event);
    const next = getPath(state, path);
    if (JSON.stringify(next) !== JSON.stringify(value)) changes.push({ event, before: value, after: next });
    value = next;
  }
  return changes;
}
