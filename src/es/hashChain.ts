import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { StoredEvent, UnchainedEvent } from './envelope';

/** What the first event of a log chains from (a compacted log chains from its archive anchor instead). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with every object's keys in code-unit order and no whitespace, so that one event has one
 * encoding wherever it was built or stored. Undefined object members are left out and undefined
 * array items become null, as JSON.stringify does; anything JSON cannot hold is refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be encoded.`);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError('canonicalJson: only plain objects can be encoded.');
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}

/** The link of `event` after an event whose hash is `previous`: SHA-256 of that hash and the event's canonical encoding, hex. */
export function chainHash(previous: string, event: UnchainedEvent | StoredEvent): string {
  const { hash: _own, ...content } = event as StoredEvent;
  return bytesToHex(sha256(utf8ToBytes(previous + canonicalJson(content))));
}

/** The events with their hashes, chained on from `previous` in the order given. */
export function chain(previous: string, events: readonly UnchainedEvent[]): StoredEvent[] {
  let link = previous;
  return events.map((event) => {
    link = chainHash(link, event);
    return { ...event, hash: link };
  });
}
