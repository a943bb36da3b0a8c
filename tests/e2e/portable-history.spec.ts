import { expect, test, type Page } from '@playwright/test';
import { backedUpTo, eventCount, sampleShop } from './support';

// Issue 20, portable and verifiable history: every stored event is chained by its hash; Verify
// history (in a worker) finds a change anywhere, and a start from a snapshot a change to its head.
// Export writes the log as one NDJSON file; Import history file checks every line before writing
// any, all or nothing.

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

test.describe('Import history file', () => {
  /** Exports the page's history through the download path and returns the file's text. */
  async function exportText(page: Page): Promise<string> {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export history' }).click();
    const { readFile } = await import('node:fs/promises');
    return readFile((await (await download).path())!, 'utf8');
  }

  const importInto = async (page: Page, name: string, text: string) => {
    await page.goto('/#/settings');
    await page.getByLabel('Import history file').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
    return page.getByRole('region', { name: 'History import' });
  };

  const stateOf = (page: Page) =>
    page.evaluate(() => {
      const { shop, position } = window.rewind.runtime.store.getState();
      return { position, shop: JSON.stringify(shop) };
    });

  test('into a fresh browser gives the same shop and the same head hash', async ({ page, browser }) => {
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await sampleShop(page);
    await page.getByRole('tab', { name: 'Shop' }).click();
    const text = await exportText(page);
    const before = await stateOf(page);

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const worker = other.waitForEvent('worker', (w) => /historyFileWorker/.test(w.url()));
    const region = await importInto(other, 'shop.ndjson', text);
    await worker;
    await expect(region.getByTestId('history-import-result')).toHaveText('Imported 8 events from shop.ndjson; every hash verified.');
    await expect(eventCount(other)).toHaveText('8 events');
    expect(await stateOf(other)).toEqual(before);
    const heads = async (p: Page) => p.evaluate(() => window.rewind.runtime.log.storedHashAt(8));
    expect(await heads(other)).toBe(await heads(page));
    // It survives a reload: it was written, not only shown.
    await other.reload();
    await expect(eventCount(other)).toHaveText('8 events');
    await fresh.close();
  });

  test('refuses a tampered, truncated, cut or forged file, naming the line, and writes nothing', async ({ page, browser }) => {
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await sampleShop(page);
    const text = await exportText(page);
    const rows = text.slice(0, -1).split('\n');
    const fifth = JSON.parse(rows[4]!) as { payload: Record<string, unknown> };
    const tampered = [...rows];
    tampered[4] = JSON.stringify({ ...fifth, payload: { ...fifth.payload, name: 'Forged name' } });
    const header = JSON.parse(rows[0]!) as Record<string, unknown>;
    const cases: Array<[string, string, RegExp]> = [
      ['tampered.ndjson', `${tampered.join('\n')}\n`, /Line 5: its hash does not match its content — the file was changed or damaged/],
      ['truncated.ndjson', `${rows.slice(0, 6).join('\n')}\n`, /The file ends after 5 events, but its header promises 8/],
      ['cut.ndjson', text.slice(0, text.length - 30), /Line 9: it is not valid JSON/],
      [
        'forged.ndjson',
        [JSON.stringify({ ...header, headHash: 'f'.repeat(64) }), ...rows.slice(1)].join('\n'),
        /Line 1: the head hash in the header/,
      ],
    ];
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    for (const [name, content, reason] of cases) {
      const region = await importInto(other, name, content);
      const result = region.getByTestId('history-import-result');
      await expect(result).toHaveText(new RegExp(`^${name} was not imported\\. .*${reason.source}.*The history is as it was\\.$`));
      await expect(result).toHaveAttribute('role', 'alert');
      expect(await other.evaluate(() => window.rewind.runtime.log.count())).toBe(0);
    }
    await expect(other.getByRole('button', { name: 'Load sample shop' })).toBeVisible();
    await fresh.close();
  });

  test('replaces a history only after the user agreed to lose it; other tabs stop writing', async ({ page, context }) => {
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await sampleShop(page);
    const text = await exportText(page);
    const exported = await stateOf(page);
    const write = (p: Page) =>
      p.evaluate(() =>
        window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name: 'Written after the export' }).then(
          () => 'written',
          (e: Error) => e.name,
        ),
      );
    expect(await write(page)).toBe('written');
    const other = await context.newPage();
    await other.goto('/');
    await expect(eventCount(other)).toHaveText('9 events');

    let region = await importInto(page, 'older.ndjson', text);
    const question = region.getByRole('alertdialog');
    await expect(question).toContainText('older.ndjson holds 8 events, every one verified.');
    await expect(question).toContainText('its 9 events, and everything they made');
    await question.getByRole('button', { name: 'Keep the current history' }).click();
    await expect(region.getByTestId('history-import-result')).toHaveText('older.ndjson was not imported. The history is as it was.');
    await expect(eventCount(page)).toHaveText('9 events');

    region = await importInto(page, 'older.ndjson', text);
    await region.getByRole('button', { name: 'Replace the history of 9 events' }).click();
    await page.waitForEvent('load');
    await expect(eventCount(page)).toHaveText('8 events');
    expect(await stateOf(page)).toEqual(exported);
    // Not taken for a loss at the next start, and writable.
    await expect(page.getByTestId('history-lock-message')).toHaveCount(0);
    expect(await write(page)).toBe('written');

    await expect(other.getByText('The history was replaced in another tab — reload to see it.')).toBeVisible();
    expect(await write(other)).toBe('WritesRefusedError');
  });

  test('a tab that has not heard of the replacement yet cannot write into the new history', async ({ page, context }) => {
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await sampleShop(page);
    const text = await exportText(page);
    const other = await context.newPage();
    // This tab's "history was replaced" message is held back: its next command lands in the window
    // between the replacing commit and that message, the one the append's own check closes.
    await other.addInitScript(() => {
      const setter = Object.getOwnPropertyDescriptor(BroadcastChannel.prototype, 'onmessage')!.set!;
      Object.defineProperty(BroadcastChannel.prototype, 'onmessage', {
        set(handler: ((event: MessageEvent) => void) | null) {
          setter.call(this, (event: MessageEvent<{ replaced?: unknown }>) => {
            if (event.data?.replaced !== true) handler?.(event);
          });
        },
      });
    });
    await other.goto('/');
    await expect(eventCount(other)).toHaveText('8 events');
    expect(
      await page.evaluate(() =>
        window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name: 'Written after the export' }).then(() => 9),
      ),
    ).toBe(9);
    await expect(eventCount(other)).toHaveText('9 events');

    const region = await importInto(page, 'older.ndjson', text);
    await region.getByRole('button', { name: 'Replace the history of 9 events' }).click();
    await page.waitForEvent('load');
    await expect(eventCount(page)).toHaveText('8 events');
    const headBefore = await page.evaluate(() => window.rewind.runtime.log.storedHashAt(8));

    await expect(other.getByText('The history was replaced in another tab — reload to see it.')).toHaveCount(0);
    const refused = await other.evaluate(() =>
      window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name: 'Decided on the old history' }).then(
        () => 'written',
        (e: Error) => e.name,
      ),
    );
    expect(refused).toBe('HistoryReplacedError');
    await expect(other.getByText('The history was replaced in another tab — reload to see it.')).toBeVisible();
    expect(await page.evaluate(() => window.rewind.runtime.log.lastPosition())).toBe(8);
    expect(await page.evaluate(() => window.rewind.runtime.log.storedHashAt(8))).toBe(headBefore);
  });
});

