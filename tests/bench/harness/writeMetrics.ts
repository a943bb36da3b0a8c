import type { BenchConfig } from './config';
import type { ResultRow } from './results';
import type { BenchSession } from './session';
import { figure, percentile, perSecond } from './stats';

/** A burst of commands through the real command path against one raw bulkAdd of the same rows. */
export async function measureBurst(session: BenchSession, config: BenchConfig): Promise<ResultRow> {
  const rewind: number[] = [];
  const raw: number[] = [];
  const page = await session.openLab();
  for (let rep = 0; rep < config.reps; rep += 1) {
    const r = await page.evaluate((count) => window.lab.burst(count), config.burstCommands);
    if (r.events !== config.burstCommands) throw new Error(`The burst wrote ${r.events} events, not ${config.burstCommands}.`);
    rewind.push(perSecond(r.events, r.rewindMs));
    raw.push(perSecond(r.events, r.rawMs));
    config.log(`burst ${rep + 1}/${config.reps}: ${Math.round(r.rewindMs)} ms vs raw ${Math.round(r.rawMs)} ms`);
  }
  await page.close();
  const ours = figure(rewind);
  const theirs = figure(raw);
  const ratio = ours.median / theirs.median;
  return {
    metric: `Burst of ${config.burstCommands.toLocaleString('en-GB')} commands through the command path (throughput)`,
    size: null,
    rewind: { figure: ours, unit: 'events/s' },
    baseline: { label: 'raw Dexie bulkAdd of the same event rows', value: { figure: theirs, unit: 'events/s' } },
    ratio: { value: ratio, text: `${ratio.toFixed(2)}× raw` },
    goal: '≥ 0.5× raw throughput',
    met: ratio >= 0.5,
  };
}

/** p95 of commands sent one at a time, each awaited, against single-put raw transactions. */
export async function measureSingleCommand(session: BenchSession, config: BenchConfig): Promise<ResultRow> {
  const rewind: number[] = [];
  const raw: number[] = [];
  const page = await session.openLab();
  for (let rep = 0; rep < config.reps; rep += 1) {
    const r = await page.evaluate(({ count, warmUp }) => window.lab.singleLatency(count, warmUp), {
      count: config.singleCommands,
      warmUp: Math.min(20, config.singleCommands),
    });
    rewind.push(percentile(r.rewind, 95));
    raw.push(percentile(r.raw, 95));
    config.log(`single command ${rep + 1}/${config.reps}: p95 ${rewind.at(-1)!.toFixed(2)} ms vs raw ${raw.at(-1)!.toFixed(2)} ms`);
  }
  await page.close();
  const ours = figure(rewind);
  const theirs = figure(raw);
  const ratio = ours.median / theirs.median;
  return {
    metric: `Single awaited command, p95 latency (${config.singleCommands} commands per repetition)`,
    size: null,
    rewind: { figure: ours, unit: 'ms' },
    baseline: { label: 'raw single-put Dexie transaction, p95', value: { figure: theirs, unit: 'ms' } },
    ratio: { value: ratio, text: `${ratio.toFixed(2)}× raw` },
    goal: '≤ 1.5× raw',
    met: ratio <= 1.5,
  };
}
