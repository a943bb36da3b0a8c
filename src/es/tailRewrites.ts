/**
 * The record of rewrites of a log's tail (sync rebases), kept in the log's `logInfo` table under
 * 'tail'. Each rewrite counts one up and says where it started and which identity it gave the log,
 * so a tab that folded an earlier tail can tell what to fold again, and that the identity it
 * pinned changed by rewrites only (not by a whole history replaced).
 */
export interface TailRewrite {
  /** This rewrite's number: the count once it was made. */
  count: number;
  /** Every event after this position was replaced. */
  after: number;
  /** The log's identity before and after the rewrite. */
  from: string | null;
  to: string;
}

export interface TailRewrites {
  count: number;
  /** The latest rewrites, oldest first; earlier ones are forgotten (a tab that far behind folds everything again). */
  recent: TailRewrite[];
}

export const TAIL_KEY = 'tail';
const KEPT = 32;
export const NO_REWRITES: TailRewrites = { count: 0, recent: [] };

/** The record as stored (a JSON string); a missing or unreadable one is taken as no rewrites. */
export function parseTailRewrites(value: string | undefined): TailRewrites {
  if (value === undefined) return NO_REWRITES;
  try {
    const parsed = JSON.parse(value) as Partial<TailRewrites>;
    if (typeof parsed.count !== 'number' || !Array.isArray(parsed.recent)) return NO_REWRITES;
    return { count: parsed.count, recent: parsed.recent };
  } catch {
    return NO_REWRITES;
  }
}

export function withRewrite(rewrites: TailRewrites, rewrite: Omit<TailRewrite, 'count'>): TailRewrites {
  const count = rewrites.count + 1;
  return { count, recent: [...rewrites.recent, { count, ...rewrite }].slice(-KEPT) };
}

/** What a reader that folded the log at rewrite count `pinned`, under identity `identity`, must fold again. */
export interface RewrittenSince {
  /** Fold again everything after this position. */
  after: number;
  /** The identity the rewrites gave the log, or null when they do not explain its identity now (the history was replaced as a whole). */
  identity: string | null;
  count: number;
}

/** Null when nothing was rewritten since `pinned`. */
export function rewrittenSince(
  rewrites: TailRewrites,
  pinned: number,
  pinnedIdentity: string | null,
  current: string | null,
): RewrittenSince | null {
  if (rewrites.count === pinned) return null;
  const since = rewrites.recent.filter((r) => r.count > pinned);
  const known = since.length === rewrites.count - pinned;
  const chained = known && since.every((r, i) => r.from === (i === 0 ? pinnedIdentity : since[i - 1]!.to)) && since.at(-1)!.to === current;
  return {
    after: known ? Math.min(...since.map((r) => r.after)) : 0,
    identity: chained ? current : null,
    count: rewrites.count,
  };
}
