import { GENESIS_HASH, chainHash, toStoredEvent, type StoredEvent } from '../../src/es';
import { decide, evolve, initialShopState, onCheckoutEvent, type Command, type ShopState } from '../../src/domain';
import { mulberry32, planDemoBatch } from '../../src/demo';

/**
 * A generated shop history: the demo generator's commands, decided and folded in order, with the
 * checkouts they start carried through (orders placed or refused), as the app would write them.
 */
export function demoEvents(seed: number, batches: number): StoredEvent[] {
  const rng = mulberry32(seed);
  let state: ShopState = initialShopState();
  const events: StoredEvent[] = [];
  let ids = 0;
  const context = { now: '2026-01-01T00:00:00.000Z', newId: () => `id-${++ids}` };
  const meta = { commandId: 'c', correlationId: 'c', causationId: null };
  // Each stream's version, as the log would number it: a device folding these checks them.
  const versions = new Map<string, number>();
  /** Decides and records one command; a refused command writes nothing. */
  const run = (command: Command, followUps: Command[]) => {
    try {
      for (const e of decide(state, command, context)) {
        const version = (versions.get(e.streamId) ?? 0) + 1;
        versions.set(e.streamId, version);
        const placed = toStoredEvent(
          e,
          events.length + 1,
          version,
          { events: [], expected: new Map(), meta, at: context.now },
          context.newId(),
        );
        const stored = { ...placed, hash: chainHash(events.at(-1)?.hash ?? GENESIS_HASH, placed) };
        events.push(stored);
        state = evolve(state, stored);
        const next = onCheckoutEvent(stored);
        if (next) followUps.push(next);
      }
    } catch {
      // refused: nothing written
    }
  };
  for (let b = 0; b < batches; b += 1) {
    const followUps: Command[] = [];
    for (const command of planDemoBatch(state, rng, { size: 40 })) run(command, followUps);
    for (const command of followUps) run(command, []);
  }
  return events;
}
