import type { DecideContext, Decider, ReadModel, ReplayEvent } from '../es';
import { parseCommand, type Command } from './commands';
import type { ShopPendingEvent } from './events';
import { commandOwners, evolvers, readers } from './slices';
import {
  deserializeShop,
  foldAllShop,
  initialShopState,
  serializeShop,
  shopFromSnapshotRows,
  shopSnapshotRows,
  type ShopState,
} from './state';

type Evolve = (state: ShopState, event: ReplayEvent) => ShopState;
const evolveByType = evolvers as Record<string, Evolve>;

/** Routes each command to the slice that owns its type. */
export function decide(state: ShopState, command: Command, context: DecideContext): ShopPendingEvent[] {
  return commandOwners[command.type]!.decide(state, command as never, context);
}

/** Folds one event into the shop. Events of unknown types (a newer app wrote them) are skipped. */
export function evolve(state: ShopState, stored: ReplayEvent): ShopState {
  const fold = evolveByType[stored.type];
  return fold === undefined ? state : fold(state, stored);
}

/**
 * Folds events in order: the same state as `evolve` one event at a time, with the shop's
 * collections edited in place meanwhile (copy on write against `state`, which stays as it was),
 * so a batch allocates about what it changes (docs/decisions/003-checkpoints.md).
 */
export function evolveAll(state: ShopState, events: Iterable<ReplayEvent>): ShopState {
  return foldAllShop(state, events, evolve);
}

/** The streams the decision on `command` reads in `state` (appends will be guarded by them). */
export function streamsRead(state: ShopState, command: Command): string[] {
  return (readers[command.type] as (command: Command, state: ShopState) => string[])(command, state);
}

export const shopDecider: Decider<ShopState, Command> = { parse: parseCommand, decide, reads: streamsRead };

export const shopReadModel: ReadModel<ShopState> = {
  // 3: customers have an email; snapshots of version 2 lack it and are folded again from the log.
  version: 3,
  initial: initialShopState,
  evolve,
  evolveAll,
  serialize: serializeShop,
  snapshotRows: shopSnapshotRows,
  fromSnapshotRows: shopFromSnapshotRows,
  deserialize: deserializeShop,
};
