import type { StoredEvent } from '../../es';
import type { RestoreFacts } from '../../domain';
import type { Memory } from './branches';

/** One undoable command: the log positions it wrote (its chain may have grown since; see compensate.ts). */
export interface UndoRecord {
  first: number;
  last: number;
}

/** How many of a device's newest commands its undo history is read back from. */
export const UNDO_DEPTH = 100;

/**
 * The undo and redo stacks a device's commands leave, from each command's first event, oldest
 * first. An undo or a redo names the record it reverted by the point it set back to (the
 * position before that record), so a history read from its newest part still pairs them right.
 */
export function undoStacks(
  firsts: readonly StoredEvent[],
  compensationOf: (event: StoredEvent) => RestoreFacts | null,
): { undo: UndoRecord[]; redo: UndoRecord[] } {
  const undo: UndoRecord[] = [];
  const redo: UndoRecord[] = [];
  for (const event of firsts) {
    const record = { first: event.seq, last: event.seq };
    const facts = compensationOf(event);
    if (facts?.purpose === 'undo' || facts?.purpose === 'redo') {
      const [from, to] = facts.purpose === 'undo' ? [undo, redo] : [redo, undo];
      const reverted = from.findLastIndex((r) => r.first === facts.restoredTo + 1);
      if (reverted >= 0) from.splice(reverted, 1);
      to.push(record);
    } else {
      // A command of its own (a restore included): undoable, and what was undone can no longer be redone.
      undo.push(record);
      redo.length = 0;
    }
  }
  return { undo, redo };
}

const DEVICE_KEY = 'rewind:device';

/** The tag this device's commands carry, made once and remembered (so its undo history survives reloads). */
export function deviceTag(memory: Memory): string {
  let id = memory.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    memory.setItem(DEVICE_KEY, id);
  }
  return `device:${id}`;
}
