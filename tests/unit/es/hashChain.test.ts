import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLog, GENESIS_HASH, canonicalJson, chainHash, verifyRows, type StoredEvent } from '../../../src/es';
import { EventLogDb } from '../../../src/es/eventLogDb';
import { demoEvents } from '../../support/demoEvents';
import { freshLog } from '../../support/harness';
import { databaseOfSchema } from '../../support/olderSchema';
import { referenceCanonicalJson } from '../../support/referenceCanonicalJson';

const meta = { commandId: 'c', correlationId: 'c', causationId: null };

describe('canonical encoding', () => {
  it('orders keys by code unit at every depth and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, B: 'é' })).toBe('{"B":"é","a":{"c":true,"d":[1,"x",null]},"b":1}');
  });

  it('is the same for the same value however it was built', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is exactly the encoding the chain was first made with, for any JSON value and every kind of event', () => {
    const keyed = fc.dictionary(
      fc.oneof(fc.string(), fc.nat().map(String), fc.constantFrom('__proto__', 'constructor', 'é', '\u2028')),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), keyed, fc.array(keyed)), (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 2_000 },
    );
    for (const event of demoEvents(7, 20)) expect(canonicalJson(event)).toBe(referenceCanonicalJson(event));
  });

  it('leaves out undefined members as JSON does, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('the hash chain', () => {
  it('is SHA-256 of the previous hash followed by the canonical encoding, in hex', () => {
    const event = {
      seq: 1,
      id: 'e1',
      type: 'T',
      streamId: 's',
      version: 1,
      at: 'now',
      schemaVersion: 1,
      payload: { z: 1, a: 2 },
      meta,
      tags: [],
    };
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonicalJson(event))
      .digest('hex');
    expect(chainHash(GENESIS_HASH, event)).toBe(expected);
    // The hash a row carries is not part of what it hashes.
    expect(chainHash(GENESIS_HASH, { ...event, hash: 'anything' })).toBe(expected);
  });

  it('links every appended event to the one before, across commits and transactions', async () => {
    const log = freshLog();
    await log.append('a', 0, [{ type: 'T', payload: { n: 1 } }], meta, '2026-01-01T00:00:00.000Z');
    await log.appendCommits([
      { events: [{ streamId: 'b', type: 'T', payload: { n: 2 } }], expected: new Map(), meta, at: '2026-01-01T00:00:01.000Z' },
      { events: [{ streamId: 'a', type: 'T', payload: { n: 3 } }], expected: new Map([['a', 1]]), meta, at: '2026-01-01T00:00:02.000Z' },
    ]);
    const rows = await log.readRange(1);
    let previous = GENESIS_HASH;
    for (const row of rows) {
      expect(row.hash).toBe(chainHash(previous, row));
      previous = row.hash;
    }
    expect(await log.verifyChain()).toEqual({ intact: true, events: 3, headHash: rows[2]!.hash, from: 0 });
    log.close();
  });

  it('is given, once and in log order, to the events of a log written before it existed', async () => {
    const source = freshLog();
    for (let n = 1; n <= 30; n += 1)
      await source.append(`s${n % 4}`, Math.floor((n - 1) / 4), [{ type: 'T', payload: { n } }], meta, 'now');
    const rows = await source.readRange(1);
    source.close();
    const name = `unchained-${Math.random().toString(36).slice(2)}`;
    const old = databaseOfSchema(name, 6);
    await old.table('events').bulkAdd(rows.map(({ hash: _none, ...row }) => row));
    old.close();

    const log = new EventLog(name);
    expect(log.db.verno).toBe(EventLogDb.schemaVersion);
    expect((await log.readRange(1)).map((e) => e.hash)).toEqual(rows.map((e) => e.hash));
    expect(await log.verifyChain()).toMatchObject({ intact: true, events: rows.length });
    log.close();
  });
});

/** Every stored field of an event, as a path, with a value it does not hold. */
const mutation = fc.record({
  index: fc.nat(),
  field: fc.constantFrom('seq', 'id', 'type', 'streamId', 'version', 'at', 'schemaVersion', 'payload', 'meta', 'tags', 'hash'),
  value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 })),
  deep: fc.boolean(),
});

/** Changes one stored field of the event (a nested member of an object field when `deep`); false when the value would not change. */
function mutate(event: StoredEvent, field: keyof StoredEvent, value: unknown, deep: boolean): boolean {
  const target = event as unknown as Record<string, unknown>;
  const current = target[field];
  if (deep && typeof current === 'object' && current !== null && !Array.isArray(current)) {
    const keys = Object.keys(current);
    const key = keys.length > 0 ? keys[Math.abs(JSON.stringify(value)?.length ?? 0) % keys.length]! : 'added';
    const inner = current as Record<string, unknown>;
    if (canonicalJson(inner[key] ?? null) === canonicalJson(value) && key in inner) return false;
    target[field] = { ...inner, [key]: value };
    return true;
  }
  if (canonicalJson(current) === canonicalJson(value)) return false;
  target[field] = value;
  return true;
}

describe('tampering', () => {
  const history = demoEvents(11, 3);

  it('with any stored field of any event is found at that event (1,000 cases)', () => {
    expect(verifyRows(history, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ intact: true });
    fc.assert(
      fc.property(mutation, ({ index, field, value, deep }) => {
        const rows = history.map((e) => structuredClone(e));
        const at = index % rows.length;
        fc.pre(mutate(rows[at]!, field, value, deep));
        const verdict = verifyRows(rows, { seq: 0, hash: GENESIS_HASH });
        expect(verdict).toMatchObject({ intact: false, brokenAt: at + 1 });
      }),
      { numRuns: 1_000 },
    );
  });

  it('in IndexedDB is found by verify: a changed event, an event rehashed on its own, a missing one', async () => {
    const log = freshLog();
    for (let n = 1; n <= 12; n += 1) await log.append(`s${n % 3}`, Math.floor((n - 1) / 3), [{ type: 'T', payload: { n } }], meta, 'now');
    const progress: Array<[number, number]> = [];
    expect(await log.verifyChain({ onProgress: (checked, total) => progress.push([checked, total]) })).toMatchObject({ intact: true });
    expect(progress).toEqual([[12, 12]]);
    await log.db.events.update(5, { payload: { n: 500 } });
    expect(await log.verifyChain()).toEqual({ intact: false, events: 12, brokenAt: 5, problem: 'changed', from: 0 });

    // Rehashing the changed event from its predecessor moves the break to the next one.
    const [fourth, fifth] = await log.db.events.bulkGet([4, 5]);
    await log.db.events.put({ ...fifth!, hash: chainHash(fourth!.hash, fifth!) });
    expect(await log.verifyChain()).toMatchObject({ brokenAt: 6, problem: 'changed' });

    await log.db.events.delete(3);
    expect(await log.verifyChain()).toMatchObject({ brokenAt: 3, problem: 'missing' });
    log.close();
  });
});
