import type { BenchConfig } from './config';
import type { BenchSession } from './session';
import { figure, percentile, type Figure } from './stats';

export interface ReduxOutcome {
  /** The largest size that loaded and answered within the time limit; null when none did. */
  size: number | null;
  jumpP95: Figure | null;
  toggleP95: Figure | null;
  heapMb: Figure | null;
  extras: string[];
}

const TIME_LIMIT_MS = 10 * 60_000;
const MB = 1024 * 1024;

/**
 * @redux-devtools/instrument holding the shop's first N events as actions, at growing N, until
 * it fails (crash, out of memory) or runs past the time limit; the largest N that worked counts.
 */
export async function measureRedux(session: BenchSession, config: BenchConfig, logSize: number): Promise<ReduxOutcome> {
  const outcome: ReduxOutcome = { size: null, jumpP95: null, toggleP95: null, heapMb: null, extras: [] };
  for (const size of config.reduxSizes) {
    if (size > logSize) {
      outcome.extras.push(
        `Redux DevTools instrument @${size.toLocaleString('en-GB')}: not tried, the log holds ${logSize.toLocaleString('en-GB')} events.`,
      );
      continue;
    }
    const page = await session.openLab();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const run = page.evaluate(({ size, jumps, toggles, seed }) => window.lab.reduxInstrument(size, jumps, toggles, seed), {
        size,
        jumps: config.jumps,
        toggles: config.reduxToggles,
        seed: config.seed,
      });
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIME_LIMIT_MS / 60_000} min`)), TIME_LIMIT_MS);
      });
      const r = await Promise.race([run, limit]);
      const heap = await session.heapAfterGc(page);
      outcome.size = size;
      outcome.jumpP95 = figure([percentile(r.jumpMs, 95)]);
      outcome.toggleP95 = figure([percentile(r.toggleMs, 95)]);
      outcome.heapMb = figure([heap / MB]);
      outcome.extras.push(
        `Redux DevTools instrument @${size.toLocaleString('en-GB')} actions: loaded (IMPORT_STATE) in ${Math.round(r.loadMs)} ms; ` +
          `JUMP_TO_STATE p50/p95/max ${[50, 95, 100].map((q) => percentile(r.jumpMs, q).toFixed(2)).join('/')} ms; ` +
          `TOGGLE_ACTION p50/p95/max ${[50, 95, 100].map((q) => percentile(r.toggleMs, q).toFixed(1)).join('/')} ms (${r.toggleMs.length} toggles); ` +
          `heap ${(heap / MB).toFixed(1)} MB.`,
      );
      config.log(outcome.extras.at(-1)!);
    } catch (error) {
      outcome.extras.push(
        `Redux DevTools instrument @${size.toLocaleString('en-GB')} actions: failed — ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.`,
      );
      config.log(outcome.extras.at(-1)!);
      await page.close().catch(() => undefined);
      break;
    } finally {
      clearTimeout(timer);
    }
    await page.close();
  }
  return outcome;
}
