import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { BENCH_PATH, serveBenchPages } from './benchPages';
import '../pages/globals';

const debianChromium = '/usr/bin/chromium';

/** The Chromium the bench drives: CHROMIUM_PATH, else Debian's, else Playwright's own. */
export const benchChromium = () => process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // A page left alone must not be slowed down while it works in the background.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * Collects every long task from the first moment of each page (before the app's scripts run), and
 * every stall of the main thread: a tick every 5 ms notes when it runs more than 50 ms late.
 * Stalls include what the Long Tasks API leaves out, such as V8's garbage-collection tasks (traced
 * at 45–70 ms while checkpoints are built at a million events, none of them reported as long tasks).
 * The tick is a user-blocking task where the browser has scheduler.postTask: a plain timer waits
 * behind the app's scheduler.yield() continuations, so a run of short slices read as one stall
 * (seen at the end of an import: "stalls" of 75, 125, 298, 635 ms back to back).
 */
export const recordLongTasksAndStalls = () => {
  const tasks: Array<{ start: number; duration: number }> = [];
  const stalls: Array<{ start: number; duration: number }> = [];
  Object.assign(window, { benchLongTasks: tasks, benchStalls: stalls });
  const every = 5;
  const postTask = (globalThis as { scheduler?: { postTask?: (cb: () => void, o: object) => Promise<void> } }).scheduler?.postTask;
  const later = postTask
    ? (tick: () => void) =>
        void postTask.call((globalThis as { scheduler?: object }).scheduler, tick, { priority: 'user-blocking', delay: every })
    : (tick: () => void) => setTimeout(tick, every);
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    // The thread was busy for at least the delay beyond the tick's period.
    if (now - last - every > 50) stalls.push({ start: last, duration: now - last - every });
    last = now;
    later(tick);
  };
  later(tick);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Not every page (e.g. about:blank) supports it; the bench pages and the app do.
  }
};

/**
 * One browser profile for the whole run: the generated log lives in its IndexedDB, so the metrics
 * that read a big log share it instead of generating it again. Service workers are blocked: the
 * bench measures the app and its storage, not the offline cache.
 */
export class BenchSession {
  private constructor(
    readonly context: BrowserContext,
    readonly baseUrl: string,
    private readonly profileDir: string,
    private readonly keepProfile: boolean,
    private readonly log: (line: string) => void,
  ) {}

  static async open(options: {
    baseUrl: string;
    pagesDir: string;
    files: Map<string, Buffer>;
    keepProfile: boolean;
    log: (line: string) => void;
  }): Promise<BenchSession> {
    const profileDir = await mkdtemp(join(tmpdir(), 'rewind-bench-profile-'));
    const executablePath = benchChromium();
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: chromiumArgs,
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript(recordLongTasksAndStalls);
    await serveBenchPages(context, options.baseUrl, options.pagesDir, options.files);
    return new BenchSession(context, options.baseUrl, profileDir, options.keepProfile, options.log);
  }

  async browserVersion(): Promise<string> {
    const page = await this.context.newPage();
    try {
      const cdp = await this.context.newCDPSession(page);
      const version = await cdp.send('Browser.getVersion');
      return `${version.product} (${version.userAgent.includes('Headless') ? 'headless' : 'headed'}; V8 ${version.jsVersion})`;
    } finally {
      await page.close();
    }
  }

  private async newPage(): Promise<Page> {
    const page = await this.context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('[bench]')) this.log(text.slice(8));
      else if (message.type() === 'error') this.log(`page error: ${text}`);
    });
    page.on('pageerror', (error) => this.log(`page exception: ${error.message}`));
    return page;
  }

  /** The app, loaded fresh; resolves once the page is there (not once the app is ready). */
  async openApp(hash = '#/shop'): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${this.baseUrl}/${hash}`);
    return page;
  }

  async openLab(): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${this.baseUrl}${BENCH_PATH}lab.html`);
    await page.waitForFunction(() => window.lab !== undefined);
    return page;
  }

  async openRawStart(): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${this.baseUrl}${BENCH_PATH}raw-start.html`);
    return page;
  }

  /** The page's JS heap after full garbage collections, as the DevTools memory panel reports it. */
  async heapAfterGc(page: Page): Promise<number> {
    const cdp = await this.context.newCDPSession(page);
    try {
      await cdp.send('HeapProfiler.enable');
      for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    } finally {
      await cdp.detach();
    }
  }

  async close(): Promise<void> {
    await this.context.close();
    if (this.keepProfile) this.log(`browser profile kept in ${this.profileDir}`);
    else await rm(this.profileDir, { recursive: true, force: true });
  }
}
