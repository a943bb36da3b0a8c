/**
 * What a worker hands the page (written events, checkpoint changes) crosses as UTF-8 JSON in a
 * transferred buffer, not as structured-cloned objects. A message's cloned data stays reachable
 * from its MessageEvent until a major collection frees the event, so every scavenge on the page
 * copied (and promoted) the last few hundred import batches: 8–11 MB per young-generation
 * collection at 541,909 rows, in pauses of 40–70 ms (traced in Chromium). A buffer lives outside
 * the JS heap, and what is parsed from it is garbage as soon as it is used.
 */
export function toJsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(value));
}

const decoder = new TextDecoder();

/** The value back; the caller knows its type (it comes from this app's own worker). */
export function fromJsonBytes<T>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes)) as T;
}

/**
 * V8 parses a JSON text of at least 100 KiB straight into the old generation (kPretenureTreshold
 * in its json-parser.cc); a shorter one into the young generation, where every object that is
 * kept is copied by a scavenge, then copied again when promoted.
 */
const OLD_GENERATION_TEXT = 100 * 1024;

/**
 * The value back, for values the page keeps for good (checkpoints): the text is padded with
 * whitespace to the length at which V8 allocates what it parses in the old generation. Parsed
 * young, the checkpoint build at a million events paused the page 16 times in 28 s, 50–137 ms
 * each, in scavenges copying what it kept; padded, scratch builds showed 2 to 5 such pauses.
 */
export function fromJsonBytesToKeep<T>(bytes: Uint8Array): T {
  const text = decoder.decode(bytes);
  return JSON.parse(text.length < OLD_GENERATION_TEXT ? text.padEnd(OLD_GENERATION_TEXT) : text) as T;
}

/** Several JSON values in one buffer, with the offset where each ends. */
export interface JsonParts {
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
}

/**
 * The values as JSON in one buffer: one transfer and one ArrayBuffer on the page for all of
 * them, where a buffer each made some 20,000 of them over a checkpoint build at a million events.
 */
export function toJsonParts(values: readonly unknown[]): JsonParts {
  const encoded = values.map(toJsonBytes);
  const ends = new Uint32Array(encoded.length);
  let size = 0;
  for (const [i, part] of encoded.entries()) {
    size += part.byteLength;
    ends[i] = size;
  }
  const bytes = new Uint8Array(size);
  for (const [i, part] of encoded.entries()) bytes.set(part, i === 0 ? 0 : ends[i - 1]);
  return { bytes, ends };
}

/** The bytes of value `i` (a view, not a copy). */
export function jsonPart(parts: JsonParts, i: number): Uint8Array {
  return parts.bytes.subarray(i === 0 ? 0 : parts.ends[i - 1], parts.ends[i]);
}
