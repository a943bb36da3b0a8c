import { describe, expect, it } from 'vitest';
import { parseAmountToCents, parseCommand } from '../../../src/domain';
import { ValidationError } from '../../../src/es';

describe('parseAmountToCents', () => {
  it.each([
    ['12.5', 1250],
    [' 3,25 ', 325],
    ['7', 700],
    ['-5', -500],
    ['- 0.5', -50],
    ['-0', 0],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseAmountToCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '1.234', '--5', '5-'])('reads %j as no amount', (text) => {
    expect(parseAmountToCents(text)).toBeNull();
  });

  it('lets a price typed as -5 be refused as negative, not as "not a number"', () => {
    const price = parseAmountToCents('-5') ?? Number.NaN;
    const error = (() => {
      try {
        parseCommand({ type: 'ChangePrice', sku: 'MUG', priceCents: price });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.message)).toEqual(['Price cannot be negative.']);
  });
});
