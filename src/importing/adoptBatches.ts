import type { StoredEvent } from '../es';

/**
 * What folding one event costs, roughly: an imported order or return touches one product per
 * line, so its lines count, not the event.
 */
function weightOf(event: StoredEvent): number {
  const lines = (event.payload as { lines?: unknown } | null)?.lines;
  return 1 + (Array.isArray(lines) ? lines.length : 0);
}

/**
 * Cuts the events of an import into the batches the page folds one task at a time. Sized by
 * weight rather than by count, since big invoices make a batch of the same count fold far longer.
 * Why: see docs/decisions/006-order-history-import.md, "src/importing/adoptBatches.ts, adoptBatches and ADOPT_WEIGHT".
 */
export function* adoptBatches(events: readonly StoredEvent[], maxWeight = ADOPT_WEIGHT): Generator<StoredEvent[]> {
  let from = 0;
  let weight = 0;
  for (let i = 0; i < events.length; i += 1) {
    weight += weightOf(events[i]!);
    if (weight >= maxWeight) {
      yield events.slice(from, i + 1);
      from = i + 1;
      weight = 0;
    }
  }
  if (from < events.length) yield events.slice(from);
}

/** Lines (plus events) folded per batch: a short task's fold (docs/decisions/006-order-history-import.md, same heading). */
export const ADOPT_WEIGHT = 400;
