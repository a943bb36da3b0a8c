import type { Durability } from '../es';
import { localRecordStorage } from './logRecord';

const KEY = 'rewind:durability';

/**
 * The commit durability chosen for this browser ('strict' to flush every write to disk before it
 * is acknowledged); the browser's default unless chosen. See docs/decisions/010-durability-and-damage.md.
 */
export function chosenDurability(storage: Pick<Storage, 'getItem'> | null = localRecordStorage()): Durability {
  const value = storage?.getItem(KEY);
  return value === 'strict' || value === 'relaxed' ? value : 'default';
}

export function chooseDurability(storage: Pick<Storage, 'setItem'>, durability: Durability): void {
  storage.setItem(KEY, durability);
}
