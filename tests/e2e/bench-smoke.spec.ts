import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { configFromEnv } from '../bench/harness/config';
import type { Results } from '../bench/harness/results';
import { runBench } from '../bench/harness/runBench';

// The harness opens its own browser profile; tracing it would only slow it down.
test.use({ trace: 'off' });

// `npm run bench` at tiny sizes: the harness must run end to end and write a valid table. Timings
// are never asserted here; the committed results in tests/bench are left alone.
test('the bench harness runs at tiny sizes and writes results.json and RESULTS.md', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const outDir = await mkdtemp(join(tmpdir(), 'rewind-bench-smoke-'));
  try {
    const config = {
      ...configFromEnv({}, { baseUrl: baseURL!, outDir, buildDir: process.env.REWIND_OUT_DIR ?? 'dist' }),
      sizes: [300, 600],
      reps: 1,
      heavyReps: 1,
      burstCommands: 150,
      singleCommands: 10,
      jumps: 20,
      naiveJumps: 2,
      reduxSizes: [300],
      reduxToggles: 2,
      importRows: 1_500,
      syncPushEvents: 300,
      syncCatchUpEvents: 600,
      rebasePending: 20,
      rebaseUpstream: 100,
      log: process.env.BENCH_SMOKE_LOG ? configFromEnv({}, { baseUrl: '', outDir, buildDir: '' }).log : () => undefined,
    };
    const { jsonPath, markdownPath } = await runBench(config);

    const results = JSON.parse(await readFile(jsonPath, 'utf8')) as Results;
    expect(results.browser).toMatch(/Chrom/);
    expect(results.machine.cores).toBeGreaterThan(0);
    const metrics = results.rows.map((r) => r.metric);
    for (const expected of [
      'Burst',
      'Single awaited command',
      'Cold start',
      'random timeline jumps',
      'JS heap',
      'Full rebuild',
      'Import',
      'CSV, longest main-thread task',
      'Initial JS',
      'Longest',
      'Export history',
      'Import history file',
      'Verify history',
      'Export, import and verify',
      'Sync push',
      'A new device catches up',
      'while a new device catches up',
      'Rebase of',
    ]) {
      expect(
        metrics.some((m) => m.includes(expected)),
        expected,
      ).toBe(true);
    }
    for (const row of results.rows) {
      expect(row.rewind, row.metric).not.toBeNull();
      expect(Number.isFinite(row.rewind!.figure.median) && row.rewind!.figure.median >= 0, row.metric).toBe(true);
      expect(row.rewind!.figure.min).toBeLessThanOrEqual(row.rewind!.figure.max);
      expect([true, false, null]).toContain(row.met);
    }
    // At these sizes no goal stated for 1M events is judged.
    expect(results.rows.filter((r) => r.size !== null).every((r) => r.met === null)).toBe(true);
    expect(results.extras.some((e) => e.startsWith('Generated events'))).toBe(true);
    // Stalls (garbage collection included) are counted beside the Long Tasks API's entries.
    expect(results.extras.some((e) => e.startsWith('Checkpoints @') && e.includes('main-thread stalls over 50 ms'))).toBe(true);

    const markdown = await readFile(markdownPath, 'utf8');
    expect(markdown).toContain('| metric | Rewind | baseline | ratio | goal | met? |');
    expect(markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| metric')).length).toBe(results.rows.length);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
