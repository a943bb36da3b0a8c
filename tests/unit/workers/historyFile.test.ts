import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryFileError, type EventLog } from '../../../src/es';
import { readHistoryFile } from '../../../src/workers/historyFileReader';
import { HistoryPieces } from '../../../src/workers/historyPieces';
import { shopEngine } from '../../support/harness';
import { sampleShopCommands } from '../../../src/domain';
import { freshLog } from '../../support/harness';
import { importOnPage as importHistoryFile } from '../../support/historyFileOnPage';

const logs: EventLog[] = [];
afterEach(() => logs.splice(0).forEach((log) => log.close()));

/** A shop with some history, exported as a history file's text. */
async function exportedShop(): Promise<{ text: string; log: EventLog }> {
  const engine = shopEngine();
  logs.push(engine.log);
  await engine.start();
  for (const command of sampleShopCommands()) await engine.dispatch(command);
  await engine.dispatch({ type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 2 });
  await engine.dispatch({ type: 'CheckoutCart', customerId: 'ada' });
  await engine.stop();
  const pieces = await HistoryPieces.open(engine.log.name, '2026-12-01T00:00:00.000Z');
  let text = '';
  for (let piece = await pieces.next(); ; piece = await pieces.next()) {
    text += new TextDecoder().decode(piece.bytes);
    if (piece.done) break;
  }
  return { text, log: engine.log };
}

const blob = (text: string | Uint8Array) => new Blob([text as BlobPart]);
const emptyLog = () => {
  const log = freshLog();
  logs.push(log);
  return log;
};
const lines = (text: string) => text.split('\n').slice(0, -1);
const joined = (rows: string[]) => `${rows.join('\n')}\n`;

/** The reason a file is refused (the error's message), or 'imported'. */
async function outcome(log: EventLog, text: string | Uint8Array): Promise<string> {
  try {
    await importHistoryFile(log, blob(text));
    return 'imported';
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryFileError);
    return (error as Error).message;
  }
}

