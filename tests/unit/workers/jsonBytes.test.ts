import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/es';
import { fromJsonBytes, fromJsonToKeep, jsonTexts, toJsonBytes, toJsonParts } from '../../../src/workers/jsonBytes';

describe('event batches from the import worker', () => {
  it('cross as one buffer of bytes that can be transferred, and come back as the same events', () => {
    const events = [1, 2].map((seq): StoredEvent => ({
      id: `e${seq}`,
      seq,
      streamId: 'order-536365',
      version: seq,
      type: 'OrderImported',
      schemaVersion: 1,
      at: '2010-12-01T08:26:00.000Z',
      payload: {
        orderId: '536365',
        lines: [{ sku: '85123A', name: 'WHITE HANGING HEART T-LIGHT HOLDER, “big”', quantity: 6, unitPriceCents: 255 }],
      },
      tags: ['customer:17850'],
      meta: { commandId: 'import-1', correlationId: 'import-1', causationId: 'import-1' },
      hash: String(seq).repeat(64),
    }));
    const bytes = toJsonBytes(events);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const moved = structuredClone(bytes, { transfer: [bytes.buffer] });
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    expect(fromJsonBytes(moved)).toEqual(events);
  });
});

describe('values the page keeps', () => {
  it('come back the same from padded text, short or long, and from text past the padding length', () => {
    const short = {
      products: { set: [['MUG', { sku: 'MUG', name: 'Mug “blue”', stock: 3 }]], removed: [] },
      orderIds: { keep: -1, append: [] },
    };
    const long = Array.from({ length: 4_000 }, (_, i) => ({
      key: `m:orders/${i}`,
      value: { id: String(i), lines: [{ sku: 'TEA', quantity: i }] },
    }));
    expect(JSON.stringify(long).length).toBeGreaterThan(100 * 1024);
    expect(fromJsonToKeep(JSON.stringify(short))).toEqual(short);
    expect(fromJsonToKeep(JSON.stringify(long))).toEqual(long);
    expect(fromJsonToKeep(JSON.stringify('text'))).toBe('text');
    expect(() => fromJsonToKeep('{"cut":')).toThrow(SyntaxError);
  });
});

describe('several values in one buffer', () => {
  it('come back one by one, in order, from the one text decoded, whatever characters they hold', () => {
    const values = [{ a: 1 }, 'é “quoted”', [], null, '😀 two code units', { nested: { list: [1, 2, 3] } }];
    const parts = toJsonParts(values);
    expect(parts.ends.length).toBe(values.length);
    expect(parts.bytes.byteLength).toBeGreaterThan(parts.ends.at(-1)!); // multi-byte characters: ends count code units
    expect(jsonTexts(parts).map((text) => JSON.parse(text) as unknown)).toEqual(values);
    expect(jsonTexts(toJsonParts([]))).toEqual([]);
  });
});
