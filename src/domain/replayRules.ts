import type { UnchainedEvent } from '../es';
import { isShopEvent } from './events';
import { applicabilityRules } from './slices';
import type { ShopState } from './state';

/**
 * Why a recorded event could not have happened in `state` (null when it could). The time
 * machine's what-if replays use it to flag, rather than silently apply, events whose premises a
 * skipped event removed. Each slice states the rules for its own events.
 */
export function whyInapplicable(state: ShopState, stored: UnchainedEvent): string | null {
  if (!isShopEvent(stored)) return null;
  return applicabilityRules[stored.type]!(state as never, stored as never) as string | null;
}
