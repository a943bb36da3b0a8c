import { describe, expect, it } from 'vitest';
import { detectDateOrder } from '../../../src/importing';
import { DateReader } from '../../../src/importing/dates';

describe('DateReader', () => {
  it.each([
    ['m/d/yy H:MM', 'month-first', '12/1/10 8:26', '2010-12-01T08:26:00.000Z'],
    ['m/d/yyyy H:MM', 'month-first', '12/13/2010 14:05', '2010-12-13T14:05:00.000Z'],
    ['d/m/yyyy H:MM', 'day-first', '13/12/2010 14:05', '2010-12-13T14:05:00.000Z'],
    ['d/m/yyyy HH:MM', 'day-first', '01/12/2009 07:45', '2009-12-01T07:45:00.000Z'],
    ['ISO', 'month-first', '2009-12-01 07:45:00', '2009-12-01T07:45:00.000Z'],
    ['ISO, whatever the order', 'day-first', '2011-02-03 23:59:59', '2011-02-03T23:59:59.000Z'],
    ['two-digit years from 70 in the last century', 'month-first', '1/2/99 0:00', '1999-01-02T00:00:00.000Z'],
    ['a leap day', 'month-first', '2/29/2012 9:00', '2012-02-29T09:00:00.000Z'],
  ] as const)('reads %s as UTC', (_form, order, text, iso) => {
    expect(new DateReader(order).read(text)).toBe(iso);
  });

  it.each([
    '',
    '12/1/10',
    '2010-12-01',
    '13/13/2010 8:00',
    '2/29/2011 9:00',
    '12/1/10 24:00',
    '12/1/10 8:60',
    'yesterday',
    '2010-12-01T08:26:00+01:00',
  ])('cannot read %j', (text) => {
    expect(new DateReader('month-first').read(text)).toBeNull();
  });

  it('reads the same text both ways only where the order allows it', () => {
    expect(new DateReader('month-first').read('13/12/2010 8:00')).toBeNull();
    expect(new DateReader('day-first').read('12/13/2010 8:00')).toBeNull();
    expect(new DateReader('month-first').read('3/4/2010 8:00')).toBe('2010-03-04T08:00:00.000Z');
    expect(new DateReader('day-first').read('3/4/2010 8:00')).toBe('2010-04-03T08:00:00.000Z');
  });

  it('counts per row which order the dates point to', () => {
    const reader = new DateReader('month-first');
    for (const text of ['13/1/2010 8:00', '13/1/2010 8:00', '1/13/2010 8:00', '1/2/2010 8:00', '2010-01-02 08:00:00', 'nonsense'])
      reader.read(text);
    expect(reader.evidence).toEqual({ dayFirst: 2, monthFirst: 1, ambiguous: 1, iso: 1 });
  });
});

describe('detectDateOrder', () => {
  it('takes a first number above 12 as day first', () => {
    expect(detectDateOrder({ dayFirst: 1, monthFirst: 0, ambiguous: 500, iso: 0 })).toBe('day-first');
  });
  it('takes a second number above 12 as month first', () => {
    expect(detectDateOrder({ dayFirst: 0, monthFirst: 1, ambiguous: 500, iso: 0 })).toBe('month-first');
  });
  it('falls back to month first when every date is ambiguous, as in the original export', () => {
    expect(detectDateOrder({ dayFirst: 0, monthFirst: 0, ambiguous: 500, iso: 0 })).toBe('month-first');
  });
  it('lets the majority win when dates disagree', () => {
    expect(detectDateOrder({ dayFirst: 3, monthFirst: 1, ambiguous: 0, iso: 0 })).toBe('day-first');
    expect(detectDateOrder({ dayFirst: 2, monthFirst: 2, ambiguous: 0, iso: 0 })).toBe('month-first');
  });
});
