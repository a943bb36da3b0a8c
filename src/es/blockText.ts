import type { ReplayEvent } from './envelope';

/**
 * A block's events as bytes: a JSON array in UTF-8, with the offset just after each event's bytes.
 * Bytes, not a string: IndexedDB keeps a value read alive until the next full collection, and a
 * byte array's contents sit outside the JS heap. Why: see docs/decisions/003-checkpoints.md, "src/es/blockText.ts, EventBytes".
 */
export interface EventBytes {
  text: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const [OPEN, COMMA, CLOSE] = [0x5b, 0x2c, 0x5d];

/** The events' JSON text in UTF-8, and where each event's bytes end. */
export function eventBytes(rows: readonly ReplayEvent[]): EventBytes {
  const texts = rows.map((row) => JSON.stringify(row));
  const chars = texts.reduce((sum, text) => sum + text.length + 1, 1);
  const bytes = new Uint8Array(chars * 3); // UTF-8 takes at most three bytes per UTF-16 unit
  const ends = new Uint32Array(texts.length);
  let at = 0;
  texts.forEach((text, i) => {
    bytes[at++] = i === 0 ? OPEN : COMMA;
    at += encoder.encodeInto(text, bytes.subarray(at)).written;
    ends[i] = at;
  });
  if (texts.length === 0) bytes[at++] = OPEN;
  bytes[at++] = CLOSE;
  return { text: bytes.slice(0, at), ends };
}

/**
 * Events decoded and parsed at a time: small enough that a chunk's text and events are young
 * garbage by the time the next chunk is read, where one string for a whole block went to the
 * large-object space and stayed in the old generation until the next full collection.
 */
const PARSE_CHUNK = 64;

/**
 * The events at offsets first…last, parsed from their bytes alone; null when those bytes are not
 * those events, numbered from `firstSeq`.
 */
export function parseEvents({ text, ends }: EventBytes, first: number, last: number, firstSeq: number): ReplayEvent[] | null {
  try {
    const rows: ReplayEvent[] = [];
    for (let lo = first; lo <= last; lo += PARSE_CHUNK) {
      const hi = Math.min(last, lo + PARSE_CHUNK - 1);
      const from = lo === 0 ? 1 : (ends[lo - 1] as number) + 1;
      const chunk = JSON.parse(`[${decoder.decode(text.subarray(from, ends[hi]))}]`) as unknown;
      if (!Array.isArray(chunk) || chunk.length !== hi - lo + 1) return null;
      for (const row of chunk as ReplayEvent[]) {
        if (row?.seq !== firstSeq + rows.length) return null;
        rows.push(row);
      }
    }
    return rows;
  } catch {
    return null;
  }
}
