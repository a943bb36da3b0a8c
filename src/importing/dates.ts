/** Which of the first two numbers of a slashed date is the month. */
export type DateOrder = 'month-first' | 'day-first';

/** How many rows' dates pointed which way (ISO dates need no choice). */
export interface DateEvidence {
  dayFirst: number;
  monthFirst: number;
  ambiguous: number;
  iso: number;
}

interface DateParts {
  iso: boolean;
  /** For slashed dates: the first and second numbers, whose meaning depends on the order. */
  first: number;
  second: number;
  year: number;
  hour: number;
  minute: number;
  seconds: number;
}

// m/d/yy H:MM, m/d/yyyy H:MM, d/m/yyyy H:MM (seconds tolerated) and ISO yyyy-mm-dd HH:MM:SS.
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?$/;

function split(text: string): DateParts | null {
  let m = SLASHED.exec(text);
  if (m) {
    const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
    return {
      iso: false,
      first: Number(m[1]),
      second: Number(m[2]),
      year,
      hour: Number(m[4]),
      minute: Number(m[5]),
      seconds: Number(m[6] ?? 0),
    };
  }
  m = ISO.exec(text);
  if (m) {
    return {
      iso: true,
      first: Number(m[2]),
      second: Number(m[3]),
      year: Number(m[1]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      seconds: Number(m[6] ?? 0),
    };
  }
  return null;
}

/** As POSIX strptime reads %y: 69 and below are this century, 70 and above the last. */
const twoDigitYear = (yy: number) => (yy < 70 ? 2000 + yy : 1900 + yy);

function toIso(p: DateParts, order: DateOrder): string | null {
  const monthFirst = p.iso || order === 'month-first';
  const month = monthFirst ? p.first : p.second;
  const day = monthFirst ? p.second : p.first;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(p.year, month)) return null;
  if (p.hour > 23 || p.minute > 59 || p.seconds > 59) return null;
  return `${pad(p.year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.seconds, 2)}.000Z`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads invoice dates as UTC ISO strings, and counts which day/month order the file's dates
 * point to. Rows of one invoice repeat the same text, so the last answer is kept.
 */
export class DateReader {
  readonly evidence: DateEvidence = { dayFirst: 0, monthFirst: 0, ambiguous: 0, iso: 0 };
  private lastText: string | null = null;
  private lastParts: DateParts | null = null;
  private lastIso: string | null = null;

  constructor(private readonly order: DateOrder) {}

  /** The date as ISO (UTC), or null when it cannot be read in this reader's order. */
  read(text: string): string | null {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastParts = split(text);
      this.lastIso = this.lastParts && toIso(this.lastParts, this.order);
    }
    const parts = this.lastParts;
    if (parts) {
      if (parts.iso) this.evidence.iso += 1;
      else if (parts.first > 12 && parts.second <= 12) this.evidence.dayFirst += 1;
      else if (parts.second > 12 && parts.first <= 12) this.evidence.monthFirst += 1;
      else if (parts.first <= 12 && parts.second <= 12) this.evidence.ambiguous += 1;
    }
    return this.lastIso;
  }
}

/**
 * A first number above 12 means day first, a second above 12 month first; when nothing tells,
 * month first, as in the original export. Should a file point both ways, the majority wins and
 * the other rows' dates cannot be read.
 */
export function detectDateOrder(evidence: DateEvidence): DateOrder {
  return evidence.dayFirst > evidence.monthFirst ? 'day-first' : 'month-first';
}
