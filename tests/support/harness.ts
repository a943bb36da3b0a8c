import { Engine, EventLog } from '../../src/es';
import { shopDecider, shopReadModel, type Command, type ShopState } from '../../src/domain';

let counter = 0;

/** A fresh, uniquely named database so tests never see each other's events. */
export function freshLog(): EventLog {
  counter += 1;
  return new EventLog(`test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`);
}

/** A deterministic clock: one second per call from a fixed start. */
export function steppingClock(start = Date.UTC(2026, 0, 1)): () => string {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}

export function shopEngine(log = freshLog(), snapshotsEvery = 1_000_000): Engine<ShopState, Command> {
  return new Engine({
    log,
    model: shopReadModel,
    decider: shopDecider,
    snapshots: { every: snapshotsEvery, idleMs: 60_000 },
    clock: steppingClock(),
  });
}
