import type { StoredEvent } from './envelope';
import { ChainChecker, type ChainLink } from './chainCheck';
import { GENESIS_HASH } from './hashChain';

/** The first line of a history file (README: "History files"). */
export interface HistoryFileHeader {
  format: 'rewind-history';
  formatVersion: 1;
  appVersion: string;
  /** Each event type's current schema version in the build that wrote the file. */
  schemaVersions: Record<string, number>;
  eventCount: number;
  firstSeq: number;
  lastSeq: number;
  /** The hash of the last event (of the chain's start when there is none). */
  headHash: string;
  createdAt: string;
  /**
   * Where the file's chain starts when it does not start at the first event: the event before its
   * first, which is archived elsewhere (an earlier archive file), and that event's hash.
   */
  anchor?: ChainLink;
}

/** A line longer than this is refused before it is parsed. */
export const MAX_LINE_CHARS = 1_000_000;
/** Objects and arrays nested deeper than this are refused (a hostile file's stack bomb). */
export const MAX_DEPTH = 32;

const EVENT_FIELDS = new Set(['seq', 'id', 'type', 'streamId', 'version', 'at', 'schemaVersion', 'payload', 'meta', 'tags', 'hash']);
const HASH = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 10_000;

/** Why a line is refused: its line number in the file (1 is the header) and the reason, in words. */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `Line ${line}: ${reason}` : reason);
  }
}

/**
 * What the app checks of an event beyond its envelope (its type, its schema version, its payload
 * against the type's schema); a sentence when it fails, else null.
 */
export type EventContentCheck = (event: StoredEvent) => string | null;

/**
 * Checks a history file line by line, in order, as it is read: the header, then each event's JSON,
 * envelope, content, position, stream version, id and hash link; `finish()` checks the header's
 * count and head against what came. Any failure is a HistoryFileError naming the line; nothing
 * here writes anything.
 */
export class HistoryFileChecker {
  private line = 0;
  private header: HistoryFileHeader | null = null;
  private chain: ChainChecker | null = null;
  private readonly ids = new Set<string>();
  private readonly versions = new Map<string, number>();
  /** Where the chain starts: the header's anchor, or the genesis hash before event 1. */
  private start: ChainLink = { seq: 0, hash: GENESIS_HASH };

  constructor(private readonly checkContent: EventContentCheck) {}

  /** Takes the next line (without its line break); returns the event it holds, or null for the header. */
  take(text: string): StoredEvent | null {
    this.line += 1;
    const line = this.line;
    if (text.length > MAX_LINE_CHARS)
      throw new HistoryFileError(line, `it is longer than ${MAX_LINE_CHARS.toLocaleString('en-GB')} characters`);
    const value = parseLine(text, line);
    if (this.header === null) {
      this.header = checkHeader(value, line);
      if (this.header.anchor) this.start = this.header.anchor;
      if (this.header.firstSeq !== this.start.seq + 1) {
        throw new HistoryFileError(line, `the history starts at event ${this.header.firstSeq}, not ${this.start.seq + 1}`);
      }
      this.chain = new ChainChecker(this.start);
      return null;
    }
    const event = checkEnvelope(value, line);
    const content = this.checkContent(event);
    if (content !== null) throw new HistoryFileError(line, content);
    const expectedSeq = this.chain!.head.seq + 1;
    if (event.seq !== expectedSeq) throw new HistoryFileError(line, `it is event ${event.seq} where event ${expectedSeq} should be`);
    // After an anchor, a stream's first event follows versions archived elsewhere: from there on they are contiguous.
    const known = this.versions.get(event.streamId) ?? (this.start.seq > 0 ? event.version - 1 : 0);
    const version = known + 1;
    if (event.version !== version)
      throw new HistoryFileError(line, `it is version ${event.version} of ${event.streamId}, which is at version ${version - 1}`);
    if (this.ids.has(event.id)) throw new HistoryFileError(line, `its id ${event.id} is already used by an earlier event`);
    if (this.chain!.check(event) !== null)
      throw new HistoryFileError(line, 'its hash does not match its content — the file was changed or damaged');
    this.ids.add(event.id);
    this.versions.set(event.streamId, version);
    return event;
  }

  /** After the last line: the header's promises kept. Returns the header. */
  finish(): HistoryFileHeader {
    if (this.header === null) throw new HistoryFileError(0, 'The file is empty: it has no header line.');
    const head = this.chain!.head;
    const count = head.seq - this.start.seq;
    if (count !== this.header.eventCount || head.seq !== this.header.lastSeq) {
      throw new HistoryFileError(
        0,
        `The file ends after ${count.toLocaleString('en-GB')} events, but its header promises ${this.header.eventCount.toLocaleString('en-GB')}: it was cut short or its header was changed.`,
      );
    }
    if (head.hash !== this.header.headHash)
      throw new HistoryFileError(1, 'the head hash in the header does not match the last event — the header was changed');
    return this.header;
  }
}

