import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, ValidationError, type Engine } from '../../../src/es';
import {
  Command as CommandSchema,
  decideHistoryImport,
  eventSchemas,
  type Command,
  type ImportPlan,
  type ShopFacts,
  type ShopState,
} from '../../../src/domain';
import { commitImport, decodeText, importLimits, readHistory, type HistoryFileReading } from '../../../src/importing';
import { shopEngine } from '../../support/harness';

/**
 * Hostile order-history files through the reader and the import's planning: whatever the bytes,
 * the outcome is a plan with per-row reports or a refusal with a sentence, and nothing a command
 * would refuse (or a malformed row) is planned to be written.
 */

const HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
const EMPTY_SHOP: ShopFacts = { lastEventAt: null, products: [], customers: [], orders: [], returns: [] };

// ---- fields: mostly plausible, often at or past the limits, sometimes anything at all

const huge = fc
  .tuple(fc.constantFrom('x', 'S', '9', '"', ',', '\n', '\r', 'é', '😀', ' '), fc.integer({ min: 30, max: 2_000 }))
  .map(([c, n]) => c.repeat(n));
const junk = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom('', ' ', '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\uFEFF', '\u0000', 'NaN', 'null', '-', '.'),
  huge,
);
const number = fc.constantFrom(
  '0',
  '-0',
  '1',
  '-1',
  '6',
  '+4',
  ' 3 ',
  '1000000',
  '-1000000',
  '1000001',
  '-1000001',
  '999999999',
  '-999999999',
  '1000000000',
  '9007199254740991',
  '9007199254740993',
  '-9007199254740993',
  '1e6',
  'Infinity',
  '0x10',
  '1,000',
  '6.0',
  '6.5',
  '2.55',
  '.5',
  '5.',
  '-.5',
  '0.001',
  '0.005',
  '1000000.00',
  '1000000.004',
  '1000000.005',
  '1000000.01',
  '99999999999.99',
  '9999999999999.995',
  '99999999999999.99',
  '12345678901234567890.12',
);
const smallInt = fc.integer({ min: -20, max: 1_000_000 }).map(String);
const price = fc.integer({ min: 0, max: 100_000_010 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
const date = fc.constantFrom(
  '12/1/10 8:26',
  '12/1/2010 08:26',
  '13/12/2010 09:00',
  '12/13/2010 9:00',
  '2010-12-01 07:45:00',
  '2010-12-01T07:45:00Z',
  '2/29/2012 8:00',
  '2/29/2011 8:00',
  '2/30/2010 8:00',
  '00/00/00 0:00',
  '12/1/10 24:00',
  '9999-99-99 99:99:99',
  '1/1/69 0:00',
);
const invoice = fc.oneof(
  fc.integer({ min: 536_000, max: 536_020 }).map(String),
  fc.integer({ min: 536_000, max: 536_020 }).map((n) => `C${n}`),
);
const sku = fc.constantFrom('85123A', '71053', 'MUG', 'TEA', 'POST', 'D', 'M', 'S'.repeat(40), 'S'.repeat(41));
const description = fc.constantFrom('WHITE MUG', 'TEA TIN', '', 'N'.repeat(80), 'N'.repeat(81), 'A "QUOTED", NAME');
const customer = fc.constantFrom('', '17850', '13047', '12583', 'guest', '1'.repeat(64), '1'.repeat(65));
const country = fc.constantFrom('United Kingdom', 'France', '');

const mostly = <T>(likely: fc.Arbitrary<T>, ...others: fc.Arbitrary<T>[]) =>
  fc.oneof({ arbitrary: likely, weight: 6 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));

const row = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(
      mostly(invoice, junk),
      mostly(sku, junk),
      mostly(description, junk),
      mostly(smallInt, number, junk),
      mostly(date, junk),
      mostly(price, number, junk),
      mostly(customer, junk),
      mostly(country, junk),
    ),
  },
  { weight: 1, arbitrary: fc.array(mostly(junk, number, date), { maxLength: 10 }) },
);

const header = fc.oneof(
  { weight: 8, arbitrary: fc.constant(HEADER) },
  { weight: 1, arbitrary: fc.shuffledSubarray(HEADER, { minLength: 4 }) },
  { weight: 1, arbitrary: fc.array(junk, { maxLength: 8 }) },
);

// ---- files: fields quoted or not, lines ending in any way, any encoding, or plain random bytes

const csvField = (field: string, quoted: boolean) => (quoted ? `"${field.replaceAll('"', '""')}"` : field);
const line = (fields: fc.Arbitrary<string[]>) =>
  fields.chain((fs) =>
    fc.array(fc.boolean(), { minLength: fs.length, maxLength: fs.length }).map((q) => fs.map((f, i) => csvField(f, q[i]!)).join(',')),
  );

const text = fc
  .record({
    bom: fc.boolean(),
    lines: fc.tuple(line(header), fc.array(line(row), { maxLength: 20 })).map(([h, rs]) => [h, ...rs]),
    ends: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 21, maxLength: 21 }),
    finalEnd: fc.boolean(),
  })
  .map(({ bom, lines, ends, finalEnd }) => {
    const body = lines.map((l, i) => (i < lines.length - 1 || finalEnd ? l + ends[i]! : l)).join('');
    return (bom ? '\uFEFF' : '') + body;
  });

const encode = (s: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Uint8Array => {
  if (encoding === 'utf-8') return new TextEncoder().encode(s);
  const le = new Uint8Array(Buffer.from(s, 'utf16le'));
  if (encoding === 'utf-16be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};

const file = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(text, fc.constantFrom('utf-8', 'utf-16le', 'utf-16be') as fc.Arbitrary<'utf-8'>).map(([s, e]) => encode(s, e)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  {
    weight: 1,
    // A good file with a few bytes overwritten at random.
    arbitrary: fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 })).map(([s, hits]) => {
      const bytes = encode(s, 'utf-8');
      for (const [at, value] of hits) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return bytes;
    }),
  },
);

