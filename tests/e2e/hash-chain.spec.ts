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
