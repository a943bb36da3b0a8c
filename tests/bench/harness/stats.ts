/** A figure over several repetitions: the median, and the spread around it. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function figure(values: readonly number[]): Figure {
  if (values.length === 0) throw new Error('A figure needs at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}

/** Nearest-rank percentile (p in 0…100) of one sample of values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Events (or rows) per second from a count and milliseconds. */
export const perSecond = (count: number, ms: number) => (count * 1000) / ms;

/**
 * Runs `measure` up to `reps` times, but stops repeating once `budgetMs` has been spent (at least
 * one run always happens): a whole-log measurement at 1M events can take minutes, and the table
 * shows n for every figure.
 */
export async function repeat<T>(reps: number, budgetMs: number, measure: (rep: number) => Promise<T>): Promise<T[]> {
  const started = Date.now();
  const results: T[] = [];
  for (let rep = 0; rep < reps && (rep === 0 || Date.now() - started < budgetMs); rep += 1) results.push(await measure(rep));
  return results;
}
