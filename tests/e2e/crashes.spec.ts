import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { onlineRetailSamplePath } from '../support/onlineRetailBuilder';
import { startBurst, startImport, type KillPoint } from './crashes/burst';
import { launchKillable } from './crashes/killableBrowser';
import { auditLog, type LogAudit } from './crashes/logAudit';
import { backedUpTo } from './support';

/**
 * Crashes in the middle of writing: the renderer killed (CDP Page.crash) and the whole browser
 * SIGKILLed on a persistent profile, during bursts of commands, snapshot saves and (renderer
 * crashes) order-history imports. After
 * each, nothing acknowledged is missing wherever the database survived, no command is half
 * written, and the state started from snapshots equals a full replay. `npm test` runs the counts
 * below; `npm run test:crashes` runs 1,000 (REWIND_PAGE_CRASHES, REWIND_BROWSER_KILLS).
 */
const PAGE_CRASHES = Number(process.env.REWIND_PAGE_CRASHES ?? 38);
const BROWSER_KILLS = Number(process.env.REWIND_BROWSER_KILLS ?? 12);

const points: KillPoint[] = ['burst', 'snapshot'];
const ROUNDS_PER_PROFILE = 20;
const eventsBefore = new WeakMap<BrowserContext, number>();
/** How long a burst runs before the crash: a deterministic spread, so every run aims at the same moments. */
const delayOf = (round: number) => 60 + ((round * 137) % 640);

function expectSound(audit: LogAudit, round: number): void {
  expect(audit.broken, `round ${round}`).toEqual([]);
  expect(audit.stateMatchesReplay, `round ${round}: state after start equals a full replay`).toBe(true);
}

/** Browser deaths (not ours: see below) a run lives through before it fails. */
const MAX_BROWSER_DEATHS = Math.max(3, Math.ceil(PAGE_CRASHES / 50));

/**
 * Waits until the burst has had some commands acknowledged, then as long again as the round says.
 * A burst that gets nothing acknowledged says what the app showed.
 */
async function letItRun(page: Page, acknowledged: Set<string>, before: number, round: number): Promise<void> {
  try {
    await expect.poll(() => acknowledged.size, { timeout: 20_000 }).toBeGreaterThan(before);
  } catch (error) {
    const shown = await page
      .evaluate(() => {
        const { status, startError, writeLock } = window.rewind.runtime.store.getState();
        return JSON.stringify({ status, startError, writeLock });
      })
      .catch((e: unknown) => String(e));
    throw new Error(`round ${round}: no command was acknowledged in 20 s; the app's state: ${shown}`, { cause: error });
  }
  await new Promise((r) => setTimeout(r, delayOf(round)));
}

