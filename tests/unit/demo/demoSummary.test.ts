import { describe, expect, it } from 'vitest';
import { demoSummary } from '../../../src/ui/demo/demoSummary';

const made = { customers: 412, orders: 1_203, cancelled: 57, returned: 31, discountCodes: 3, restocks: 88 };

describe('the closing message of a demo run', () => {
  it('says in shop words what months of trading were made', () => {
    const text = demoSummary({ events: 10_000, ms: 4_230, from: '2026-06-12T09:14:00.000Z', until: '2026-12-01T18:40:00.000Z', made });
    expect(text).toBe(
      'Made 6 months of trading (12 Jun – 1 Dec 2026): 10,000 events — 412 customers, 1,203 orders (57 cancelled, 31 with returns), 3 discount codes, 88 restocks — in 4.2 s.',
    );
  });

  it('names both years across a new year, counts singulars, and shorter runs in weeks, days or hours', () => {
    const one = { customers: 1, orders: 1, cancelled: 0, returned: 1, discountCodes: 1, restocks: 1 };
    expect(demoSummary({ events: 1, ms: 100, from: '2025-12-20T10:00:00.000Z', until: '2026-01-10T10:00:00.000Z', made: one })).toBe(
      'Made 3 weeks of trading (20 Dec 2025 – 10 Jan 2026): 1 event — 1 customer, 1 order (0 cancelled, 1 with a return), 1 discount code, 1 restock — in 0.1 s.',
    );
    const run = (from: string, until: string) => demoSummary({ events: 50, ms: 0, from, until, made });
    expect(run('2026-12-01T09:00:00.000Z', '2026-12-06T12:00:00.000Z')).toMatch(/^Made 5 days of trading \(1 Dec – 6 Dec 2026\)/);
    expect(run('2026-12-01T09:00:00.000Z', '2026-12-01T15:00:00.000Z')).toMatch(/^Made 6 hours of trading \(1 Dec 2026\)/);
    expect(run('2026-12-01T09:00:00.000Z', '2026-12-01T09:00:20.000Z')).toMatch(/^Made 1 minute of trading/);
  });

  it('says so when nothing was added', () => {
    expect(demoSummary({ events: 0, ms: 12, from: null, until: null, made })).toBe('Added no events (in 0.0 s).');
  });
});
