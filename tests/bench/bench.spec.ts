import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { configFromEnv } from './harness/config';
import { runBench } from './harness/runBench';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The real run: sizes and repetitions from the environment (BENCH_SIZES, BENCH_REPS, …), results
// written next to this file unless BENCH_OUT_DIR says otherwise. It asserts nothing about speed:
// the table says which goals are met.
test('benchmarks in real Chromium', async ({ baseURL }) => {
  const config = configFromEnv(process.env, {
    baseUrl: baseURL!,
    outDir: process.env.BENCH_OUT_DIR ?? here('.'),
    buildDir: here(`../../${process.env.REWIND_OUT_DIR ?? 'dist-bench'}/`),
  });
  const { results } = await runBench(config, here('./closing-note.md'));
  expect(results.rows.length).toBeGreaterThan(0);
});
