import { openAsBlob, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, type Engine } from '../../../src/es';
import { decideHistoryImport, parseCommand, type Command, type ImportPlan, type ShopState } from '../../../src/domain';
import {
  blobBytes,
  commitImport,
  decodeText,
  readHistory,
  textChunks,
  type HistoryFileReading,
  type ImportFigures,
  type MalformedRow,
} from '../../../src/importing';
import { shopEngine } from '../../support/harness';

const fixtures = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

type Outcome = { refused: { code: string; message: string } } | { figures: ImportFigures; malformed: MalformedRow[] };
const expected = JSON.parse(readFileSync(`${fixtures}expected.json`, 'utf8')) as Record<string, Outcome>;

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const MB = 1024 * 1024;

/** The file's bytes in pieces of `size`, so that BOMs, CRLFs and UTF-16 pairs straddle them. */
function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let from = 0; from < bytes.length; from += size) yield bytes.subarray(from, from + size);
}

/** A reading, or the refusal as the page would get it: a DomainError's code and sentence. */
async function outcomeOf(read: () => Promise<HistoryFileReading>): Promise<HistoryFileReading | { code: string; message: string }> {
  try {
    return await read();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const { code, message } = error as DomainError;
    return { code, message };
  }
}

/** Whatever a plan registers, commands accept afterwards: each product can be restocked and put in a cart. */
function expectCommandsAccept(plan: ImportPlan): void {
  for (const { sku, name, priceCents, stock } of plan.products.values()) {
    expect(() => parseCommand({ type: 'RegisterProduct', sku, name, priceCents, stock })).not.toThrow();
    expect(() => parseCommand({ type: 'Restock', sku, quantity: 1 })).not.toThrow();
  }
  for (const invoice of plan.invoices) {
    const customerId = invoice.customerId ?? 'guest';
    for (const line of invoice.lines) {
      expect(() => parseCommand({ type: 'AddItemToCart', customerId, sku: line.sku, quantity: line.quantity })).not.toThrow();
    }
    expect(() => parseCommand({ type: 'PayOrder', orderId: `inv-${invoice.invoiceNo}` })).not.toThrow();
  }
}

