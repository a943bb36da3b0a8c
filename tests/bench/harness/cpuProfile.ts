import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

/**
 * Runs `run` under V8's sampling profiler when BENCH_PROFILE_DIR is set, and writes the profile
 * there as `<name>.cpuprofile` (open it in DevTools' Performance panel): to find where a row's
 * time goes without changing what it measures otherwise.
 */
export async function profiled<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    await cdp.detach();
  }
}
