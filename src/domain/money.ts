/** Money is integer cents everywhere; only this module turns it into text. */
// One formatter for every call: `toLocaleString` builds a new one each time, which showed up as
// the top cost of re-rendering a catalog while scrubbing.
const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}${grouped.format(units)}.${rest}`;
}

/**
 * "12.5" → 1250, "-5" → -500; null when the text is not an amount with at most two decimals. A
 * negative amount is kept, so that the command's schema refuses it for what it is ("cannot be
 * negative") rather than as "not a number".
 */
export function parseAmountToCents(text: string): number | null {
  const match = /^\s*(-?)\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] && cents > 0 ? -cents : cents;
}

/** "10% off", "5.00 off": a discount code's reduction in words. */
export function formatOff(off: { kind: 'percent'; percent: number } | { kind: 'amount'; amountCents: number }): string {
  return off.kind === 'percent' ? `${off.percent}% off` : `${formatCents(off.amountCents)} off`;
}
