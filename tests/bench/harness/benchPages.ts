import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';

const pagesDir = fileURLToPath(new URL('../pages/', import.meta.url));
export const BENCH_PATH = '/__bench__/';

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.csv': 'text/csv', '.map': 'application/json' };

/**
 * Bundles the lab pages (tests/bench/pages) with Vite's production settings into a temporary
 * directory. They import the app's own modules, so they run the same code as the app.
 */
export async function buildBenchPages(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'rewind-bench-pages-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: pagesDir,
    base: BENCH_PATH,
    logLevel: 'warn',
    // As the app's build defines it: history files and backups name the version that wrote them.
    define: {
      __APP_VERSION__: JSON.stringify(JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')).version),
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      rollupOptions: { input: { lab: join(pagesDir, 'lab.html'), rawStart: join(pagesDir, 'raw-start.html') } },
    },
  });
  return outDir;
}

/**
 * Serves the lab pages, and files made in the harness (the big CSV), on the app's own origin, so
 * that they open the app's IndexedDB — without touching the app's build directory.
 */
export async function serveBenchPages(context: BrowserContext, baseUrl: string, dir: string, files: Map<string, Buffer>): Promise<void> {
  await context.route(`${baseUrl}${BENCH_PATH}**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice(BENCH_PATH.length);
    const made = files.get(path);
    if (made) return route.fulfill({ status: 200, contentType: types[extname(path)] ?? 'application/octet-stream', body: made });
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) return route.fulfill({ status: 403 });
    try {
      return await route.fulfill({
        status: 200,
        contentType: types[extname(file)] ?? 'application/octet-stream',
        body: await readFile(file),
      });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
}
