/* global process, console, window, localStorage, performance */
// Measures what Chromium's 'strict' commit durability costs a single awaited command, against
// 'relaxed' (the default): `node scripts/measure-durability.mjs [baseURL] [commands]` with the
// built app served at baseURL (default http://localhost:4173). A persistent profile per run, since
// only a profile on disk flushes; figures go to docs/decisions/010-durability-and-damage.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const baseURL = process.argv[2] ?? 'http://localhost:4173';
const commands = Number(process.argv[3] ?? 300);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function measure(durability) {
  const profile = mkdtempSync(join(tmpdir(), `rewind-durability-${durability}-`));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await context.newPage();
    await page.goto(baseURL);
    await page.evaluate((d) => localStorage.setItem('rewind:durability', d), durability);
    await page.reload();
    await page.getByRole('button', { name: 'Load sample shop' }).click();
    await page.getByTestId('event-count').filter({ hasText: '8 events' }).waitFor();
    return await page.evaluate(async (n) => {
      const { runtime } = window.rewind;
      const times = [];
      for (let i = 0; i < n; i += 1) {
        const start = performance.now();
        await runtime.dispatch({ type: 'Restock', sku: 'MUG-BLUE', quantity: 1 });
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const at = (q) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 100) / 100;
      return { commands: n, p50: at(0.5), p95: at(0.95), max: at(1) };
    }, commands);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

for (const durability of ['relaxed', 'strict', 'relaxed', 'strict']) {
  console.log(durability, JSON.stringify(await measure(durability)));
}
