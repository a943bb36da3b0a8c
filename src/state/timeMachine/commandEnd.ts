import type { EventLog } from '../../es';

const STEP = 64;

/**
 * The last position of the command that wrote `position`: a command's events stand or fall
 * together, so a point between them (an order placed, its stock not yet reserved) is no state
 * the shop was ever in, and a restore goes to the command's end instead.
 */
export async function endOfCommand(log: Pick<EventLog, 'readRange'>, position: number): Promise<number> {
  if (position <= 0) return 0;
  const [at] = await log.readRange(position, position);
  if (!at) return position;
  for (let end = position; ;) {
    const next = await log.readRange(end + 1, end + STEP);
    const other = next.findIndex((e) => e.meta.commandId !== at.meta.commandId);
    if (other >= 0) return end + other;
    if (next.length < STEP) return end + next.length;
    end += next.length;
  }
}
