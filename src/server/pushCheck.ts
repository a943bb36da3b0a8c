import { ChainChecker, checkForeignEvent, HistoryFileError, type ChainLink, type StoredEvent } from '../es';
import { checkShopEvent } from '../shopLog';

/** A push: the upstream position the device built on, and its next events from there. */
export interface Push {
  base: number;
  events: StoredEvent[];
}

/** A request the server refuses, with the HTTP status and the sentence the device shows. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * The shape of a push, checked with the same envelope and payload schemas the app checks history
 * files with, before the database is asked anything.
 */
export function checkPush(body: unknown, maxEvents: number): Push {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Refusal(400, 'A push is an object with "base" and "events".');
  const { base, events } = body as Record<string, unknown>;
  if (!Number.isSafeInteger(base) || (base as number) < 0)
    throw new Refusal(400, '"base" is the upstream position the events follow: a whole number from 0.');
  if (!Array.isArray(events) || events.length === 0) throw new Refusal(400, '"events" is a list of 1 or more events.');
  if (events.length > maxEvents) throw new Refusal(413, `A push holds at most ${maxEvents} events; this one holds ${events.length}.`);
  const ids = new Set<string>();
  const checked = events.map((value: unknown, i) => {
    const n = i + 1;
    let event: StoredEvent;
    try {
      event = checkForeignEvent(value, n);
    } catch (error) {
      if (error instanceof HistoryFileError) throw new Refusal(400, `Event ${n} of the push: ${error.reason}.`);
      throw error;
    }
    const problem = checkShopEvent(event) ?? (holdsNul(event) ? 'it holds a NUL character, which the event store cannot keep' : null);
    if (problem !== null) throw new Refusal(400, `Event ${n} of the push: ${problem}.`);
    const expected = (base as number) + n;
    if (event.seq !== expected) throw new Refusal(400, `Event ${n} of the push is at position ${event.seq}, where ${expected} should be.`);
    if (ids.has(event.id)) throw new Refusal(400, `Event ${n} of the push repeats the id ${event.id}.`);
    ids.add(event.id);
    return event;
  });
  return { base: base as number, events: checked };
}

/** Null when the events chain from `head`; else the sentence for the first one that does not. */
export function chainProblem(head: ChainLink, events: readonly StoredEvent[]): string | null {
  const chain = new ChainChecker(head);
  for (const event of events) {
    const broken = chain.check(event);
    if (broken) return `Event #${broken.at}: its hash does not match its content and the event before it.`;
  }
  return null;
}

/** PostgreSQL's JSONB refuses "\u0000" in a string; found here, it is a clear refusal instead of a failed insert. */
function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, child] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
