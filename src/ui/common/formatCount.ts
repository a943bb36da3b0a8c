// Shared: `n.toLocaleString(locale)` builds a new Intl.NumberFormat on every call, which costs
// more than the rest of a row's render when views re-render on every scrub step.
const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return counts.format(n);
}
