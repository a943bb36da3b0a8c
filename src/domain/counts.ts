// Shared by the UI and the app's sentences: `n.toLocaleString(locale)` builds a new
// Intl.NumberFormat on every call, which costs more than a row's render while scrubbing.
const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** 1 → "1 event", 1234 → "1,234 events": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