test('the rolling backup in the origin private file system brings the history back after the database was deleted', async ({ page }) => {
  await sampleShop(page);
  for (const name of ['Backed up once', 'Backed up twice']) {
    await page.evaluate((name) => window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name }), name);
  }
  await expect(eventCount(page)).toHaveText('10 events');
  const before = await page.evaluate(() => JSON.stringify(window.rewind.runtime.store.getState().shop));
  // The backup follows the log once it has rested (about 2 s).
  await expect.poll(() => backedUpTo(page), { timeout: 15_000 }).toBe(10);

  await page.goto('/robots.txt');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('rewind');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
  await page.goto('/');
  await expect(page.getByTestId('history-lock-message')).toContainText('had 10 events; it now has 0');
  const offer = page.getByTestId('backup-offer');
  await expect(offer).toContainText('it holds 10 events');
  await offer.getByRole('button', { name: 'Restore 10 events from the backup' }).click();
  await page.waitForEvent('load');
  await expect(eventCount(page)).toHaveText('10 events');
  await expect(page.getByTestId('history-lock-message')).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify(window.rewind.runtime.store.getState().shop))).toBe(before);
  expect(await page.evaluate(() => window.rewind.runtime.log.verifyChain())).toMatchObject({ intact: true, events: 10 });
  const written = await page.evaluate(() =>
    window.rewind.runtime.dispatch({ type: 'RegisterCustomer', name: 'After the restore' }).then(
      () => 'written',
      (e: Error) => e.name,
    ),
  );
  expect(written).toBe('written');
});

test('a backup whose last segment outgrew its manifest (the browser killed between the two writes) restores what the manifest vouches for', async ({
  page,
}) => {
  await sampleShop(page);
  await expect.poll(() => backedUpTo(page), { timeout: 15_000 }).toBe(8);
  const before = await page.evaluate(() => JSON.stringify(window.rewind.runtime.store.getState().shop));
  await page.goto('/robots.txt');
  // The segment rewritten with two more events, then the kill: the manifest still says 8.
  await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('rewind-backup-rewind');
    const handle = await dir.getFileHandle('segment-000000.ndjson');
    const text = await (await handle.getFile()).text();
    const last = JSON.parse(text.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
    const writable = await handle.createWritable();
    await writable.write(
      `${text}${JSON.stringify({ ...last, seq: 9, id: 'unvouched-1' })}\n${JSON.stringify({ ...last, seq: 10, id: 'unvouched-2' })}\n`,
    );
    await writable.close();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase('rewind');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  });
  await page.goto('/');
  const offer = page.getByTestId('backup-offer');
  await offer.getByRole('button', { name: 'Restore 8 events from the backup' }).click();
  await page.waitForEvent('load');
  await expect(eventCount(page)).toHaveText('8 events');
  expect(await page.evaluate(() => JSON.stringify(window.rewind.runtime.store.getState().shop))).toBe(before);
  expect(await page.evaluate(() => window.rewind.runtime.log.verifyChain())).toMatchObject({ intact: true, events: 8 });
});
