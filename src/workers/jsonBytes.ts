/**
 * What a worker hands the page (written events, checkpoint changes) crosses as UTF-8 JSON in a
 * transferred buffer, not as structured-cloned objects: cloned data stays alive with its
 * MessageEvent until a major collection, and every scavenge copies it; a buffer is outside the JS
 * heap. Why: see docs/decisions/006-order-history-import.md, "src/workers/jsonBytes.ts, toJsonBytes".
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
 * The length from which V8 parses a JSON text straight into the old generation, so what is kept
 * is never copied by scavenges. Why: see docs/decisions/003-checkpoints.md, "src/workers/jsonBytes.ts, OLD_GENERATION_TEXT".
 */
const OLD_GENERATION_TEXT = 100 * 1024;

/**
 * The value back, for values the page keeps for good (checkpoints): the text is padded with
 * whitespace to OLD_GENERATION_TEXT, so what the page keeps is not copied by scavenges.
 * Why: see docs/decisions/003-checkpoints.md, "src/workers/jsonBytes.ts, fromJsonToKeep".
 */
export function fromJsonToKeep<T>(text: string): T {
  return JSON.parse(text.length < OLD_GENERATION_TEXT ? text.padEnd(OLD_GENERATION_TEXT) : text) as T;
}

/**
 * Several JSON values as one UTF-8 text in one buffer (one transfer rather than one per value;
 * docs/decisions/003-checkpoints.md, "src/workers/jsonBytes.ts, JsonParts and toJsonParts"), with
 * where each value ends in the decoded text, in UTF-16 code units.
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
 * The values' texts, decoded in one go: each string the browser decodes carries a weak handle that
 * is released in a task after a collection, so one string per interval, not one per part.
 * Why: see docs/decisions/003-checkpoints.md, "src/workers/jsonBytes.ts, jsonTexts".
 */
export function jsonTexts(parts: JsonParts): string[] {
  const text = decoder.decode(parts.bytes);
  return Array.from(parts.ends, (end, i) => text.slice(i === 0 ? 0 : parts.ends[i - 1], end));
}
