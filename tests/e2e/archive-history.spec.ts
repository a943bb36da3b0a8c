import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { eventCount, sampleShop } from './support';

// Issue 20, retention: "Archive history before…" exports the events before a point to a file
// (the export's format), replaces them by the state there, anchored by the last one's hash, and
// the timeline starts there. Verify still passes from the anchor; importing the archive puts the
// history back whole; the pieces import into a fresh browser, in order.

test.beforeEach(async ({ page }) => {
  // No File System Access API: the archive and exports are downloads, read back from disk.
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
});

/** The shop once the app has started (after a reload it is still starting at first). */
const stateOf = (page: Page) =>
  page.evaluate(async () => {
    await window.rewind.ready;
    const { shop, position } = window.rewind.runtime.store.getState();
    return { position, shop: JSON.stringify(shop) };
  });

const storedCount = (page: Page) => page.evaluate(() => window.rewind.ready.then(() => window.rewind.runtime.log.count()));

const register = (page: Page, name: string) =>
  page.evaluate(
    (name) =>
      window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name }).then(
        () => 'written',
        (e: Error) => e.message,
      ),
    name,
  );

async function verify(page: Page) {
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Verify history' }).click();
  return page.getByTestId('verify-result');
}

async function importFile(page: Page, name: string, text: string) {
  await page.goto('/#/settings');
  await page.getByLabel('Import history file').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
  return page.getByRole('region', { name: 'History import' }).getByTestId('history-import-result');
}

async function exportText(page: Page): Promise<string> {
  await page.goto('/#/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export history' }).click();
  return readFile((await (await download).path())!, 'utf8');
}

/**
 * Archives the events before `firstKept` (from the history's start, `from`) through Settings;
 * returns the archive file's name and text once the page has reloaded.
 */
