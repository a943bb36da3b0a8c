import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError, StorageFullError, type Engine } from '../../../src/es';
import { eventSchemas, isShopEvent, type Command, type ShopState } from '../../../src/domain';
import { commitImport, readHistory, textChunks } from '../../../src/importing';
import { shopEngine } from '../../support/harness';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** `count` one-line sale invoices a minute apart from 1 Dec 2010, 08:00, and one return. */
function file(count: number): string {
  const rows = [HEADER];
  for (let i = 0; i < count; i += 1) {
    const minutes = 8 * 60 + i;
    rows.push(
      `${500000 + i},SKU${i % 50},Thing ${i % 50},2,12/1/10 ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')},1.25,${i % 7 === 0 ? '' : 12000 + (i % 30)},UK`,
    );
  }
  rows.push('C600000,SKU0,Thing 0,-1,12/31/10 23:59,1.25,12000,UK');
  return rows.join('\n');
}

const planOf = async (text: string) => (await readHistory(() => textChunks(text))).plan;

const engines: Engine<ShopState, Command>[] = [];
async function freshShop() {
  const engine = shopEngine();
  engines.push(engine);
  await engine.start();
  return { engine, log: engine.log };
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const engine of engines.splice(0)) await engine.stop();
});

describe('commitImport', () => {
  it('writes the whole import as events at the invoices’ dates, tied to one import command, and the shop shows it', async () => {
    const target = await freshShop();
    const plan = await planOf(file(30));
    const result = await commitImport(target, plan, { importId: 'import-1' });
    const events = await target.log.readRange(1);
    expect(result).toEqual({ events: events.length, firstSeq: 1, lastSeq: events.length });
    expect(new Set(events.map((e) => JSON.stringify(e.meta)))).toEqual(
      new Set([JSON.stringify({ commandId: 'import-1', correlationId: 'import-1', causationId: 'import-1' })]),
    );
    expect(events[0]!.at).toBe('2010-12-01T08:00:00.000Z');
    expect(events[events.length - 1]).toMatchObject({ type: 'ReturnRecorded', at: '2010-12-31T23:59:00.000Z' });
    for (const e of events) expect(isShopEvent(e) && eventSchemas[e.type].safeParse(e.payload).success).toBe(true);
    const shop = target.engine.projection.state;
    expect(target.engine.projection.position).toBe(events.length);
    expect(shop.orderIds.size).toBe(30);
    expect([...shop.orders.values()].every((o) => o.status === 'paid')).toBe(true);
    expect(shop.returns.size).toBe(1);
    // Ids 12001…12029 on invoices not divisible by 7 (25), 12000 from the return, and Guest.
    expect(shop.customers.size).toBe(27);
    expect(shop.customers.get('guest')?.name).toBe('Guest');
  });

  it('refuses a file older than the shop’s last event and leaves the log as it was', async () => {
    const target = await freshShop();
    await target.engine.dispatch({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' });
    const error = await commitImport(target, await planOf(file(3)), { importId: 'import-2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('import-before-last-event');
    expect(await target.log.count()).toBe(1);
  });

  it('appends a later file to an imported shop', async () => {
    const target = await freshShop();
    await commitImport(target, await planOf(file(2)), { importId: 'first' });
    const before = await target.log.count();
    const january = [HEADER, '700001,SKU0,Thing 0,1,1/3/11 9:00,1.25,12000,UK', '700002,NEW,New thing,1,1/4/11 9:00,3.00,99999,UK'].join(
      '\n',
    );
    await commitImport(target, await planOf(january), { importId: 'second' });
    const added = await target.log.readRange(before + 1);
    expect(added.map((e) => e.type)).toEqual([
      'ProductRestocked',
      'OrderImported',
      'OrderPaid',
      'ProductRegistered',
      'CustomerRegistered',
      'OrderImported',
      'OrderPaid',
    ]);
    expect(target.engine.projection.state.orderIds.size).toBe(4);
  });

  it('keeps nothing when the write fails midway (a full disk on the second batch)', async () => {
    const target = await freshShop();
    const plan = await planOf(file(1_500));
    const bulkAdd = target.log.db.events.bulkAdd.bind(target.log.db.events);
    let calls = 0;
    vi.spyOn(target.log.db.events, 'bulkAdd').mockImplementation(((rows: never[]) => {
      calls += 1;
      if (calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return bulkAdd(rows);
    }) as never);
    const error = await commitImport(target, plan, { importId: 'import-3' }).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(await target.log.count()).toBe(0);
    expect(target.engine.projection.position).toBe(0);
  });

  it('keeps nothing when cancelled during the write', async () => {
    const target = await freshShop();
    const plan = await planOf(file(1_500));
    const controller = new AbortController();
    const error = await commitImport(target, plan, {
      importId: 'import-4',
      signal: controller.signal,
      onProgress: (written) => written >= 2_000 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(await target.log.count()).toBe(0);
  });

  it('decides again when another write lands between deciding and writing', async () => {
    const target = await freshShop();
    const plan = await planOf(file(3));
    const appendCommits = target.log.appendCommits.bind(target.log);
    let sneaked = false;
    vi.spyOn(target.log, 'appendCommits').mockImplementation(async (commits, options) => {
      if (!sneaked) {
        sneaked = true;
        // Another tab registers a product at an earlier historical time: still accepted after it.
        await appendCommits([
          {
            events: [{ streamId: 'product-X', type: 'ProductRegistered', payload: { sku: 'X', name: 'X', priceCents: 1, stock: 1 } }],
            expected: new Map(),
            meta: { commandId: 'o', correlationId: 'o', causationId: null },
            at: '2010-11-30T00:00:00.000Z',
          },
        ]);
      }
      return appendCommits(commits, options);
    });
    await commitImport(target, plan, { importId: 'import-5' });
    const events = await target.log.readRange(1);
    expect(events[0]!.streamId).toBe('product-X');
    expect(events.slice(1).every((e) => e.meta.commandId === 'import-5')).toBe(true);
    expect(target.engine.projection.state.orderIds.size).toBe(3);
  });
});
