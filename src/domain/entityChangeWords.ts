import type { CollectionKey, EntityOf } from './collections';
import type { Cart, CartLine, Customer, DiscountCode, Order, OrderReturn, OrderStatus, PricedLine, Product, Return } from './entitySchemas';
import { fieldChanged, formatValue, formatWhen } from './fieldWords';
import { formatCents, formatOff } from './money';
import { itemsIn, type Names } from './sentences';

/** What one field's change says; null when another field's sentence already says it. */
type FieldWords<V, F extends keyof V> = (
  before: V[F],
  after: V[F],
  whole: { before: V; after: V; names: Names },
) => string | readonly string[] | null;

/**
 * How the changes of one kind of entity read in the history views. Every field has its own
 * sentence, so a field added to an entity does not compile until it says how it reads.
 */
export interface ChangeWords<V> {
  /** The heading of the entity's group: "Blue mug", "Ada Lovelace's cart", "Order #12". */
  heading: (value: V, id: string, names: Names) => string;
  created: (value: V, names: Names) => string | readonly string[];
  removed: (value: V, names: Names) => string;
  fields: { [F in keyof V]-?: FieldWords<V, F> };
}

const arrow = (key: string, before: unknown, after: unknown) => `${formatValue(key, before)} → ${formatValue(key, after)}`;
const goods = (lines: readonly PricedLine[], names: Names) => lines.map((l) => `${l.quantity} × ${names.product(l.sku)}`).join(', ');
const minus = (n: number) => `−${n}`;

