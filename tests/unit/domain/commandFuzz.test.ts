import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError, ValidationError, type StoredEvent } from '../../../src/es';
import { evolve, eventSchemas, initialShopState, sampleShopCommands, shopToJson, slices, type ShopState } from '../../../src/domain';
import { shopEngine } from '../../support/harness';

/**
 * Every command schema under hostile input, through the real command path (parse, decide, group
 * commit): 10,000 commands built from each schema's own fields, with values that are plausible,
 * at or past the limits, of the wrong type, or meant to pollute prototypes. Whatever arrives, a
 * command is written whole or refused with a ValidationError or DomainError, and nothing else.
 */

const CASES = 10_000;
const AT_ONCE = 50;

// ---- values by field name; names not listed get anything at all

const hostileString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', ' ', '   ', '__proto__', 'constructor', 'prototype', '<img src=x onerror=alert(1)>', 'NaN', '\u0000', '\uFEFF'),
  fc.tuple(fc.constantFrom('x', 'é', '😀', ' '), fc.integer({ min: 30, max: 5_000 })).map(([c, n]) => c.repeat(n)),
);
const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.constantFrom(0, -0, 1, 99, 100, 101, 1_000_000, 1_000_001, 100_000_000, 100_000_001, 1_000_000_000, 1_000_000_001),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, 2.5, 0.1, 1e21),
  fc.double(),
);
const wrongType = fc.oneof(fc.constantFrom(null, undefined, true, false, [], {}, '12', '1e3', '0x10'), fc.anything({ maxDepth: 2 }));
const date = fc.oneof(fc.constantFrom('2026-01-01', '2026-02-30', '2025-12-31', '2027-06-01', '2026-1-1', '01/02/2026', ''), hostileString);

const skus = ['MUG-BLUE', 'TEA-EARL', 'POT-WHITE', 'SPOON-SET', 'COSY-KNIT', 'NEW-1', 'NEW-2'];
const customerIds = ['ada', 'grace', 'alan', 'new-1', 'new-2'];
const codes = ['SPRING10', 'FIVEOFF', 'spring10', ' fiveoff '];
/** Order ids are made while the run goes: a number picks one of the orders there are by then. */
const ORDER = 'order#';

const pick = <T>(known: readonly T[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, hostileString, wrongType);
const amount = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 5_000 }) }, hostileNumber, wrongType);
const off = fc.oneof(
  fc.record({ kind: fc.constant('percent'), percent: amount }),
  fc.record({ kind: fc.constant('amount'), amountCents: amount }),
  fc.record({ kind: hostileString, percent: amount }),
  wrongType,
);
const entity = fc.record({
  kind: pick(['product', 'customer', 'cart', 'order', 'return', 'discountCode']),
  id: pick([...skus, ...customerIds]),
  basedOn: fc.oneof({ weight: 3, arbitrary: fc.nat(6) }, hostileNumber, wrongType),
  value: fc.oneof(
    fc.record({ sku: pick(skus), name: hostileString, priceCents: hostileNumber, stock: hostileNumber, discontinued: fc.boolean() }),
    fc.record({ id: pick(customerIds), name: hostileString, deleted: fc.boolean(), registeredAt: date }),
    wrongType,
  ),
});

const byField: Record<string, fc.Arbitrary<unknown>> = {
  sku: pick(skus),
  customerId: pick(customerIds),
  orderId: fc.oneof({ weight: 4, arbitrary: fc.nat(40).map((n) => `${ORDER}${n}`) }, hostileString, wrongType),
  checkoutId: fc.oneof(hostileString, wrongType),
  code: pick(codes),
  name: fc.oneof({ weight: 2, arbitrary: fc.constantFrom('Plain name', 'Ümlaut Ölmühle') }, hostileString, wrongType),
  reason: fc.oneof(hostileString, wrongType),
  quantity: amount,
  priceCents: amount,
  stock: amount,
  minimumOrderCents: fc.oneof(amount, fc.constant(null)),
  off,
  validFrom: fc.oneof(date, fc.constant(null)),
  validUntil: fc.oneof(date, fc.constant(null)),
  active: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, wrongType),
  lines: fc.oneof(fc.array(fc.record({ sku: pick(skus), quantity: amount }), { maxLength: 3 }), wrongType),
  entities: fc.oneof(fc.array(entity, { maxLength: 3 }), wrongType),
  purpose: pick(['restore', 'undo', 'redo']),
  position: fc.oneof(fc.nat(100), hostileNumber),
  restoredTo: fc.oneof(fc.nat(100), hostileNumber),
};