test(`${PAGE_CRASHES} renderer crashes during bursts, snapshot saves and imports lose nothing acknowledged`, async ({
  browser: fixture,
}, testInfo) => {
  test.setTimeout(60_000 + PAGE_CRASHES * 15_000);
  const acknowledged = new Set<string>();
  // A browser of its own: when Chromium dies here (below), the tests after this one keep theirs.
  const launch = () => fixture.browserType().launch(testInfo.project.use.launchOptions);
  let browser: Browser = await launch();
  let bursts: BrowserContext | null = null;
  let events = 0;
  let imports = 0;
  let browserDeaths = 0;
  for (let round = 1; round <= PAGE_CRASHES; round += 1) {
    // An import takes a shop with nothing after the file's dates: each import round has a profile
    // of its own. Bursts share one for ROUNDS_PER_PROFILE rounds, so each audit's rebuild stays short.
    const importing = round % 5 === 0;
    try {
      if (!importing && (bursts === null || round % ROUNDS_PER_PROFILE === 1)) {
        await bursts?.close();
        bursts = await browser.newContext();
        acknowledged.clear();
      }
      const shop = importing ? await browser.newContext() : bursts!;
      const page = await shop.newPage();
      const cdp = await shop.newCDPSession(page);
      const before = acknowledged.size;
      if (importing) {
        await startImport(page, onlineRetailSamplePath);
        await new Promise((r) => setTimeout(r, delayOf(round)));
      } else {
        const locked = await startBurst(page, round, points[round % points.length]!, acknowledged);
        expect(locked, `round ${round}: the app started locked`).toBeNull();
        await letItRun(page, acknowledged, before, round);
      }
      const crashed = page.waitForEvent('crash');
      void cdp.send('Page.crash').catch(() => undefined); // never answered: the renderer is gone
      await crashed;
      await page.close();

      const check = await shop.newPage();
      const audit = await auditLog(check, importing ? new Set() : acknowledged);
      expect(audit.lost, `round ${round}: acknowledged events missing after a renderer crash`).toEqual([]);
      expectSound(audit, round);
      if (importing) expect(audit.events, `round ${round}: the import had begun writing`).toBeGreaterThan(0);
      events += importing ? 0 : audit.events - (eventsBefore.get(shop) ?? 0);
      eventsBefore.set(shop, audit.events);
      imports += importing ? 1 : 0;
      await check.close();
      if (importing) await shop.close();
    } catch (error) {
      // Chromium 156's browser process sometimes dies of a failed check (SIGTRAP) after a renderer
      // crash or a context closing, taking every context with it: that round is run again in a
      // new browser (its profiles were in memory). Anything else, or too many deaths, fails.
      await new Promise((r) => setTimeout(r, 500));
      if (browser.isConnected() || browserDeaths >= MAX_BROWSER_DEATHS) throw error;
      browserDeaths += 1;
      console.log(`[crashes] renderer round ${round}: Chromium's browser process died; the round runs again in a new browser`);
      browser = await launch();
      bursts = null;
      round -= 1;
      continue;
    }
    console.log(
      `[crashes] renderer round ${round}/${PAGE_CRASHES} (${importing ? 'import' : points[round % points.length]}): 0 lost, sound`,
    );
  }
  await bursts?.close();
  await browser.close();
  const figures = `${PAGE_CRASHES} renderer crashes (${imports} during imports), ${events} events written in the burst rounds, 0 acknowledged lost; Chromium's browser process died ${browserDeaths} times (those rounds ran again)`;
  console.log(`[crashes] ${figures}`);
  test.info().annotations.push({ type: 'figures', description: figures });
});

