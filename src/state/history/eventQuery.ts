import type { EventLog, StoredEvent } from '../../es';
import { customerTag } from '../../domain';
import type { StreamSources } from './streamQuery';

/** The event list's filters, as the user typed them ('' = any). */
export interface EventFilter {
  type: string;
  customerId: string;
  /** A stream-id prefix, or a name (an order's number, a customer, a product): see resolveStreamQuery. */
  streamId: string;
  from: string;
  to: string;
  text: string;
}

export const noFilter: EventFilter = { type: '', customerId: '', streamId: '', from: '', to: '', text: '' };

export const isFiltered = (f: EventFilter) => Object.values(f).some((v) => v.trim() !== '');

const TEXT_CHUNK = 5_000;

/**
 * Positions of the events that match, ascending. Index look-ups narrow the set; free text is
 * then searched in the payloads, a chunk at a time so the page stays responsive. The Stream box
 * stands for `streams` (its names resolved once, by the caller, against the shop it shows); without
 * them, for the streams whose id starts with it.
 */
export async function matchingPositions(
  log: EventLog,
  f: EventFilter,
  upTo: number,
  signal: { cancelled: boolean },
  streams?: StreamSources | null,
): Promise<number[]> {
  const stream = f.streamId.trim();
  const indexed = f.type || f.customerId || stream || f.from || f.to;
  let positions: number[] | null = indexed
    ? await log.positionsMatching({
        types: f.type ? [f.type] : undefined,
        tag: f.customerId ? customerTag(f.customerId) : undefined,
        anyOf: stream ? (streams ?? { streams: [], streamPrefixes: [stream], tags: [] }) : undefined,
        fromTime: f.from ? new Date(f.from).toISOString() : undefined,
        toTime: f.to ? new Date(f.to).toISOString() : undefined,
      })
    : null;
  if (positions) positions = positions.filter((p) => p <= upTo);
  const text = f.text.trim().toLowerCase();
  if (!text) return positions ?? [];
  const matches = (e: StoredEvent) => JSON.stringify(e.payload).toLowerCase().includes(text) || e.type.toLowerCase().includes(text);
  const found: number[] = [];
  if (positions) {
    for (let i = 0; i < positions.length && !signal.cancelled; i += TEXT_CHUNK) {
      for (const e of await log.readPositions(positions.slice(i, i + TEXT_CHUNK))) if (matches(e)) found.push(e.seq);
    }
  } else {
    for (let from = 1; from <= upTo && !signal.cancelled; from += TEXT_CHUNK) {
      for (const e of await log.readRange(from, Math.min(upTo, from + TEXT_CHUNK - 1))) if (matches(e)) found.push(e.seq);
    }
  }
  return found;
}
