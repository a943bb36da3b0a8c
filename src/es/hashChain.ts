import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { StoredEvent, UnchainedEvent } from './envelope';

/** What the first event of a log chains from (a compacted log chains from its archive anchor instead). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with every object's keys in code-unit order and no whitespace, so that one event has one
 * encoding wherever it was built or stored. Undefined object members are left out and undefined
 * array items become null, as JSON.stringify does; anything JSON cannot hold is refused.
 * Built as one string, with quoted keys remembered: it runs for every event appended or verified.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, null);
}

/** canonicalJson, leaving out the member `skip` of the outermost object (an event's own hash). */
function encode(value: unknown, skip: string | null): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be encoded.`);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      // A hole is left empty, as Array.prototype.join leaves it; JSON never holds one.
      if (!(i in value)) continue;
      const item: unknown = value[i];
      out += item === undefined ? 'null' : encode(item, null);
    }
    return `${out}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError('canonicalJson: only plain objects can be encoded.');
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || key === skip) continue;
    if (out.length > 1) out += ',';
    out += `${quoted(key)}:${encode(member, null)}`;
  }
  return `${out}}`;
}

/** Keys repeat from event to event (field names): their JSON is kept, up to a bound. */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size >= 10_000) quotedKeys.clear();
    quotedKeys.set(key, text);
  }
  return text;
}

/** The link of `event` after an event whose hash is `previous`: SHA-256 of that hash and the event's canonical encoding, hex. */
export function chainHash(previous: string, event: UnchainedEvent | StoredEvent): string {
  return bytesToHex(sha256(utf8.encode(previous + encode(event, 'hash'))));
}

// One encoder for every hash: noble's utf8ToBytes makes one and copies its output each call.
const utf8 = new TextEncoder();

/** The events with their hashes, chained on from `previous` in the order given. */
export function chain(previous: string, events: readonly UnchainedEvent[]): StoredEvent[] {
  let link = previous;
  return events.map((event) => {
    link = chainHash(link, event);
    return { ...event, hash: link };
  });
}