/**
 * One event that came from outside (a file's line, a sync server's push or pull), as parsed JSON:
 * its nesting bounded and its envelope checked. A HistoryFileError naming `line` when it is not one.
 */
export function checkForeignEvent(value: unknown, line: number): StoredEvent {
  if (depthOf(value) > MAX_DEPTH) throw new HistoryFileError(line, `it is nested more than ${MAX_DEPTH} levels deep`);
  return checkEnvelope(value, line);
}

function parseLine(text: string, line: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HistoryFileError(line, text.trim() === '' ? 'it is empty' : 'it is not valid JSON');
  }
  if (depthOf(value) > MAX_DEPTH) throw new HistoryFileError(line, `it is nested more than ${MAX_DEPTH} levels deep`);
  return value;
}

/** How deep objects and arrays nest, without recursion (a hostile value cannot blow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [next, depth] = stack.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(next)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown, max = MAX_TEXT): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

function checkHeader(value: unknown, line: number): HistoryFileHeader {
  const refuse = (reason: string): never => {
    throw new HistoryFileError(line, reason);
  };
  if (!isRecord(value) || value.format !== 'rewind-history') refuse('it is not the header of a Rewind history file');
  const header = value as Record<string, unknown>;
  if (header.formatVersion !== 1) refuse(`it is format version ${String(header.formatVersion)}, which this version of Rewind cannot read`);
  if (!isCount(header.eventCount) || !isCount(header.lastSeq) || !isCount(header.firstSeq) || (header.firstSeq as number) < 1)
    refuse('its event count or positions are not whole numbers');
  if ((header.lastSeq as number) - (header.firstSeq as number) + 1 !== header.eventCount)
    refuse('its event count does not match its first and last positions');
  if (typeof header.headHash !== 'string' || !HASH.test(header.headHash)) refuse('its head hash is not a SHA-256 hash');
  if (!isRecord(header.schemaVersions) || !Object.values(header.schemaVersions).every(isCount))
    refuse('its schema versions are not a list of whole numbers');
  if (!isText(header.appVersion, 100) || !isText(header.createdAt, 100)) refuse('its app version or creation time is missing');
  if (header.anchor !== undefined) {
    const anchor = header.anchor as Partial<ChainLink> | null;
    if (!isRecord(anchor) || !isCount(anchor.seq) || anchor.seq < 1 || typeof anchor.hash !== 'string' || !HASH.test(anchor.hash))
      refuse('its archive anchor is not a position and a SHA-256 hash');
    if (Object.keys(anchor as object).some((key) => key !== 'seq' && key !== 'hash'))
      refuse('its archive anchor has fields anchors do not have');
  }
  return header as unknown as HistoryFileHeader;
}

function checkEnvelope(value: unknown, line: number): StoredEvent {
  const refuse = (reason: string): never => {
    throw new HistoryFileError(line, reason);
  };
  if (!isRecord(value)) return refuse('it is not an event');
  for (const key of Object.keys(value)) if (!EVENT_FIELDS.has(key)) refuse(`it has a field "${key.slice(0, 100)}" that events do not have`);
  const { seq, id, type, streamId, version, at, schemaVersion, payload, meta, tags, hash } = value;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) refuse('its position (seq) is not a whole number from 1');
  if (!isText(id, 200)) refuse('its id is missing or longer than 200 characters');
  if (!isText(type, 200)) refuse('its type is missing');
  if (!isText(streamId, 1_000)) refuse('its stream is missing or longer than 1,000 characters');
  if (!Number.isSafeInteger(version) || (version as number) < 1) refuse('its version is not a whole number from 1');
  if (typeof at !== 'string' || !ISO_TIME.test(at) || Number.isNaN(Date.parse(at))) refuse('its time is not an ISO date and time');
  if (!Number.isSafeInteger(schemaVersion) || (schemaVersion as number) < 1) refuse('its schema version is not a whole number from 1');
  if (payload === undefined) refuse('it has no payload');
  if (
    !isRecord(meta) ||
    !isText(meta.commandId, 200) ||
    !isText(meta.correlationId, 200) ||
    !(meta.causationId === null || isText(meta.causationId, 200))
  )
    refuse('its command ids (meta) are missing or malformed');
  if (Object.keys(meta as object).some((key) => !['commandId', 'correlationId', 'causationId'].includes(key)))
    refuse('its meta has fields events do not have');
  if (!Array.isArray(tags) || tags.length > 100 || !tags.every((tag) => isText(tag, 1_000)))
    refuse('its tags are not a list of short texts');
  if (typeof hash !== 'string' || !HASH.test(hash)) refuse('its hash is not a SHA-256 hash');
  return value as unknown as StoredEvent;
}
