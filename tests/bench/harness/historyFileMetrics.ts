import type { BenchConfig } from './config';
import type { ResultRow } from './results';
import type { BenchSession } from './session';
import { figure, perSecond, repeat, type Figure } from './stats';

/** The log size the portable-history goals are stated at. */
const JUDGED_AT = 1_000_000;
const MB = 1024 * 1024;
const APP_DB = 'rewind';
const n = (x: number) => x.toLocaleString('en-GB');
const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink', 'toplevel', 'scheduler'];

interface Task {
  events: number;
  ms: number;
  peakHeapBytes: number;
  longTasks: number[];
  stalls: number[];
}

/**
 * Export, import and verify of the generated log (issue 20), each the app's own path (workers
 * included) against a raw baseline run on the same rows in the same page: export against a chunked
 * getAll written as text to a file, import against raw bulkAdds of the same rows, verify against
 * the chunked read alone. The page's longest task or stall and its peak heap are recorded throughout.
 */
export async function measureHistoryFiles(
  session: BenchSession,
  config: BenchConfig,
  size: number,
): Promise<{ rows: ResultRow[]; extras: string[] }> {
  const lab = await session.openLab();
  const judged = size === JUDGED_AT;
  const tasks: Record<'export' | 'import' | 'verify', Task[]> = { export: [], import: [], verify: [] };
  const baselines: Record<'export' | 'import' | 'verify', number[]> = { export: [], import: [], verify: [] };
  const say = (what: string, t: Task) =>
    config.log(
      `${what}: ${n(t.events)} events in ${Math.round(t.ms)} ms; page heap peak ${Math.round(t.peakHeapBytes / MB)} MB; ` +
        `${t.longTasks.length} tasks and ${t.stalls.length} stalls over 50 ms (longest ${Math.round(Math.max(0, ...t.longTasks, ...t.stalls))} ms)`,
    );
  // BENCH_TRACE_DIR: a Chrome trace of each task's first run, to find what a stall was.
  const traced = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const dir = process.env.BENCH_TRACE_DIR;
    const browser = lab.context().browser();
    if (!dir || !browser || traces.has(what)) return run();
    traces.add(what);
    await browser.startTracing(lab, { path: `${dir}/${what}-${size}.json`, categories: TRACE_CATEGORIES });
    try {
      return await run();
    } finally {
      await browser.stopTracing();
    }
  };
  const traces = new Set<string>();
  // Each task starts from a collected heap: garbage an earlier page of the same renderer left (the
  // read metrics' scrubbing at this size) is not the task's peak. The heaps it starts from are noted.
  const startHeaps: number[] = [];
  const collected = async () => startHeaps.push((await session.heapAfterGc(lab)) / MB);
  try {
    await repeat(config.heavyReps, config.budgetMs, async () => {
      await collected();
      const ours = await traced('export', () => lab.evaluate((db) => window.lab.history.exportThroughApp(db), APP_DB));
      say('export', ours);
      tasks.export.push(ours);
      const raw = await lab.evaluate((db) => window.lab.history.exportBaseline(db), APP_DB);
      baselines.export.push(perSecond(raw.events, raw.ms));
    });
    await repeat(config.heavyReps, config.budgetMs, async () => {
      await collected();
      const ours = await traced('verify', () => lab.evaluate((db) => window.lab.history.verifyThroughApp(db), APP_DB));
      say('verify', ours);
      tasks.verify.push(ours);
      const raw = await lab.evaluate((db) => window.lab.history.verifyBaseline(db), APP_DB);
      baselines.verify.push(perSecond(raw.events, raw.ms));
    });
    await repeat(config.heavyReps, config.budgetMs, async () => {
      await collected();
      const ours = await traced('import', () => lab.evaluate(() => window.lab.history.importThroughApp()));
      say('import', ours);
      tasks.import.push(ours);
      const raw = await lab.evaluate((db) => window.lab.history.importBaseline(db), ours.dbName);
      baselines.import.push(perSecond(raw.events, raw.ms));
      await lab.evaluate((db) => window.lab.dropDatabase(db), ours.dbName);
    });
  } finally {
    await lab.evaluate(() => window.lab.history.dropHistoryFiles()).catch(() => undefined);
    await lab.close();
  }

  const throughputRow = (metric: string, kind: keyof typeof tasks, baselineLabel: string): ResultRow => {
    const rate = figure(tasks[kind].map((t) => perSecond(t.events, t.ms)));
    const base = figure(baselines[kind]);
    const ratio = rate.median / base.median;
    return {
      metric,
      size,
      rewind: { figure: rate, unit: 'events/s' },
      baseline: { label: baselineLabel, value: { figure: base, unit: 'events/s' } },
      ratio: { value: ratio, text: `${ratio.toFixed(2)}× raw` },
      goal: '≥ 0.5× raw',
      met: judged ? ratio >= 0.5 : null,
    };
  };
  const all = [...tasks.export, ...tasks.import, ...tasks.verify];
  const longest: Figure = figure([Math.max(0, ...all.flatMap((t) => [...t.longTasks, ...t.stalls]))]);
  const heap = figure(all.map((t) => t.peakHeapBytes / MB));
  const per = (kind: keyof typeof tasks) => `${kind} ${tasks[kind].map((t) => `${t.longTasks.length}/${t.stalls.length}`).join(', ')}`;
  return {
    rows: [
      throughputRow(
        'Export history (worker, into a file), throughput',
        'export',
        'chunked getAll of the same rows, written as text to a file',
      ),
      throughputRow(
        'Import history file (every line checked in a worker, then written in one transaction), throughput',
        'import',
        'raw Dexie bulkAdd of the same rows, 5,000 at a time',
      ),
      throughputRow('Verify history (every hash, in a worker), throughput', 'verify', 'chunked getAll of the same rows, nothing done'),
      {
        metric: 'Export, import and verify: longest main-thread task or stall',
        size,
        rewind: { figure: longest, unit: 'ms' },
        baseline: null,
        ratio: null,
        goal: 'none > 50 ms',
        met: judged ? longest.max <= 50 : null,
        note: `tasks/stalls over 50 ms per repetition (Long Tasks API / 5 ms heartbeat): ${per('export')}; ${per('import')}; ${per('verify')}`,
      },
      {
        metric: 'Export, import and verify: peak JS heap of the page',
        size,
        rewind: { figure: heap, unit: 'MB' },
        baseline: null,
        ratio: null,
        goal: '≤ 256 MB',
        met: judged ? heap.max <= 256 : null,
        note: `sampled every 25 ms on the main thread, each task started after a garbage collection (${Math.round(Math.min(...startHeaps))}–${Math.round(Math.max(...startHeaps))} MB then); the workers have their own heaps`,
      },
    ],
    extras: [
      `History files at ${n(size)} events: export ${tasks.export.map((t) => `${(t.ms / 1000).toFixed(1)} s`).join(', ')}; ` +
        `import ${tasks.import.map((t) => `${(t.ms / 1000).toFixed(1)} s`).join(', ')}; verify ${tasks.verify.map((t) => `${(t.ms / 1000).toFixed(1)} s`).join(', ')}.`,
    ],
  };
}