describe('a history file', () => {
  it('exported and imported into an empty shop gives the same rows and head hash', async () => {
    const { text, log } = await exportedShop();
    const target = emptyLog();
    const header = await importHistoryFile(target, blob(text));
    const rows = await log.readStoredRows(1, Infinity);
    expect(await target.readStoredRows(1, Infinity)).toEqual(rows);
    expect(header.headHash).toBe((rows.at(-1) as { hash: string }).hash);
    expect(await target.verifyChain()).toMatchObject({ intact: true, events: rows.length });
    // Line endings of another system read the same.
    const crlf = emptyLog();
    await importHistoryFile(crlf, blob(text.replaceAll('\n', '\r\n')));
    expect(await crlf.readStoredRows(1, Infinity)).toEqual(rows);
  });

  it('is refused, naming the line and why, with nothing written, when it was tampered with, cut or forged', async () => {
    const { text } = await exportedShop();
    const all = lines(text);
    const log = emptyLog();
    const fifth = JSON.parse(all[4]!) as { payload: Record<string, unknown> };
    const tampered = [...all];
    tampered[4] = JSON.stringify({ ...fifth, payload: { ...fifth.payload, name: 'Someone else' } });
    expect(await outcome(log, joined(tampered))).toBe('Line 5: its hash does not match its content — the file was changed or damaged');
    expect(await outcome(log, joined(all.slice(0, -2)))).toMatch(
      new RegExp(`^The file ends after ${all.length - 3} events, but its header promises ${all.length - 1}: it was cut short`),
    );
    expect(await outcome(log, text.slice(0, text.length - 40))).toBe(`Line ${all.length}: it is not valid JSON`);
    const header = JSON.parse(all[0]!) as Record<string, unknown>;
    const forged = (change: Record<string, unknown>) => joined([JSON.stringify({ ...header, ...change }), ...all.slice(1)]);
    expect(await outcome(log, forged({ headHash: 'a'.repeat(64) }))).toBe(
      'Line 1: the head hash in the header does not match the last event — the header was changed',
    );
    expect(await outcome(log, forged({ eventCount: 3, lastSeq: 3 }))).toMatch(/^The file ends after \d+ events, but its header promises 3/);
    expect(await outcome(log, forged({ format: 'something-else' }))).toBe('Line 1: it is not the header of a Rewind history file');
    expect(await outcome(log, forged({ formatVersion: 2 }))).toBe(
      'Line 1: it is format version 2, which this version of Rewind cannot read',
    );
    expect(await outcome(log, '')).toBe('The file is empty: it has no header line.');
    expect(await outcome(log, joined([all[0]!, '', ...all.slice(1)]))).toBe('Line 2: it is empty');
    expect(await outcome(log, joined([all[0]!, ...all.slice(2)]))).toBe('Line 2: it is event 2 where event 1 should be');
    expect(await outcome(log, joined([...all, all.at(-1)!]))).toMatch(
      new RegExp(`^Line ${all.length + 1}: it is event \\d+ where event \\d+ should be`),
    );
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from(text.slice(0, 200)).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    expect(await outcome(log, utf16)).toMatch(/not UTF-8 text|Line 1: it is not valid JSON/);
    expect(await log.count()).toBe(0);
  });

  it('checks each event against its type’s schema and refuses hostile keys without polluting anything', async () => {
    const { text } = await exportedShop();
    const all = lines(text);
    const log = emptyLog();
    const second = JSON.parse(all[1]!) as Record<string, unknown>;
    const replaced = (row: Record<string, unknown>) => joined([all[0]!, JSON.stringify(row), ...all.slice(2)]);
    expect(await outcome(log, replaced({ ...second, type: 'GiftCardIssued' }))).toBe(
      'Line 2: its type "GiftCardIssued" is not an event this version of Rewind knows',
    );
    expect(await outcome(log, replaced({ ...second, schemaVersion: 9 }))).toMatch(
      /^Line 2: it is \w+ version 9, written by a newer version of Rewind$/,
    );
    expect(await outcome(log, replaced({ ...second, payload: { sku: 42 } }))).toMatch(/^Line 2: its \w+ payload is not valid/);
    expect(await outcome(log, replaced({ ...second, extra: 1 }))).toBe('Line 2: it has a field "extra" that events do not have');
    const hostile = all[1]!.replace(
      '"payload":{',
      '"payload":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    expect(await outcome(log, joined([all[0]!, hostile, ...all.slice(2)]))).toMatch(/^Line 2: /);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    const deep = JSON.stringify({ ...second, payload: JSON.parse('['.repeat(40) + ']'.repeat(40)) });
    expect(await outcome(log, joined([all[0]!, deep, ...all.slice(2)]))).toBe('Line 2: it is nested more than 32 levels deep');
    expect(await outcome(log, joined([all[0]!, 'x'.repeat(1_000_001)]))).toBe('Line 2: it is longer than 1,000,000 characters');
    expect(await log.count()).toBe(0);
  });

  it('is imported only into an empty shop, or over a history as long as the one the user agreed to replace', async () => {
    const { text, log } = await exportedShop();
    await expect(importHistoryFile(log, blob(text))).rejects.toMatchObject({ name: 'ConcurrencyError' });

    const other = emptyLog();
    await other.append('x', 0, [{ type: 'T', payload: {} }], { commandId: 'c', correlationId: 'c', causationId: null }, 'now');
    const identity = await other.ensureIdentity();
    await expect(importHistoryFile(other, blob(text), 2)).rejects.toMatchObject({ name: 'ConcurrencyError' });
    expect(await other.count()).toBe(1);
    await importHistoryFile(other, blob(text), 1);
    expect(await other.readStoredRows(1, Infinity)).toEqual(await log.readStoredRows(1, Infinity));
    // A new identity, the old one left behind: the record of a 1-event log is not a loss.
    expect(await other.identity()).not.toBe(identity);
    expect(await other.supersededIdentities()).toContain(identity);
  });
});

describe('a history file that starts at an archive anchor', () => {
  /** The exported shop, cut into an archive of its first `n` events and the rest, anchored at event n. */
  async function pieces(n: number) {
    const { text } = await exportedShop();
    const [headerLine, ...rows] = lines(text);
    const header = JSON.parse(headerLine!) as Record<string, unknown>;
    const anchorHash = (JSON.parse(rows[n - 1]!) as { hash: string }).hash;
    const rest = rows.slice(n);
    const restHeader = { ...header, firstSeq: n + 1, eventCount: rest.length, anchor: { seq: n, hash: anchorHash } };
    return { rows, rest, restHeader, anchorHash };
  }

  it('is checked from its anchor: positions, versions that go on from the archived ones, and every hash', async () => {
    const { rest, restHeader } = await pieces(6);
    const checked = await readHistoryFile(blob(joined([JSON.stringify(restHeader), ...rest])));
    expect(checked.header.anchor).toEqual(restHeader.anchor);
    expect(checked.rows.map((r) => r.seq)).toEqual(rest.map((r) => (JSON.parse(r) as { seq: number }).seq));
  });

  it('is refused when its anchor is malformed, does not lead to its first event, or its versions skip', async () => {
    const { rest, restHeader } = await pieces(6);
    const file = (header: Record<string, unknown>, body = rest) => joined([JSON.stringify(header), ...body]);
    const log = emptyLog();
    expect(await outcome(log, file({ ...restHeader, anchor: { seq: 6, hash: 'nope' } }))).toBe(
      'Line 1: its archive anchor is not a position and a SHA-256 hash',
    );
    expect(await outcome(log, file({ ...restHeader, anchor: { seq: 6, hash: 'a'.repeat(64), extra: 1 } }))).toBe(
      'Line 1: its archive anchor has fields anchors do not have',
    );
    expect(await outcome(log, file({ ...restHeader, anchor: { seq: 5, hash: 'a'.repeat(64) } }))).toBe(
      'Line 1: the history starts at event 7, not 6',
    );
    expect(await outcome(log, file({ ...restHeader, anchor: { ...(restHeader.anchor as object), hash: 'a'.repeat(64) } }))).toBe(
      'Line 2: its hash does not match its content — the file was changed or damaged',
    );
    expect(await log.count()).toBe(0);
  });
});

describe('10,000 hostile history files', () => {
  it('are each refused with a HistoryFileError, or read as the file they were made from; none crashes the reader', async () => {
    const { text } = await exportedShop();
    const original = await readHistoryFile(blob(text));
    const bytes = new TextEncoder().encode(text);
    const hostile = fc.oneof(
      // Bytes flipped, dropped or inserted anywhere.
      fc
        .record({ at: fc.nat(bytes.length - 1), byte: fc.integer({ min: 0, max: 255 }), how: fc.constantFrom('flip', 'drop', 'insert') })
        .map(({ at, byte, how }) => {
          const copy = Array.from(bytes);
          if (how === 'flip') copy[at] = copy[at]! === byte ? byte ^ 1 : byte;
          else if (how === 'drop') copy.splice(at, 1);
          else copy.splice(at, 0, byte);
          return new Uint8Array(copy);
        }),
      // Lines swapped, dropped or duplicated; random JSON in place of a line.
      fc.record({ a: fc.nat(), b: fc.nat(), json: fc.jsonValue() }).map(({ a, b, json }) => {
        const rows = lines(text);
        const [i, j] = [a % rows.length, b % rows.length];
        const pick = (a + b) % 3;
        if (pick === 0) [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        else if (pick === 1) rows.splice(i, 1, JSON.stringify(json));
        else rows.splice(i, 0, rows[j]!);
        return new TextEncoder().encode(joined(rows));
      }),
      fc.uint8Array({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (file) => {
        try {
          const read = await readHistoryFile(blob(file));
          // Only a change that leaves every line's meaning as it was can pass (e.g. swapping a line with itself).
          expect(read.rows).toEqual(original.rows);
        } catch (error) {
          expect(error).toBeInstanceOf(HistoryFileError);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);

  it('write nothing when refused (200 through the whole import)', async () => {
    const { text } = await exportedShop();
    const log = emptyLog();
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length - 1), fc.integer({ min: 0, max: 255 }), async (at, code) => {
        const changed = text.slice(0, at) + String.fromCharCode(code === text.charCodeAt(at) ? code ^ 1 : code) + text.slice(at + 1);
        const result = await outcome(log, changed);
        expect(await log.count()).toBe(result === 'imported' ? lines(text).length - 1 : 0);
        if (result === 'imported') await log.db.events.clear();
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
