import { describe, expect, it } from 'vitest';
import { parseDecimal, parseInteger } from '../../../src/importing';

describe('parseDecimal', () => {
  it.each([
    ['2.55', 255],
    ['2.555', 256],
    ['2.554', 255],
    ['2.5549999', 255],
    ['2.5550001', 256],
    ['0.005', 1],
    ['0.004', 0],
    ['1.995', 200],
    ['12', 1200],
    ['12.5', 1250],
    ['.5', 50],
    ['7.', 700],
    ['+3.10', 310],
    ['38970.00', 3897000],
    ['123456789012.345', 12345678901235],
  ])('reads %s as %i cents, rounding half up on the digits', (text, cents) => {
    expect(parseDecimal(text)?.cents).toBe(cents);
  });

  it('rounds negative amounts half away from zero and keeps the sign of tiny values', () => {
    expect(parseDecimal('-2.555')).toEqual({ cents: -256, sign: -1 });
    expect(parseDecimal('0.001')).toEqual({ cents: 0, sign: 1 });
    expect(parseDecimal('-0.00')).toEqual({ cents: 0, sign: 0 });
    expect(parseDecimal('0')).toEqual({ cents: 0, sign: 0 });
  });

  it.each(['', '.', '-', 'abc', '2,55', '1e3', '£2.55', '2.5.5', '1 000', '12345678901234'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});

describe('parseInteger', () => {
  it.each([
    ['6', 6],
    ['-12', -12],
    ['+4', 4],
    ['6.0', 6],
    ['0', 0],
    ['-0', 0],
  ])('reads %s as %i', (text, value) => {
    expect(parseInteger(text)).toBe(value);
  });

  it.each(['', '1.5', 'six', '1e2', '2 ', '1234567890'])('refuses %j', (text) => {
    expect(parseInteger(text)).toBeNull();
  });
});