async function archiveBefore(page: Page, firstKept: number, from = 1) {
  await page.goto('/#/settings');
  await page.getByLabel('Archive history before event #').fill(String(firstKept));
  await page.getByRole('button', { name: 'Archive history before…' }).click();
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText(`Events #${from} to #${firstKept - 1} (${firstKept - from}) will be saved to rewind-archive-`);
  const download = page.waitForEvent('download');
  const reloaded = page.waitForEvent('load');
  await question.getByRole('button', { name: `Archive ${firstKept - from} events` }).click();
  const file = await download;
  await reloaded;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test('archives the beginning of the history: same shop, fewer stored events, a timeline and a chain that start at the anchor', async ({
  page,
}) => {
  await sampleShop(page);
  for (const name of ['Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen'])
    expect(await register(page, name)).toBe('written');
  await expect(eventCount(page)).toHaveText('12 events');
  const before = await stateOf(page);
  const anchorHash = await page.evaluate(() => window.rewind.runtime.log.storedHashAt(5));

  const archive = await archiveBefore(page, 6);
  expect(archive.name).toMatch(/^rewind-archive-\d{4}-\d{2}-\d{2}-before-6\.ndjson$/);
  const [header, ...lines] = archive.text.trimEnd().split('\n');
  expect(JSON.parse(header!)).toMatchObject({ format: 'rewind-history', eventCount: 5, firstSeq: 1, lastSeq: 5, headHash: anchorHash });
  expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5]);

  // The shop is as it was; the browser holds only the events after the anchor.
  await expect(page.getByTestId('archived-note').first()).toContainText(`History before #6 is archived in ${archive.name}.`);
  expect(await stateOf(page)).toEqual(before);
  expect(await storedCount(page)).toBe(7);
  await expect(await verify(page)).toHaveText('All 7 events verified, from the archive anchor at event #5.');

  // The timeline starts at the anchor; a restore behind it is refused and says why.
  await page.getByRole('button', { name: 'Timeline' }).click();
  const slider = page.getByRole('slider', { name: 'Timeline position' });
  await expect(slider).toHaveAttribute('min', '5');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('status').filter({ hasText: /^#5 \/ 12$/ })).toBeVisible();
  const behind = await page.evaluate(() =>
    window.rewind.timeMachine.restoreTo(3).then(
      () => 'restored',
      (e: Error) => e.message,
    ),
  );
  expect(behind).toBe('History before event 6 is archived: the time machine cannot reach behind it.');
  await page.keyboard.press('End');

  // It goes on: a command on a stream written only before the anchor, after a reload, chains from the head.
  await page.reload();
  expect(await page.evaluate(() => window.rewind.ready.then(() => window.rewind.runtime.store.getState().origin?.position))).toBe(5);
  const restocked = await page.evaluate(() =>
    window.rewind.runtime.dispatch({ type: 'Restock', sku: 'MUG-BLUE', quantity: 2 }).then(
      () => 'written',
      (e: Error) => e.message,
    ),
  );
  expect(restocked).toBe('written');
  await expect(await verify(page)).toHaveText(/^All \d+ events verified, from the archive anchor at event #5\.$/);

  // Importing the archive puts the whole history back, chain and all.
  const after = await stateOf(page);
  // The page loads anew once it is written (where the history starts has moved).
  await putBack(page, archive);
  await expect(page.getByTestId('archived-note')).toHaveCount(0);
  expect(await stateOf(page)).toEqual(after);
  expect(await storedCount(page)).toBe(after.position);
  await expect(await verify(page)).toHaveText(`All ${after.position} events verified.`);
  await page.getByRole('button', { name: 'Timeline' }).click();
  await expect(page.getByRole('slider', { name: 'Timeline position' })).toHaveAttribute('min', '0');
});

test('a history archived in pieces imports into a fresh browser in order, and a piece out of order is refused', async ({
  page,
  browser,
}) => {
  await sampleShop(page);
  for (const name of ['Edsger Dijkstra', 'Barbara Liskov']) expect(await register(page, name)).toBe('written');
  const archive = await archiveBefore(page, 4);
  const rest = await exportText(page);
  expect(JSON.parse(rest.split('\n')[0]!)).toMatchObject({ firstSeq: 4, lastSeq: 10, eventCount: 7, anchor: { seq: 3 } });
  const whole = await stateOf(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  // The later piece first: it cannot follow an empty history.
  await expect(await importFile(other, 'rest.ndjson', rest)).toHaveText(
    /^rest\.ndjson was not imported\. This file continues a history after event #3 .*Import the archive that ends at #3 first\..*The history is as it was\.$/,
  );
  expect(await storedCount(other)).toBe(0);
  await expect(await importFile(other, archive.name, archive.text)).toHaveText(
    `Imported 3 events from ${archive.name}; every hash verified.`,
  );
  await expect(await importFile(other, 'rest.ndjson', rest)).toHaveText('Added 7 events from rest.ndjson after #3; every hash verified.');
  await expect(eventCount(other)).toHaveText('10 events');
  expect(await stateOf(other)).toEqual(whole);
  await expect(await verify(other)).toHaveText('All 10 events verified.');
  await fresh.close();
});

test('a history archived twice is put back into the shop itself, the later archive first; a wrong archive is refused, writing nothing', async ({
  page,
  browser,
}) => {
  await sampleShop(page);
  for (const name of ['Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen'])
    expect(await register(page, name)).toBe('written');
  const before = await stateOf(page);
  const first = await archiveBefore(page, 5);
  const second = await archiveBefore(page, 9, 5);
  expect(JSON.parse(second.text.split('\n')[0]!)).toMatchObject({ firstSeq: 5, lastSeq: 8, eventCount: 4, anchor: { seq: 4 } });
  expect(await storedCount(page)).toBe(4);
  await expect(page.getByTestId('archived-note').first()).toContainText(`History before #9 is archived in ${second.name}.`);

  // Another shop's piece (it continues a history after its own event #4): refused, naming this shop's archive.
  const fresh = await browser.newContext();
  const elsewhere = await fresh.newPage();
  await elsewhere.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await sampleShop(elsewhere);
  await archiveBefore(elsewhere, 5);
  const otherPiece = await exportText(elsewhere);
  await fresh.close();
  const next = `Import ${second.name}, the archive of the events up to #8, first.`;
  await expect(await importFile(page, 'other-shop.ndjson', otherPiece)).toHaveText(
    `other-shop.ndjson was not imported. This file continues a history after event #4, and it neither ends where this shop’s history starts (#8) nor starts where it ends: it is not an archive of this shop’s history. ${next} The history is as it was.`,
  );
  // This shop's first archive before its second: refused the same way.
  await expect(await importFile(page, first.name, first.text)).toHaveText(
    `${first.name} was not imported. This is the archive of events #1 to #4 of this shop, but its history here starts after #8. ${next} The history is as it was.`,
  );
  expect(await storedCount(page)).toBe(4);
  expect(await page.evaluate(() => window.rewind.runtime.log.origin().then((o) => o?.position))).toBe(8);

  // The second archive goes back before the history: it then starts at the first archive's anchor.
  await putBack(page, second);
  await expect(page.getByTestId('archived-note').first()).toContainText(`History before #5 is archived in ${first.name}.`);
  expect(await storedCount(page)).toBe(8);
  expect(await stateOf(page)).toEqual(before);
  await expect(await verify(page)).toHaveText('All 8 events verified, from the archive anchor at event #4.');

  // Then the first: the history is whole from the first event, and the shop is the one before archiving.
  await putBack(page, first);
  await expect(page.getByTestId('archived-note')).toHaveCount(0);
  expect(await storedCount(page)).toBe(12);
  expect(await stateOf(page)).toEqual(before);
  await expect(await verify(page)).toHaveText('All 12 events verified.');
  await page.getByRole('button', { name: 'Timeline' }).click();
  await expect(page.getByRole('slider', { name: 'Timeline position' })).toHaveAttribute('min', '0');
});

/** Imports an archive file from Settings and waits for the page to load anew, as it does once the file is written. */
async function putBack(page: Page, archive: { name: string; text: string }): Promise<void> {
  await page.goto('/#/settings');
  const reloaded = page.waitForEvent('load');
  await page
    .getByLabel('Import history file')
    .setInputFiles({ name: archive.name, mimeType: 'application/x-ndjson', buffer: Buffer.from(archive.text) });
  await reloaded;
}