/** Cart lines compared by product: "+1 Blue mug (2 → 3)", "+2 Tea (new)", "−2 Blue mug (removed)". */
export function cartLineChanges(before: readonly CartLine[], after: readonly CartLine[], names: Names): string[] {
  const quantities = (lines: readonly CartLine[]) => {
    const bySku = new Map<string, number>();
    for (const l of lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
    return bySku;
  };
  const [was, now] = [quantities(before), quantities(after)];
  const out: string[] = [];
  for (const sku of new Set([...now.keys(), ...was.keys()])) {
    const [b, a] = [was.get(sku) ?? 0, now.get(sku) ?? 0];
    const name = names.product(sku);
    if (a === b) continue;
    if (b === 0) out.push(`+${a} ${name} (new)`);
    else if (a === 0) out.push(`${minus(b)} ${name} (removed)`);
    else out.push(`${a > b ? `+${a - b}` : minus(b - a)} ${name} (${b} → ${a})`);
  }
  return out;
}

const forward: Record<OrderStatus, number> = { placed: 0, paid: 1, shipped: 2, cancelled: 3 };
/** "paid", "shipped", "cancelled" for the way an order goes; "status paid → placed" when it went back (an undo). */
const statusWords = (before: OrderStatus, after: OrderStatus) => (forward[after] > forward[before] ? after : `status ${before} → ${after}`);
/** An order's dates follow its status, whose sentence says it; they speak only when they change alone. */
const dateOf =
  (key: string) =>
  (before: string | null, after: string | null, { before: b, after: a }: { before: Order; after: Order }) =>
    b.status !== a.status ? null : `${key.replace(/At$/, '')} at ${arrow(key, before, after)}`;

function returnsWords(before: readonly OrderReturn[] | undefined, after: readonly OrderReturn[] | undefined, names: Names): string[] {
  const was = new Set((before ?? []).map((r) => r.returnId));
  const now = new Set((after ?? []).map((r) => r.returnId));
  return [
    ...(after ?? [])
      .filter((r) => !was.has(r.returnId))
      .map((r) => `${goods(r.lines, names)} returned, ${formatCents(r.refundedCents)} refunded`),
    ...(before ?? []).filter((r) => !now.has(r.returnId)).map((r) => `return of ${goods(r.lines, names)} taken back`),
  ];
}

const discountWords = (d: { code: string; amountCents: number } | null | undefined) =>
  d ? `code ${d.code} (${formatCents(d.amountCents)} off)` : 'no code';

export const productWords: ChangeWords<Product> = {
  heading: (p) => p.name,
  created: (p) =>
    `New product ${p.name} (SKU ${p.sku}), ${formatCents(p.priceCents)}, ${p.stock} in stock${p.discontinued ? ', discontinued' : ''}`,
  removed: (p) => `${p.name} removed from the catalog`,
  fields: {
    sku: (b, a) => `SKU ${b} → ${a}`,
    name: (b, a) => `renamed ${b} → ${a}`,
    priceCents: (b, a) => `price ${formatCents(b)} → ${formatCents(a)}`,
    stock: (b, a, { after }) => `${after.name} stock ${b} → ${a}`,
    discontinued: (_b, a) => (a ? 'discontinued' : 'back on sale'),
  },
};

export const customerWords: ChangeWords<Customer> = {
  heading: (c) => `Customer ${c.name}`,
  created: (c) => `New customer ${c.name}${c.email ? ` (${c.email})` : ''}`,
  removed: (c) => `Customer ${c.name} removed`,
  fields: {
    id: (b, a) => fieldChanged('id', b, a),
    name: (b, a) => `renamed ${b} → ${a}`,
    email: (b, a) => `email ${arrow('email', b, a)}`,
    deleted: (_b, a) => (a ? 'deleted' : 'no longer deleted'),
    registeredAt: (b, a) => `registered ${arrow('registeredAt', b, a)}`,
  },
};

const noLines: readonly CartLine[] = [];
export const cartWords: ChangeWords<Cart> = {
  heading: (_c, id, names) => `${names.customer(id)}'s cart`,
  created: (c, names) => {
    const lines = cartLineChanges(noLines, c.lines, names);
    return lines.length > 0 ? lines : 'New empty cart';
  },
  removed: (c) => `Cart removed (it held ${itemsIn(c.lines)})`,
  fields: {
    customerId: (b, a, { names }) => `customer ${names.customer(b)} → ${names.customer(a)}`,
    lines: (b, a, { names }) => cartLineChanges(b, a, names),
    pendingCheckout: (b, a) =>
      a ? `checkout started: ${itemsIn(a.lines)}, ${formatCents(a.totalCents)}` : b ? 'checkout no longer pending' : null,
    lastCheckoutError: (_b, a) => (a ? `checkout refused: ${a}` : 'checkout refusal cleared'),
    discountCode: (b, a) => (a ? `code ${a} applied` : `code ${b} removed`),
  },
};

export const orderWords: ChangeWords<Order> = {
  heading: (o) => `Order #${o.number}`,
  created: (o, names) =>
    `New order #${o.number} for ${names.customer(o.customerId)}, ${itemsIn(o.lines)}, ${formatCents(o.totalCents)}` +
    `${o.discount ? ` after ${discountWords(o.discount)}` : ''}${o.status === 'placed' ? '' : `, ${o.status}`}`,
  removed: (o) => `Order #${o.number} removed`,
  fields: {
    id: (b, a) => fieldChanged('id', b, a),
    number: (b, a) => `number #${b} → #${a}`,
    customerId: (b, a, { names }) => `customer ${names.customer(b)} → ${names.customer(a)}`,
    lines: (b, a) => `lines ${itemsIn(b)} → ${itemsIn(a)}`,
    totalCents: (b, a) => `total ${formatCents(b)} → ${formatCents(a)}`,
    discount: (b, a) => `${discountWords(b)} → ${discountWords(a)}`,
    status: (b, a) => statusWords(b, a),
    placedAt: dateOf('placedAt'),
    paidAt: dateOf('paidAt'),
    shippedAt: dateOf('shippedAt'),
    cancelledAt: dateOf('cancelledAt'),
    returns: (b, a, { names }) => returnsWords(b, a, names),
  },
};

export const returnWords: ChangeWords<Return> = {
  heading: (r) => `Return ${r.invoiceNo}`,
  created: (r, names) => `${names.customer(r.customerId)} returned ${goods(r.lines, names)}; ${formatCents(r.refundedCents)} refunded`,
  removed: (r) => `Return ${r.invoiceNo} removed`,
  fields: {
    id: (b, a) => fieldChanged('id', b, a),
    invoiceNo: (b, a) => `invoice ${b} → ${a}`,
    customerId: (b, a, { names }) => `customer ${names.customer(b)} → ${names.customer(a)}`,
    lines: (b, a) => `lines ${itemsIn(b)} → ${itemsIn(a)}`,
    refundedCents: (b, a) => `refund ${formatCents(b)} → ${formatCents(a)}`,
    recordedAt: (b, a) => `recorded ${formatWhen(b)} → ${formatWhen(a)}`,
  },
};

const validity = (d: DiscountCode) =>
  d.validFrom || d.validUntil
    ? `, valid ${d.validFrom ? `from ${d.validFrom}` : ''}${d.validFrom && d.validUntil ? ' ' : ''}${d.validUntil ? `until ${d.validUntil}` : ''}`
    : '';
export const discountCodeWords: ChangeWords<DiscountCode> = {
  heading: (d) => `Discount code ${d.code}`,
  created: (d) =>
    `New code ${d.code}: ${formatOff(d.off)}${d.minimumOrderCents === null ? '' : `, orders from ${formatCents(d.minimumOrderCents)}`}${validity(d)}${d.active ? '' : ', inactive'}`,
  removed: (d) => `Code ${d.code} removed`,
  fields: {
    code: (b, a) => `code ${b} → ${a}`,
    off: (b, a) => `${formatOff(b)} → ${formatOff(a)}`,
    minimumOrderCents: (b, a) => `minimum order ${arrow('minimumOrderCents', b, a)}`,
    validFrom: (b, a) => `valid from ${arrow('validFrom', b, a)}`,
    validUntil: (b, a) => `valid until ${arrow('validUntil', b, a)}`,
    active: (_b, a) => (a ? 'reactivated' : 'deactivated'),
  },
};

/**
 * How each collection's changes read in the history views: the part of the collections'
 * description (collections.ts) that only those views use, kept out of the registry so that it
 * loads with them and not at start. A collection without its words does not compile.
 */
export const changeWords: { readonly [K in CollectionKey]: ChangeWords<EntityOf<K>> } = {
  products: productWords,
  customers: customerWords,
  carts: cartWords,
  orders: orderWords,
  returns: returnWords,
  discountCodes: discountCodeWords,
};
