import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventBytes, parseEvents } from '../../../src/es/blockText';
import type { ReplayEvent } from '../../../src/es';

const eventsFrom = (firstSeq: number, notes: string[]): ReplayEvent[] =>
  notes.map((note, i) => ({
    seq: firstSeq + i,
    streamId: `s-${i % 3}`,
    version: i + 1,
    type: 'Noted',
    schemaVersion: 1,
    at: '2026-01-01T00:00:00.000Z',
    payload: { note },
  }));

describe('block text', () => {
  it('is the events as JSON in UTF-8, and gives back any run of them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        (notes, a, b) => {
          const events = eventsFrom(1001, notes);
          const bytes = eventBytes(events);
          expect(JSON.parse(new TextDecoder().decode(bytes.text))).toEqual(events);
          const [first, last] = [a % events.length, b % events.length].sort((x, y) => x - y) as [number, number];
          expect(parseEvents(bytes, first, last, 1001 + first)).toEqual(events.slice(first, last + 1));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses bytes that are not those events', () => {
    const events = eventsFrom(
      1,
      Array.from({ length: 150 }, (_, i) => `note ${i}`),
    );
    const bytes = eventBytes(events);
    expect(parseEvents(bytes, 0, 2, 2)).toBeNull(); // numbered from elsewhere
    // One event's bytes spoilt, far into the run (past the first chunk parsed).
    const spoilt = { ...bytes, text: bytes.text.slice() };
    spoilt.text.fill(0x20, bytes.ends[99]! + 1, bytes.ends[100]!);
    expect(parseEvents(spoilt, 0, 149, 1)).toBeNull();
    expect(parseEvents(spoilt, 0, 99, 1)).toEqual(events.slice(0, 100));
  });
});
