import { countOf, formatCount } from '../domain';
import { LogDamageError, NewerSchemaError, type DamageKind } from '../es';

/**
 * Why this tab will not write to the log. Each keeps the evidence as it is: a newer build's
 * history, a damaged one (read up to the damage), or one that lost events behind the app's back.
 */
export type WriteLock =
  | { reason: 'newer-build'; detail: string }
  /** `shownUpTo`: the last event the shop on screen reflects (before the damage, or a snapshot's past it). */
  | { reason: 'damaged'; position: number; kind: DamageKind; shownUpTo: number }
  /** `atLeast`: `had` comes from the backup record, written at start, so the log may have had more. */
  | { reason: 'lost-events'; had: number; atLeast: boolean; has: number; replaced: boolean };

export const newerBuildSentence = 'This history was written by a newer version of Rewind — reload to update.';

const damageSentence: Record<DamageKind, string> = {
  missing: 'is missing',
  unreadable: 'cannot be read',
  changed: 'was changed after it was written (it no longer matches its hash)',
};

/** What went wrong, in one sentence for the person using the app (the refusal's message too). */
export function lockSentence(lock: WriteLock): string {
  switch (lock.reason) {
    case 'newer-build':
      return newerBuildSentence;
    case 'damaged':
      return `This history is damaged: event ${formatCount(lock.position)} ${damageSentence[lock.kind]}. Rewind shows the shop up to event ${formatCount(lock.shownUpTo)} and will not write to it.`;
    case 'lost-events':
      return `This browser’s copy of the history had ${lock.atLeast ? 'at least ' : ''}${countOf(lock.had, 'event')}; it now has ${formatCount(lock.has)}. Rewind will not write to it until you choose to start over.`;
    default: {
      const unhandled: never = lock;
      return unhandled;
    }
  }
}

/** The lock a start-up's unread rest of the log calls for. */
export function lockForDamage(damage: LogDamageError | NewerSchemaError): WriteLock {
  if (damage instanceof NewerSchemaError) return { reason: 'newer-build', detail: damage.message };
  return { reason: 'damaged', position: damage.position, kind: damage.kind, shownUpTo: damage.position - 1 };
}

/** Dexie's VersionError: the database on disk has a higher version than this build's schema. */
export function isNewerDatabase(error: unknown): boolean {
  const named = (e: unknown) => (e as { name?: unknown } | null)?.name === 'VersionError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}