test(`${BROWSER_KILLS} SIGKILLs of the browser lose nothing acknowledged unless the browser lost the database, which is told`, async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(60_000 + BROWSER_KILLS * 25_000);
  const executablePath = testInfo.project.use.launchOptions?.executablePath;
  test.skip(!executablePath, 'needs a Chromium binary to start by hand');
  const profile = mkdtempSync(join(tmpdir(), 'rewind-kill-'));
  const acknowledged = new Set<string>();
  let vanished = 0;
  let forgotten = 0;
  let lostBetween = 0;
  let restores = 0;
  let recovered = 0;
  try {
    for (let round = 1; round <= BROWSER_KILLS; round += 1) {
      const browser = await launchKillable(executablePath!, profile);
      const page = withBase(await browser.context.newPage(), baseURL!);
      const before = acknowledged.size;
      const locked = await startBurst(page, round, points[round % points.length]!, acknowledged);
      if (locked !== null) {
        // The browser lost the database after the last round's clean close, not during a kill:
        // the app told it at start. The user starts over, and the round runs on what is left.
        expect(JSON.parse(locked), `round ${round}`).toMatchObject({ reason: 'lost-events' });
        await expect(page.getByTestId('history-lock-message')).toContainText(/had (at least )?[\d,]+ events; it now has [\d,]+/);
        await expect(page.getByRole('button', { name: 'Load sample shop' })).toHaveCount(0);
        lostBetween += 1;
        expect(lostBetween, 'databases lost between rounds').toBeLessThanOrEqual(Math.max(3, BROWSER_KILLS / 20));
        console.log(`[crashes] kill round ${round}: the database was lost before the round began (after a clean close); told at start`);
        await page.getByRole('button', { name: 'Start over…' }).click();
        await page.getByRole('button', { name: /^Yes, start over with/ }).click();
        await expect(page.getByTestId('history-lock-message')).toHaveCount(0);
        acknowledged.clear();
        for (const id of await page.evaluate(async () => (await window.rewind.runtime.log.readRange(1)).map((e) => e.id)))
          acknowledged.add(id);
        await browser.close();
        round -= 1;
        continue;
      }
      await letItRun(page, acknowledged, before, round);
      await browser.kill();

      const again = await launchKillable(executablePath!, profile);
      const check = withBase(await again.context.newPage(), baseURL!);
      // What survived of the record kept outside IndexedDB, read before the app can renew it.
      await check.addInitScript(() => {
        const name = encodeURIComponent('rewind:log-record:rewind');
        (window as { survived?: unknown }).survived ??= {
          local: localStorage.getItem('rewind:log-record:rewind') !== null,
          cookie: document.cookie.split('; ').some((pair) => pair.startsWith(`${name}=`)),
        };
      });
      const audit = await auditLog(check, acknowledged);
      const survived = await check.evaluate(() => (window as unknown as { survived: { local: boolean; cookie: boolean } }).survived);
      console.log(
        `[crashes] kill round ${round}/${BROWSER_KILLS}: ${audit.events} events, ${audit.lost.length} of ${acknowledged.size} acknowledged lost, record in localStorage ${survived.local}, in the cookie ${survived.cookie}`,
      );
      expectSound(audit, round);
      if (audit.lost.length === 0) {
        await expect(check.getByTestId('history-lock-message'), `round ${round}: nothing lost, nothing told`).toHaveCount(0);
        // A user's session rests now and then, and the backup catches up: so a database the browser
        // drops in a later round finds a backup beside it, unless the browser dropped that too.
        await expect
          .poll(() => backedUpTo(check), { timeout: 20_000, message: `round ${round}: the backup catches up` })
          .toBe(audit.events);
      } else if (survived.local || survived.cookie) {
        // The browser threw the database away (it happens after SIGKILL): the app must say so.
        vanished += 1;
        await expect(check.getByTestId('history-lock-message')).toContainText(/had (at least )?[\d,]+ events; it now has [\d,]+/);
        await expect(check.getByRole('button', { name: 'Load sample shop' })).toHaveCount(0);
        const backup = await backedUpTo(check);
        const left = await check.evaluate(async () => {
          const names: string[] = [];
          const root = (await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> };
          for await (const name of root.keys()) names.push(name);
          return { opfs: names, caches: (await caches.keys()).length };
        });
        // What else the browser threw away with the database says whether a backup beside it can help.
        console.log(
          `[crashes] kill round ${round}: the rolling backup holds ${backup} events; the origin's file system holds [${left.opfs.join(', ')}], ${left.caches} caches`,
        );
        if (backup > audit.events) {
          const restored = await restoreFromBackup(check, acknowledged, audit);
          restores += 1;
          recovered += restored.events - audit.events;
          audit.lost = restored.lost;
        } else {
          // Nothing more in the backup: the user accepts the loss explicitly; only then does the next round write again.
          await check.getByRole('button', { name: 'Start over…' }).click();
          await check.getByRole('button', { name: /^Yes, start over with/ }).click();
          await expect(check.getByTestId('history-lock-message')).toHaveCount(0);
        }
      } else {
        // Every trace of the site went with it, cookies included: nothing in a page can tell this
        // from a first visit, and the app must at least behave as on one.
        forgotten += 1;
        await expect(check.getByRole('button', { name: 'Load sample shop' })).toBeVisible();
      }
      if (audit.lost.length > 0) {
        acknowledged.clear();
        for (const id of await check.evaluate(async () => (await window.rewind.runtime.log.readRange(1)).map((e) => e.id))) {
          acknowledged.add(id);
        }
      }
      await again.close();
    }
    // Chromium drops a database after a SIGKILL now and then, too rarely for the rounds above to
    // be sure of one: a last round drops it as Chromium does (its files gone, the rest of the
    // profile kept), once the backup has caught up, and the backup must bring every event back.
    const last = await launchKillable(executablePath!, profile);
    const page = withBase(await last.context.newPage(), baseURL!);
    const audit = await auditLog(page, acknowledged);
    expectSound(audit, BROWSER_KILLS + 1);
    await expect.poll(() => backedUpTo(page), { timeout: 20_000, message: 'the backup catches up with the log' }).toBe(audit.events);
    await last.kill();
    const dropped = dropIndexedDb(profile);
    expect(dropped, 'the profile held the IndexedDB files').toBeGreaterThan(0);
    const reopened = await launchKillable(executablePath!, profile);
    const check = withBase(await reopened.context.newPage(), baseURL!);
    await check.goto('/');
    // Exactly, from localStorage; or at least as many, from the cookie, when the kill kept localStorage from before.
    await expect(check.getByTestId('history-lock-message')).toContainText(
      new RegExp(`had (at least )?${audit.events.toLocaleString('en-GB')} events; it now has 0`),
    );
    const restored = await restoreFromBackup(check, acknowledged, { events: 0 });
    expect(restored.lost, 'acknowledged events missing after the restore').toEqual([]);
    expect(restored.events).toBeGreaterThanOrEqual(audit.events);
    restores += 1;
    recovered += restored.events;
    await reopened.close();
  } finally {
    // A browser left running by a failed round may still be writing here; its error is the one to see.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      console.warn(`[crashes] could not remove ${profile}: ${String(error)}`);
    }
  }
  const figures = `${BROWSER_KILLS} browser kills, database lost by the browser and told ${vanished} times, every trace of the site lost ${forgotten} times; lost between rounds (after a clean close) and told at start ${lostBetween} times; restored from the rolling backup ${restores} times (the last round's database dropped on purpose), ${recovered} events brought back`;
  console.log(`[crashes] ${figures}`);
  testInfo.annotations.push({ type: 'figures', description: figures });
});

