import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

/**
 * A Chromium started by hand on a persistent profile, so that the test holds its process and can
 * SIGKILL it as a power cut or the OOM killer would (Playwright's own launch closes it cleanly).
 */
export interface KillableBrowser {
  context: BrowserContext;
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function launchKillable(executablePath: string, profileDir: string): Promise<KillableBrowser> {
  const child = spawn(
    executablePath,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await devToolsEndpoint(child);
  const browser: Browser = await chromium.connectOverCDP(endpoint);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    context: browser.contexts()[0]!,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      // As a user quits: Chromium flushes its stores (localStorage, cookies) on the way out, which
      // a SIGTERM to headless Chromium does not promise. A browser that hangs is killed after 10 s.
      const session = await browser.newBrowserCDPSession().catch(() => null);
      await session?.send('Browser.close').catch(() => undefined);
      const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hung);
    },
  };
}

function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open DevTools: ${seen.slice(-500)}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before DevTools opened: ${seen.slice(-500)}`)));
  });
}
