import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

// `npm run bench` (tests/bench/bench.mjs) builds into REWIND_OUT_DIR and serves it on REWIND_PORT.
const port = Number(process.env.REWIND_PORT ?? 4177);

export default defineConfig({
  testDir: '.',
  testMatch: 'bench.spec.ts',
  workers: 1,
  retries: 0,
  // A full run at 1M events takes tens of minutes; the harness has its own limits where needed.
  timeout: 3 * 60 * 60_000,
  reporter: [['list']],
  use: { baseURL: `http://localhost:${port}` },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