const engines: Engine<ShopState, Command>[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

describe('order-history files that break the rules (tests/fixtures/import)', () => {
  it('has an expected outcome for every fixture file', () => {
    expect(
      readdirSync(fixtures)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  for (const [file, outcome] of Object.entries(expected)) {
    it(`${file}: ${'refused' in outcome ? `refused: "${outcome.refused.message}"` : `${outcome.figures.rowsRead} rows, ${outcome.figures.malformedRows} malformed`}`, async () => {
      const bytes = new Uint8Array(readFileSync(`${fixtures}${file}`));
      const blob = await openAsBlob(`${fixtures}${file}`);
      const whole = await outcomeOf(() => readHistory(() => decodeText(blobBytes(blob))));
      for (const size of [1, 3, 64]) {
        expect(await outcomeOf(() => readHistory(() => decodeText(pieces(bytes, size))))).toEqual(whole);
      }
      if ('refused' in outcome) {
        expect(whole).toEqual(outcome.refused);
        return;
      }
      const reading = whole as HistoryFileReading;
      expect(reading.figures).toEqual(outcome.figures);
      expect(reading.malformed).toEqual(outcome.malformed);
      // Only the valid rows are planned, and commands accept all that they register.
      const planned = reading.plan.invoices.reduce((n, i) => n + i.lines.length, 0);
      expect(planned).toBe(outcome.figures.rowsRead - outcome.figures.malformedRows - outcome.figures.skippedRows);
      expectCommandsAccept(reading.plan);
    });
  }

  it('reads the 199 lines of the mixed line-ending file as a header and 198 rows, none lost', async () => {
    const reading = await readHistory(() => decodeText(pieces(new Uint8Array(readFileSync(`${fixtures}mixed-line-endings.csv`)), 4096)));
    expect(reading.figures.rowsRead).toBe(198);
    expect(reading.plan.invoices.map((i) => i.invoiceNo).sort()).toEqual(
      Array.from({ length: 66 }, (_, i) => `5${String(i).padStart(5, '0')}`),
    );
  });

  it('reads UTF-16 text as the same rows as its UTF-8 original', async () => {
    const utf8 = readFileSync(`${fixtures}utf-16le-bom.csv`).subarray(2).toString('utf16le');
    const plain = await readHistory(() => textChunks(utf8));
    for (const file of ['utf-16le-bom.csv', 'utf-16be-bom.csv', 'utf-16le-no-bom.csv']) {
      const reading = await readHistory(() => decodeText(pieces(new Uint8Array(readFileSync(`${fixtures}${file}`)), 5)));
      expect(reading.header).toEqual(HEADER.split(','));
      expect(reading.plan).toEqual(plain.plan);
    }
  });

  it('reports a 1 MB stock code, a 1 MB customer id and a 20 MB description as malformed, with their lines, and imports only the rest', async () => {
    const text = [
      HEADER,
      '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom',
      `536366,${'X'.repeat(MB)},HUGE CODE,1,12/1/10 8:27,1.00,17850,United Kingdom`,
      `536367,MUG,MUG,1,12/1/10 8:28,1.00,${'1'.repeat(MB)},United Kingdom`,
      `536368,TEA,"${'D'.repeat(20 * MB)}",1,12/1/10 8:29,1.00,17850,United Kingdom`,
      '536369,71053,WHITE METAL LANTERN,6,12/1/10 8:30,3.39,,United Kingdom',
    ].join('\r\n');
    const reading = await readHistory(() => textChunks(text));
    expect(reading.malformed).toEqual([
      { line: 3, reason: `stock code of 1,048,576 characters "${'X'.repeat(40)}…" is too long (at most 40)` },
      { line: 4, reason: `customer id of 1,048,576 characters "${'1'.repeat(40)}…" is too long (at most 64)` },
      { line: 5, reason: `description of 20,971,520 characters "${'D'.repeat(40)}…" is too long (at most 80)` },
    ]);
    expect(reading.figures).toMatchObject({
      rowsRead: 5,
      malformedRows: 3,
      orders: 2,
      products: 2,
      customers: 1,
      grossSalesCents: 6 * 255 + 6 * 339,
    });
    expect([...reading.plan.products.keys()]).toEqual(['85123A', '71053']);
    expectCommandsAccept(reading.plan);
  });

  it('refuses, as the decider, a plan that breaks the command limits, and writes none of it', async () => {
    const engine = shopEngine();
    engines.push(engine);
    await engine.start();
    const good = (await readHistory(() => textChunks(`${HEADER}\n1,MUG,MUG,1,12/1/10 8:26,1.00,17850,UK\n`))).plan;
    const mug = good.products.get('MUG')!;
    const plans: ImportPlan[] = [
      { ...good, products: new Map([['MUG', { ...mug, name: 'N'.repeat(81) }]]) },
      { ...good, products: new Map([['MUG', { ...mug, stock: 1_000_000_001 }]]) },
      { ...good, invoices: [{ ...good.invoices[0]!, customerId: 'c'.repeat(65) }] },
      { ...good, invoices: [{ ...good.invoices[0]!, lines: [{ sku: 'MUG', quantity: 1, unitPriceCents: 100_000_001 }] }] },
      { ...good, invoices: [{ ...good.invoices[0]!, lines: [{ sku: 'MUG', quantity: 0.5, unitPriceCents: 100 }] }] },
    ];
    for (const plan of plans) {
      expect(() => decideHistoryImport({ lastEventAt: null, products: [], customers: [], orders: [], returns: [] }, plan)).toThrow(
        DomainError,
      );
      const error = await commitImport({ log: engine.log, engine }, plan, { importId: 'imp-1' }).catch((e: unknown) => e);
      expect((error as DomainError).code).toBe('import-out-of-range');
      expect(await engine.log.readRange(1, 1_000)).toEqual([]);
    }
    await commitImport({ log: engine.log, engine }, good, { importId: 'imp-2' });
    expect((await engine.log.readRange(1, 1_000)).length).toBeGreaterThan(0);
  });
});