const schemaFields = (schema: unknown): string[] =>
  Object.keys((schema as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape).filter((k) => k !== 'type');

const commandTypes = slices.flatMap((slice) =>
  Object.entries(slice.commands).map(([type, schema]) => ({ type, fields: schemaFields(schema) })),
);

/** One command of a known type, each field present, missing, or replaced; sometimes with extra keys. */
const shaped = fc.constantFrom(...commandTypes).chain(({ type, fields }) =>
  fc
    .tuple(
      fc.tuple(...fields.map((f) => fc.option(byField[f] ?? fc.anything({ maxDepth: 2 }), { freq: 8, nil: undefined }))),
      fc.option(fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'type'), fc.anything({ maxDepth: 1 })), {
        freq: 5,
        nil: undefined,
      }),
    )
    .map(([values, extra]) => {
      const command: Record<string, unknown> = { type };
      fields.forEach((f, i) => {
        if (values[i] !== undefined) command[f] = values[i];
      });
      // Extra keys as JSON would bring them: an own "__proto__" key, not a prototype.
      return extra ? { ...JSON.parse(JSON.stringify(extra)), ...command } : command;
    }),
);
const anyInput = fc.oneof({ weight: 19, arbitrary: shaped }, fc.anything({ maxDepth: 3 }));

const setUp = [
  ...sampleShopCommands(),
  { type: 'CreateDiscountCode', code: 'SPRING10', off: { kind: 'percent', percent: 10 }, active: true },
  { type: 'CreateDiscountCode', code: 'FIVEOFF', off: { kind: 'amount', amountCents: 500 }, minimumOrderCents: 2_000, active: true },
];

describe('every command schema under hostile input', () => {
  const engine = shopEngine();
  afterAll(() => engine.stop());

  it(`writes each of ${CASES.toLocaleString('en-GB')} commands whole or refuses it in words, and the log replays to the state shown`, async () => {
    await engine.start();
    for (const command of setUp) await engine.dispatch(command);
    const start = engine.projection.position;
    const inputs = fc.sample(anyInput, { numRuns: CASES, seed: 19_06 });
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    const acknowledged: StoredEvent[] = [];
    const refusals = { validation: 0, domain: 0 };
    const crashes: string[] = [];
    for (let i = 0; i < inputs.length; i += AT_ONCE) {
      const orders = [...engine.projection.state.orderIds];
      const batch = inputs.slice(i, i + AT_ONCE).map((input) => withOrderIds(input, orders));
      const outcomes = await Promise.allSettled(batch.map((input) => engine.dispatch(input)));
      outcomes.forEach((outcome, j) => {
        if (outcome.status === 'fulfilled') acknowledged.push(...outcome.value);
        else if (outcome.reason instanceof ValidationError) refusals.validation += 1;
        else if (outcome.reason instanceof DomainError) refusals.domain += 1;
        else crashes.push(`${String(outcome.reason)} for ${safeJson(batch[j])}`);
      });
    }

    expect(crashes).toEqual([]);
    // The mix reaches every outcome: accepted commands, and both kinds of refusal.
    expect(acknowledged.length).toBeGreaterThan(200);
    expect(refusals.validation).toBeGreaterThan(1_000);
    expect(refusals.domain).toBeGreaterThan(200);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);

    // The log holds exactly the acknowledged events, gap-free, each one valid for its type.
    const written = await engine.log.readRange(start + 1);
    expect(written.length).toBe(acknowledged.length);
    expect(new Set(written.map((e) => e.id))).toEqual(new Set(acknowledged.map((e) => e.id)));
    expect(written.map((e) => e.seq)).toEqual(written.map((_, k) => start + 1 + k));
    for (const event of written) {
      const schema = (eventSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>)[event.type];
      expect(schema?.safeParse(event.payload).success, `${event.type} #${event.seq}`).toBe(true);
    }

    // Replaying the whole log gives the state the projection shows, and that state is sound.
    const all = await engine.log.readRange(1);
    const replayed = all.reduce<ShopState>(evolve, initialShopState());
    expect(JSON.stringify(shopToJson(replayed))).toBe(JSON.stringify(shopToJson(engine.projection.state)));
    for (const product of replayed.products.values()) {
      expect(Number.isSafeInteger(product.stock) && product.stock >= 0, product.sku).toBe(true);
      expect(Number.isSafeInteger(product.priceCents) && product.priceCents >= 0, product.sku).toBe(true);
      // In characters, as zod's maxLength counts them (an emoji is one character, two UTF-16 units).
      expect([...product.sku].length).toBeLessThanOrEqual(40);
      expect([...product.name].length).toBeLessThanOrEqual(80);
    }
    for (const order of replayed.orders.values()) expect(Number.isSafeInteger(order.totalCents) && order.totalCents >= 0).toBe(true);
  }, 300_000);
});

function withOrderIds(input: unknown, orders: readonly string[]): unknown {
  if (typeof input !== 'object' || input === null || !('orderId' in input)) return input;
  const { orderId } = input as { orderId: unknown };
  if (typeof orderId !== 'string' || !orderId.startsWith(ORDER) || orders.length === 0) return input;
  return { ...input, orderId: orders[Number(orderId.slice(ORDER.length)) % orders.length] };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
