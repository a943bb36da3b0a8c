/** What one bench run measures and how often; read from the environment (see tests/bench/README.md). */
export interface BenchConfig {
  baseUrl: string;
  /** Log sizes for the read-side metrics, ascending; goals stated "at 1M" are judged at 1,000,000. */
  sizes: number[];
  /** Repetitions of the cheap measurements (burst, single command, raw start). */
  reps: number;
  /** Repetitions of the ones that read or replay a whole log (app start + scrub, naive replay, rebuild, import). */
  heavyReps: number;
  /** Repetitions stop once a measurement has taken this long (the first always runs). */
  budgetMs: number;
  burstCommands: number;
  singleCommands: number;
  jumps: number;
  /** Naive replay-from-zero jumps actually measured; the rest are extrapolated from them. */
  naiveJumps: number;
  reduxSizes: number[];
  reduxToggles: number;
  importRows: number;
  /** Events pushed through the sync server per repetition (issue 23). */
  syncPushEvents: number;
  /** Events a new device catches up through the sync server. */
  syncCatchUpEvents: number;
  rebasePending: number;
  rebaseUpstream: number;
  seed: number;
  /** Where results.json and RESULTS.md go. */
  outDir: string;
  /** The production build that is served (for the initial-JS figure). */
  buildDir: string;
  /** Keep the browser profile (and its generated log) after the run, for looking at it. */
  keepProfile: boolean;
  /** The parts of the bench that run (all by default); the log is generated whenever one needs it. */
  sections: ReadonlySet<BenchSection>;
  log: (line: string) => void;
}

export const benchSections = ['write', 'read', 'history', 'redux', 'import', 'sync'] as const;
export type BenchSection = (typeof benchSections)[number];

const numbers = (text: string | undefined, fallback: number[]) =>
  text
    ? text
        .split(',')
        .map((s) => Number(s.trim().replace(/_/g, '')))
        .filter((n) => Number.isFinite(n) && n > 0)
    : fallback;
const number = (text: string | undefined, fallback: number) => (text ? Number(text.replace(/_/g, '')) : fallback);

export function configFromEnv(env: NodeJS.ProcessEnv, defaults: Pick<BenchConfig, 'baseUrl' | 'outDir' | 'buildDir'>): BenchConfig {
  return {
    ...defaults,
    sizes: numbers(env.BENCH_SIZES, [10_000, 100_000, 1_000_000]).sort((a, b) => a - b),
    reps: number(env.BENCH_REPS, 5),
    heavyReps: number(env.BENCH_HEAVY_REPS, 3),
    budgetMs: number(env.BENCH_BUDGET_S, 300) * 1000,
    burstCommands: number(env.BENCH_BURST, 10_000),
    singleCommands: number(env.BENCH_SINGLE, 200),
    jumps: number(env.BENCH_JUMPS, 200),
    naiveJumps: number(env.BENCH_NAIVE_JUMPS, 3),
    reduxSizes: numbers(env.BENCH_REDUX_SIZES, [10_000, 100_000]),
    reduxToggles: number(env.BENCH_REDUX_TOGGLES, 10),
    importRows: number(env.BENCH_IMPORT_ROWS, 541_909),
    syncPushEvents: number(env.BENCH_SYNC_PUSH, 10_000),
    syncCatchUpEvents: number(env.BENCH_SYNC_CATCHUP, 100_000),
    rebasePending: number(env.BENCH_REBASE_PENDING, 100),
    rebaseUpstream: number(env.BENCH_REBASE_UPSTREAM, 1_000),
    seed: number(env.BENCH_SEED, 20_261_122),
    keepProfile: env.BENCH_KEEP_PROFILE === '1',
    sections: new Set(
      env.BENCH_SECTIONS
        ? env.BENCH_SECTIONS.split(',')
            .map((s) => s.trim())
            .filter((s): s is BenchSection => (benchSections as readonly string[]).includes(s))
        : benchSections,
    ),
    log: (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`),
  };
}
