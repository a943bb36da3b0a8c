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
export function fromJsonToKeep<T>(text: string): T {
  return JSON.parse(text.length < OLD_GENERATION_TEXT ? text.padEnd(OLD_GENERATION_TEXT) : text) as T;
}

/**
 * Several JSON values as one UTF-8 text in one buffer (one transfer, where a buffer each made
 * some 20,000 of them over a checkpoint build at a million events), with where each value ends in
 * the decoded text, in UTF-16 code units.
 */
export interface JsonParts {
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
}

export function toJsonParts(values: readonly unknown[]): JsonParts {
  const texts = values.map((value) => JSON.stringify(value));
  const ends = new Uint32Array(texts.length);
  let length = 0;
  for (const [i, text] of texts.entries()) {
    length += text.length;
    ends[i] = length;
  }
  return { bytes: new TextEncoder().encode(texts.join('')), ends };
}

/**
 * The values' texts, decoded in one go. Blink hands V8 each decoded string with a weak handle of
 * its own, released in a task after the collection that frees the string. Decoding each of a
 * build's ~30,000 parts on its own, tasks of such callbacks took 55–80 ms after some collections
 * (that these strings were their cause is inferred, not traced); decoded per interval, scratch
 * builds at a million events went from 1–2 such stalls to 0–1.
 */
export function jsonTexts(parts: JsonParts): string[] {
  const text = decoder.decode(parts.bytes);
  return Array.from(parts.ends, (end, i) => text.slice(i === 0 ? 0 : parts.ends[i - 1], end));
}
