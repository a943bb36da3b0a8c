import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seedDatabase, type DatabaseFixture } from '../support/seedDatabase';
import { eventCount, sampleShop } from './support';

// Issue 19 §4 and §5: histories this build must not write to open read-only, saying why.
const previousBuild = JSON.parse(readFileSync('tests/fixtures/previous-build/a5643c9-log.json', 'utf8')) as DatabaseFixture;
type Row = { seq: number; schemaVersion: number };
const rows = previousBuild.tables.events as Row[];
const newerVersion = 'This history was written by a newer version of Rewind — reload to update.';

/** Seeds IndexedDB from a page of the app's origin that does not run the app, then opens the app. */
async function openSeeded(page: Page, fixture: DatabaseFixture, then?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto('/robots.txt');
  await page.evaluate(seedDatabase, fixture);
  await then?.(page);
  await page.goto('/');
}

const withRows = (events: Row[]): DatabaseFixture => ({ ...previousBuild, tables: { events } });
const lockMessage = (page: Page) => page.getByTestId('history-lock-message');

/** Tries a write through the app's own runtime; returns the error's name, or 'written'. */
const tryToWrite = (page: Page) =>
  page.evaluate(async () => {
    const { runtime } = (window as unknown as { rewind: { runtime: { dispatch(c: unknown): Promise<unknown> } } }).rewind;
    return runtime.dispatch({ type: 'RegisterCustomer', name: 'Intruder' }).then(
      () => 'written',
      (e: Error) => e.name,
    );
  });

const storedCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('rewind');
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('events').objectStore('events').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
        };
      }),
  );

test('a log written by the previous build opens with every event, old customers upcast', async ({ page }) => {
  await openSeeded(page, previousBuild);
  await expect(eventCount(page)).toHaveText(`${rows.length} events`);
  await expect(lockMessage(page)).toHaveCount(0);
  await page.getByRole('tab', { name: 'Customers' }).click();
  await expect(page.getByText('Edsger W. Dijkstra')).toBeVisible();
  expect(await tryToWrite(page)).toBe('written');
  await expect(eventCount(page)).toHaveText(`${rows.length + 1} events`);
});

test('a database a newer build upgraded is refused with the message, and nothing can be written', async ({ page }) => {
  await openSeeded(page, previousBuild, async (p) => {
    await p.evaluate(
      () =>
        new Promise<void>((resolve) => {
          // A newer build's schema step: a higher version and one more table.
          const request = indexedDB.open('rewind', 1_000);
          request.onupgradeneeded = () => request.result.createObjectStore('giftCards', { keyPath: 'id' });
          request.onsuccess = () => (request.result.close(), resolve());
        }),
    );
  });
  await expect(lockMessage(page)).toHaveText(newerVersion);
  await expect(page.getByRole('button', { name: 'Load sample shop' })).toHaveCount(0);
  expect(await tryToWrite(page)).toBe('WritesRefusedError');
  expect(await storedCount(page)).toBe(rows.length);
});

test('an event of a schema version this build does not know makes the app read-only with the message', async ({ page }) => {
  await openSeeded(page, withRows(rows.map((r) => (r.seq === 5 ? { ...r, schemaVersion: 7 } : r))));
  await expect(lockMessage(page)).toHaveText(newerVersion);
  await expect(eventCount(page)).toHaveText('4 events');
  expect(await tryToWrite(page)).toBe('WritesRefusedError');
  expect(await storedCount(page)).toBe(rows.length);
});

test('a missing event opens the shop read-only up to the damage, naming the position', async ({ page }) => {
  // No File System Access API: the export below is a download.
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await openSeeded(page, withRows(rows.filter((r) => r.seq !== 4)));
  await expect(lockMessage(page)).toContainText('event 4 is missing');
  await expect(eventCount(page)).toHaveText('3 events');
  // The way out: what is readable can be exported, as a whole chain up to the damage.
  await page.getByRole('link', { name: 'Export what is readable' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export history' }).click();
  const lines = readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { seq?: number }).seq)).toEqual([undefined, 1, 2, 3]);
  expect(JSON.parse(lines[0]!)).toMatchObject({ eventCount: 3, lastSeq: 3 });
  await expect(page.getByRole('button', { name: 'Load sample shop' })).toHaveCount(0);
  expect(await tryToWrite(page)).toBe('WritesRefusedError');
  expect(await storedCount(page)).toBe(rows.length - 1);
});

test.describe('a history that vanished behind the app’s back', () => {
  async function loseTheDatabase(page: Page): Promise<void> {
    await sampleShop(page);
    // The app's connections close on the versionchange that deleting sends them.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('rewind');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(new Error('not deleted'));
        }),
    );
    await page.reload();
  }

  test('is told plainly, offers no sample shop and refuses writes', async ({ page }) => {
    await loseTheDatabase(page);
    await expect(lockMessage(page)).toContainText('This browser’s copy of the history had 8 events; it now has 0.');
    await expect(page.getByRole('button', { name: 'Load sample shop' })).toHaveCount(0);
    expect(await tryToWrite(page)).toBe('WritesRefusedError');
    await page.reload();
    await expect(lockMessage(page)).toContainText('had 8 events; it now has 0');
  });

  test('is told when the browser cleared the site’s storage, localStorage with it, but kept its cookies', async ({ page, baseURL }) => {
    await sampleShop(page);
    // The backup is written as a page hides and as the app starts: after this, it holds 8 events.
    await page.reload();
    await expect(eventCount(page)).toHaveText('8 events');
    // What eviction does: the origin's storage bucket goes; cookies live apart.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL!).origin, storageTypes: 'indexeddb,local_storage' });
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.reload();
    await expect(lockMessage(page)).toContainText('This browser’s copy of the history had at least 8 events; it now has 0.');
    await expect(page.getByRole('button', { name: 'Load sample shop' })).toHaveCount(0);
    expect(await tryToWrite(page)).toBe('WritesRefusedError');
  });

  test('starts over only when the user explicitly chooses to', async ({ page }) => {
    await loseTheDatabase(page);
    await page.getByRole('button', { name: 'Start over…' }).click();
    await page.getByRole('button', { name: 'Yes, start over with 0 events' }).click();
    await expect(lockMessage(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Load sample shop' }).click();
    await expect(eventCount(page)).toHaveText('8 events');
    await page.reload();
    await expect(eventCount(page)).toHaveText('8 events');
    await expect(lockMessage(page)).toHaveCount(0);
  });
});

test('Settings shows persistent storage and lets this browser choose strict durability', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.getByTestId('storage-persistent')).not.toHaveText('');
  const strict = page.getByLabel(/strict durability/);
  await expect(strict).not.toBeChecked();
  await strict.check();
  await expect(page.getByText('Takes effect when Rewind is reloaded.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/strict durability/)).toBeChecked();
  expect(await page.evaluate(() => localStorage.getItem('rewind:durability'))).toBe('strict');
});
