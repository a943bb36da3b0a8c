export interface BackoffPolicy {
  /** The first delay's ceiling, in milliseconds. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 60_000 };

/**
 * How long to wait before retry number `attempt` (0 for the first): exponential with "full jitter"
 * (a random delay up to the exponential ceiling), so devices that lost the server together do not
 * come back together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(random() * ceiling);
}