/**
 * Takes the backup's offer on a locked page and audits what it brought back: more than was left,
 * sound, the chain whole and the app writable again.
 */
async function restoreFromBackup(page: Page, acknowledged: ReadonlySet<string>, left: { events: number }): Promise<LogAudit> {
  const held = await backedUpTo(page);
  const offer = page.getByTestId('backup-offer');
  await expect(offer).toContainText(`it holds ${held.toLocaleString('en-GB')} event`);
  const reloaded = page.waitForEvent('load');
  await offer.getByRole('button', { name: /^Restore [\d,]+ events? from the backup$/ }).click();
  await reloaded;
  const audit = await auditLog(page, acknowledged);
  expectSound(audit, -1);
  expect(audit.events, 'the restore brought back what the backup held').toBeGreaterThanOrEqual(held);
  expect(audit.events).toBeGreaterThan(left.events);
  await expect(page.getByTestId('history-lock-message')).toHaveCount(0);
  expect(await page.evaluate(() => window.rewind.runtime.log.verifyChain())).toMatchObject({ intact: true });
  console.log(`[crashes] restored ${held} events from the rolling backup (${left.events} were left)`);
  return audit;
}

/** Deletes the profile's IndexedDB files, as Chromium does to a database it cannot open; returns how many entries went. */
function dropIndexedDb(profile: string): number {
  const dir = join(profile, 'Default', 'IndexedDB');
  if (!existsSync(dir)) return 0;
  const entries = readdirSync(dir);
  for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
  return entries.length;
}

/** A page whose relative `goto('/')` goes to the app's server (pages of a hand-started browser have no baseURL). */
function withBase(page: Page, baseURL: string): Page {
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(new URL(url, baseURL).href, options);
  return page;
}
