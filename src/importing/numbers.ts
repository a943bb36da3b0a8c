export interface Decimal {
  /** Rounded to whole cents, half up (away from zero): "2.555" → 256. */
  cents: number;
  /** The sign of the exact value, so "0.001" still counts as a price above zero. */
  sign: -1 | 0 | 1;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
/** Beyond this many whole digits, cents would no longer be exact integers. */
const MAX_WHOLE_DIGITS = 13;

/**
 * Reads a plain decimal ("2.55", "-1", ".5") from its text, never through floating point:
 * the digits after the second decimal only decide the rounding. Null when it is not a number.
 */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const whole = match[2]!;
  const fraction = match[3] ?? '';
  if ((whole === '' && fraction === '') || whole.length > MAX_WHOLE_DIGITS) return null;
  let cents = Number(whole || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (fraction.length > 2 && fraction.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  const zero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  const negative = match[1] === '-' && !zero;
  return { cents: negative ? -cents : cents, sign: zero ? 0 : negative ? -1 : 1 };
}

const INTEGER = /^([+-]?)(\d{1,9})(?:\.0*)?$/;

/** Reads a whole number ("6", "-12", "6.0"); null when the text is anything else. */
export function parseInteger(text: string): number | null {
  const match = INTEGER.exec(text);
  if (!match) return null;
  const value = Number(match[2]);
  return match[1] === '-' && value !== 0 ? -value : value;
}