const pieceSize = fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 8, max: 4096 }));

function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let from = 0; from < bytes.length; from += size) yield bytes.subarray(from, from + size);
}

// ---- what every outcome must be

type Outcome = { kind: 'refused'; error: DomainError | ValidationError } | { kind: 'read'; reading: HistoryFileReading };

async function outcomeOf(bytes: Uint8Array, size: number): Promise<Outcome> {
  try {
    return { kind: 'read', reading: await readHistory(() => decodeText(pieces(bytes, size))) };
  } catch (error) {
    // A refusal is a sentence for people; anything else is a crash.
    if (!(error instanceof DomainError || error instanceof ValidationError)) throw error;
    if (!/^[A-Z].*[.)]$/s.test(error.message)) throw new Error(`Not a sentence: ${error.message}`);
    return { kind: 'refused', error };
  }
}

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

/** The plan holds only valid rows, all within the command limits, and its figures are exact. */
function checkReading(reading: HistoryFileReading): void {
  const { figures, plan, malformed } = reading;
  const lines = plan.invoices.flatMap((i) => i.lines);
  expect(figures.rowsRead).toBe(figures.malformedRows + figures.skippedRows + lines.length);
  expect(malformed.length).toBe(Math.min(figures.malformedRows, 1_000));
  for (const m of malformed) {
    expect(Number.isInteger(m.line) && m.line >= 2).toBe(true);
    expect(m.reason.length).toBeGreaterThan(0);
  }
  let gross = 0n;
  let returned = 0n;
  for (const invoice of plan.invoices) {
    for (const l of invoice.lines) {
      const amount = BigInt(l.quantity) * BigInt(l.unitPriceCents);
      if (invoice.kind === 'sale') gross += amount;
      else returned += amount;
      expect(l.quantity >= 1 && l.quantity <= importLimits.quantity && Number.isInteger(l.quantity)).toBe(true);
      expect(
        ok(CommandSchema, { type: 'AddItemToCart', customerId: invoice.customerId ?? 'guest', sku: l.sku, quantity: l.quantity }),
      ).toBe(true);
    }
    expect(ok(CommandSchema, { type: 'PayOrder', orderId: `inv-${invoice.invoiceNo}` })).toBe(true);
  }
  expect(BigInt(figures.grossSalesCents)).toBe(gross);
  expect(BigInt(figures.returnedAmountCents)).toBe(returned);
  expect(BigInt(figures.netSalesCents)).toBe(gross - returned);
  for (const p of plan.products.values()) {
    expect(ok(CommandSchema, { type: 'RegisterProduct', sku: p.sku, name: p.name, priceCents: p.priceCents, stock: p.stock })).toBe(true);
    expect(ok(CommandSchema, { type: 'Restock', sku: p.sku, quantity: 1 })).toBe(true);
  }
  checkDecision(plan);
}

/** The decider turns the plan into valid events, or refuses an empty one with a sentence. */
function checkDecision(plan: ImportPlan): void {
  let events;
  try {
    events = decideHistoryImport(EMPTY_SHOP, plan);
  } catch (error) {
    expect((error as DomainError).code).toBe('nothing-to-import');
    expect(plan.invoices).toHaveLength(0);
    return;
  }
  expect(plan.invoices.length).toBeGreaterThan(0);
  for (const e of events) expect(Object.hasOwn(eventSchemas, e.type) && eventSchemas[e.type].safeParse(e.payload).success).toBe(true);
}

const engines: Engine<ShopState, Command>[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

describe('fuzzing the order-history reader', () => {
  it(
    'reads 10,000 hostile files without a crash: each a plan with per-row reports or a refusal, and nothing invalid planned',
    { timeout: 120_000 },
    async () => {
      const seen = { refused: 0, read: 0, planned: 0, malformed: 0 };
      await fc.assert(
        fc.asyncProperty(file, pieceSize, async (bytes, size) => {
          const outcome = await outcomeOf(bytes, size);
          seen[outcome.kind] += 1;
          if (outcome.kind === 'read') {
            if (outcome.reading.plan.invoices.length > 0) seen.planned += 1;
            if (outcome.reading.figures.malformedRows > 0) seen.malformed += 1;
            checkReading(outcome.reading);
          }
        }),
        { numRuns: 10_000 },
      );
      // The inputs reach every outcome, often.
      console.info('fuzz outcomes', seen);
      expect(seen.refused).toBeGreaterThan(500);
      expect(seen.planned).toBeGreaterThan(1_000);
      expect(seen.malformed).toBeGreaterThan(1_000);
    },
  );

  it('writes all of a read file or none of it, and nothing of a refused one', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(file, async (bytes) => {
        const engine = shopEngine();
        engines.push(engine);
        await engine.start();
        const outcome = await outcomeOf(bytes, 64);
        if (outcome.kind === 'read') {
          const events = (() => {
            try {
              return decideHistoryImport(EMPTY_SHOP, outcome.reading.plan).length;
            } catch {
              return 0;
            }
          })();
          await commitImport({ log: engine.log, engine }, outcome.reading.plan, { importId: 'fuzz' }).catch((e: unknown) => {
            expect((e as DomainError).code).toBe('nothing-to-import');
          });
          expect(await engine.log.readRange(1, 100_000)).toHaveLength(events);
        } else {
          // A refused file has no plan: there is nothing to hand to commitImport, and the log stays empty.
          expect(await engine.log.readRange(1, 100_000)).toHaveLength(0);
        }
        await engine.stop();
        engines.pop();
      }),
      { numRuns: 60 },
    );
  });
});
