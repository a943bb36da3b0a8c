import { expect, test, type Page } from '@playwright/test';
import { eventCount, sampleShop } from './support';

// Issue 20, tamper evidence: every stored event is chained by its hash; Verify history (in a
// worker) finds a change anywhere, and a start from a snapshot finds a change to its head.

/** Rewrites one stored row of the app's database, as someone editing IndexedDB by hand would. */
const editEvent = (page: Page, seq: number, change: Record<string, unknown>) =>
  page.evaluate(
    ({ seq, change }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('rewind');
        request.onsuccess = () => {
          const db = request.result;
          const store = db.transaction('events', 'readwrite').objectStore('events');
          const read = store.get(seq);
          read.onsuccess = () => {
            const write = store.put({ ...read.result, ...change });
            write.onsuccess = () => (db.close(), resolve());
            write.onerror = () => reject(write.error);
          };
        };
        request.onerror = () => reject(request.error);
      }),
    { seq, change },
  );

const verify = async (page: Page) => {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Verify history' }).click();
  return page.getByTestId('verify-result');
};

test('Verify history finds every event intact, then the first one changed in IndexedDB', async ({ page }) => {
  await sampleShop(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeVisible();
  const worker = page.waitForEvent('worker');
  await expect(await verify(page)).toHaveText('All 8 events verified.');
  expect((await worker).url(), 'the check runs in a worker').toMatch(/verifyWorker/);

  await editEvent(page, 5, { at: '1999-12-31T23:59:59.000Z' });
  await expect(await verify(page)).toHaveText(
    'Broken at event #5: its content does not match its hash. Events after it cannot be trusted either.',
  );
  // Nothing was written by the check.
  await expect(eventCount(page)).toHaveText('8 events');
});

test('a snapshot cannot hide a change to the event it was saved at: the start says so and refuses writes', async ({ page }) => {
  await sampleShop(page);
  const head = await page.evaluate(async () => {
    const { engine } = window.rewind.runtime;
    await engine.snapshots.save(engine.projection);
    return engine.projection.position;
  });
  expect(head).toBe(8);
  await editEvent(page, head, { payload: { sku: 'FORGED', name: 'Forged', priceCents: 1, stock: 1 } });
  await page.reload();
  await expect(page.getByTestId('history-lock-message')).toContainText(
    `event ${head} was changed after it was written (it no longer matches its hash)`,
  );
  await expect(eventCount(page)).toHaveText(`${head - 1} events`);
  const refused = await page.evaluate(() =>
    window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name: 'Intruder' }).then(
      () => 'written',
      (e: Error) => e.name,
    ),
  );
  expect(refused).toBe('WritesRefusedError');
});

test.describe('Export history', () => {
  /** The file's lines, parsed, after checking that it ends with a newline. */
  const linesOf = (text: string) => {
    expect(text.endsWith('\n')).toBe(true);
    return text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  const storedRows = (page: Page) =>
    page.evaluate(async () => (await window.rewind.runtime.log.readStoredRows(1, Infinity)) as Array<Record<string, unknown>>);

  test('downloads one NDJSON file: a header, then every event as stored, hash included', async ({ page }) => {
    // No File System Access API here: the export is a download.
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await sampleShop(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export history' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^rewind-history-\d{4}-\d{2}-\d{2}\.ndjson$/);
    await expect(page.getByTestId('export-result')).toHaveText(`Exported 8 events to ${file.suggestedFilename()}.`);

    const { readFile } = await import('node:fs/promises');
    const [header, ...events] = linesOf(await readFile((await file.path())!, 'utf8'));
    const rows = await storedRows(page);
    expect(events).toEqual(rows);
    expect(header).toMatchObject({
      format: 'rewind-history',
      formatVersion: 1,
      eventCount: 8,
      firstSeq: 1,
      lastSeq: 8,
      headHash: rows[7]!.hash,
      appVersion: await page.getByTestId('app-version').textContent(),
    });
    expect(header.schemaVersions).toMatchObject({ CustomerRegistered: 2, ProductRegistered: 1 });
    expect(Date.parse(header.createdAt as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('streams into the file the user picked, where the browser lets pages write files', async ({ page }) => {
    // The picker stands in for the user's choice; the file is a real one, in the origin's private file system.
    await page.addInitScript(() => {
      (window as unknown as { showSaveFilePicker: () => Promise<FileSystemFileHandle> }).showSaveFilePicker = async () =>
        (await navigator.storage.getDirectory()).getFileHandle('picked.ndjson', { create: true });
    });
    await sampleShop(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const worker = page.waitForEvent('worker', (w) => /exportWorker/.test(w.url()));
    await page.getByRole('button', { name: 'Export history' }).click();
    await worker;
    await expect(page.getByTestId('export-result')).toHaveText(/^Exported 8 events to rewind-history-/);
    const text = await page.evaluate(async () => {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle('picked.ndjson');
      return (await handle.getFile()).text();
    });
    const [header, ...events] = linesOf(text);
    expect(events).toEqual(await storedRows(page));
    expect(header).toMatchObject({ eventCount: 8, lastSeq: 8 });
  });
});
