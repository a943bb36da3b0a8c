import type { UnchainedEvent } from '../es';
import { isShopEvent } from './events';
import type { Names } from './sentences';
import { describers } from './slices';

export { namesFrom } from './sentences';
export type { Names } from './sentences';

/** One plain sentence per event, as the audit log shows it (each slice words its own events). */
export function describeEvent(stored: UnchainedEvent, names: Names): string {
  if (!isShopEvent(stored)) return `${stored.type} (recorded by a newer version of Rewind)`;
  return describers[stored.type]!(stored as never, names as never) as string;
}
