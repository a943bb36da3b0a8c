import { returnableBySku, subtotalOf, type Cart, type Command, type CommandOf, type Product, type ShopState } from '../domain';
import { dayOf } from './shopCalendar';

/** A source of numbers in [0, 1); seeded, so a demo history can be generated again identically. */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough to make shoppers look random. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DemoBatchOptions {
  /** Commands to plan. */
  size: number;
  /**
   * Only commands that write exactly one event (no checkout, no cancellation), so a caller can
   * stop on an exact event count.
   */
  singleEventOnly?: boolean;
  /**
   * When the commands happen: with it, the batch lives in a shop's time (discount codes created,
   * applied and switched off on their days, returns of shipped orders); without it, time plays no part.
   */
  time?: DemoTime;
}

/** A discount code the shop's staff create once its moment comes, and switch off at `until` (ms). */
export interface PlannedCode {
  from: number;
  until?: number;
  command: CommandOf<'CreateDiscountCode'>;
}

/** A run's simulated time, as the planner sees it. */
export interface DemoTime {
  /** The moment (ms) of the command planned after `eventsAhead` more events of this batch. */
  momentAt(eventsAhead: number): number;
  /** Codes to create (those the shop does not hold yet). */
  codes: readonly PlannedCode[];
  /** Codes a customer now and then applies when one can be used; the sale's is used a lot while it runs. */
  offers: readonly string[];
  saleCode: string | null;
}

/** A planned batch and the moment (ms) of each of its commands; moments are empty without `time`. */
export interface TimedBatch {
  commands: Command[];
  moments: number[];
}

/** Ids the generator gives the people and products it invents; numbered from the shop's size. */
export const demoCustomerId = (n: number) => `demo-c${n}`;
export const demoSku = (n: number) => `DEMO-${String(n).padStart(4, '0')}`;

const MIN_PRODUCTS = 12;
const MIN_CUSTOMERS = 30;
/** Recently arrived customers do most of the shopping; older ones come back now and then. */
const ACTIVE_CUSTOMERS = 300;
const RECENT_ORDERS = 400;
const LOW_STOCK = 60;
const ATTEMPTS = 5;
/** Of the shipped orders a customer looks at again, the share sent back in part. */
const RETURN_RATE = 0.12;
const SALE_USE = 0.45;
const OFFER_USE = 0.05;

/**
 * Plans the next `size` commands of a shop's life against one state, as if sent at once: each
 * customer, order and product admin action appears at most once, and a discontinuation goes
 * last, so that (decided in order, as the command bus does) nearly all of them are accepted.
 * Pure: the same state and the same random numbers give the same commands.
 */
export function planDemoBatch(state: ShopState, rng: Rng, options: DemoBatchOptions): Command[] {
  return planTimedBatch(state, rng, options).commands;
}

/** planDemoBatch, with the moment each command happens at (see DemoBatchOptions.time). */
export function planTimedBatch(state: ShopState, rng: Rng, options: DemoBatchOptions): TimedBatch {
  const batch = new BatchPlan(state, rng, options.singleEventOnly ?? false, options.time);
  const commands: Command[] = [];
  for (let i = 0; i < options.size; i += 1) commands.push(batch.next());
  for (const command of batch.late) {
    batch.timeOf(command);
    commands.push(command);
  }
  return { commands, moments: batch.moments };
}

/** The next single command a shop's customers and staff would send in `state`. */
export function nextDemoCommand(state: ShopState, rng: Rng): Command {
  return planDemoBatch(state, rng, { size: 1 })[0]!;
}

/**
 * The most events `command` can write in `state`, counting what the checkout process manager
 * adds: lets a caller stop a generated history on an exact event count.
 */
export function mostEventsOf(state: ShopState, command: Command): number {
  switch (command.type) {
    case 'CheckoutCart':
      // CheckoutRequested, then OrderPlaced, one StockReserved per line at most, CartCheckedOut.
      return 3 + (state.carts.get(command.customerId)?.lines.length ?? 0);
    case 'CancelOrder':
      return 1 + (state.orders.get(command.orderId)?.lines.length ?? 0);
    case 'ReturnItems':
      return 1 + new Set(command.lines.map((l) => l.sku)).size;
    default:
      return 1;
  }
}

class BatchPlan {
  readonly late: Command[] = [];
  readonly moments: number[] = [];
  private eventsAhead = 0;
  /** The moment of the command being planned, and its day (YYYY-MM-DD, worked out when asked). */
  private now = 0;
  private today: string | null = null;
  private readonly claimed = new Set<string>();
  private readonly checkedOut = new Map<string, number>();
  private readonly onSale: Product[];
  private readonly lowStock: Product[];
  private newCustomers = 0;
  private newProducts = 0;

  constructor(
    private readonly state: ShopState,
    private readonly rng: Rng,
    private readonly singleEventOnly: boolean,
    private readonly time: DemoTime | undefined,
  ) {
    this.onSale = [...state.products.values()].filter((p) => !p.discontinued);
    this.lowStock = this.onSale.filter((p) => p.stock < LOW_STOCK);
  }

  next(): Command {
    if (this.time) {
      this.now = this.time.momentAt(this.eventsAhead);
      this.today = null;
    }
    const command = this.choose();
    this.timeOf(command);
    return command;
  }

  /** Records the moment of `command`, planned next, and counts the events it may write before the next one. */
  timeOf(command: Command): void {
    if (!this.time) return;
    this.moments.push(this.time.momentAt(this.eventsAhead));
    this.eventsAhead += mostEventsOf(this.state, command);
  }

  private choose(): Command {
    if (this.onSale.length + this.newProducts < MIN_PRODUCTS) return this.registerProduct();
    if (this.state.customers.size + this.newCustomers < MIN_CUSTOMERS) return this.registerCustomer();
    const staff = this.time && this.codeDue();
    if (staff) return staff;
    const r = this.rng();
    const planned =
      r < 0.035
        ? this.restock()
        : r < 0.05
          ? this.changePrice()
          : r < 0.053
            ? this.registerProduct()
            : r < 0.0545
              ? this.discontinue()
              : r < 0.085
                ? this.registerCustomer()
                : r < 0.089
                  ? this.renameCustomer()
                  : r < 0.0895
                    ? this.deleteCustomer()
                    : r < 0.33
                      ? this.orderAction()
                      : this.cartAction();
    return planned ?? this.cartAction() ?? this.orderAction() ?? this.registerCustomer();
  }

  // ── People shopping ──────────────────────────────────────────────────────────────────────

  private cartAction(): Command | null {
    const customerId = this.pickCustomer((cart) => !cart?.pendingCheckout);
    if (customerId === null) return null;
    const lines = this.state.carts.get(customerId)?.lines ?? [];
    const gone = lines.find((l) => !this.saleable(l.sku));
    if (gone) return { type: 'RemoveItemFromCart', customerId, sku: gone.sku };
    if (lines.length === 0) return this.addItem(customerId, lines);
    if (this.time) {
      const cart = this.state.carts.get(customerId)!;
      const subtotal = subtotalOf(this.state, cart);
      // A code that cannot be used any more (the sale ended, the cart shrank) comes off before checkout.
      if (cart.discountCode && !this.usable(cart.discountCode, subtotal)) return { type: 'RemoveDiscountCode', customerId };
      const offer = cart.discountCode ? null : this.offerFor(subtotal);
      if (offer) return { type: 'ApplyDiscountCode', customerId, code: offer };
    }
    const r = this.rng();
    if (r < 0.32) return this.addItem(customerId, lines);
    const line = lines[Math.floor(this.rng() * lines.length)]!;
    if (r < 0.44) {
      const stock = this.state.products.get(line.sku)!.stock;
      const quantity = 1 + Math.floor(this.rng() * 5);
      if (quantity !== line.quantity && quantity <= stock) return { type: 'ChangeCartItemQuantity', customerId, sku: line.sku, quantity };
      return { type: 'RemoveItemFromCart', customerId, sku: line.sku };
    }
    if (r < 0.54) return { type: 'RemoveItemFromCart', customerId, sku: line.sku };
    if (r < 0.57) return { type: 'ClearCart', customerId };
    if (this.singleEventOnly || !this.reserve(lines)) return this.addItem(customerId, lines);
    return { type: 'CheckoutCart', customerId };
  }

  private addItem(customerId: string, lines: Cart['lines']): Command | null {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const product = this.onSale[Math.floor(this.rng() * this.onSale.length)];
      if (!product || this.claimed.has(`p:${product.sku}`)) continue;
      const inCart = lines.find((l) => l.sku === product.sku)?.quantity ?? 0;
      const quantity = 1 + Math.floor(this.rng() * 3);
      if (inCart + quantity <= product.stock) return { type: 'AddItemToCart', customerId, sku: product.sku, quantity };
    }
    return null;
  }

  /** Counts a checkout's quantities against stock other checkouts in this batch already claim. */
  private reserve(lines: Cart['lines']): boolean {
    const fits = lines.every((l) => l.quantity + (this.checkedOut.get(l.sku) ?? 0) <= this.state.products.get(l.sku)!.stock);
    if (fits) for (const l of lines) this.checkedOut.set(l.sku, l.quantity + (this.checkedOut.get(l.sku) ?? 0));
    return fits;
  }

  private orderAction(): Command | null {
    const { orderIds, orders } = this.state;
    const count = Math.min(RECENT_ORDERS, orderIds.size);
    for (let attempt = 0; attempt < ATTEMPTS && count > 0; attempt += 1) {
      const orderId = orderIds.get(orderIds.size - 1 - Math.floor(this.rng() * count))!;
      const order = orders.get(orderId);
      if (!order || this.claimed.has(`o:${orderId}`) || this.claimed.has(`c:${order.customerId}`)) continue;
      const cancel = !this.singleEventOnly && this.rng() < (order.status === 'placed' ? 0.07 : 0.04);
      if (order.status === 'placed' || order.status === 'paid') {
        this.claimed.add(`o:${orderId}`);
        if (cancel) return { type: 'CancelOrder', orderId };
        return { type: order.status === 'placed' ? 'PayOrder' : 'ShipOrder', orderId };
      }
      if (order.status === 'shipped' && this.time && !this.singleEventOnly && !order.returns?.length && this.rng() < RETURN_RATE) {
        const line = order.lines[Math.floor(this.rng() * order.lines.length)]!;
        const left = returnableBySku(order).get(line.sku) ?? 0;
        if (left <= 0) continue;
        this.claimed.add(`o:${orderId}`);
        return { type: 'ReturnItems', orderId, lines: [{ sku: line.sku, quantity: 1 + Math.floor(this.rng() * left) }] };
      }
    }
    return null;
  }

  // ── Staff running the shop ──────────────────────────────────────────────────────────────

  private restock(): Command | null {
    const low = this.lowStock.find((p) => !this.claimed.has(`p:${p.sku}`));
    // Shelves are mostly refilled when they run low; a few top-ups happen anyway.
    if (!low && this.rng() < 0.85) return null;
    const product = low ?? this.pickProduct();
    if (!product) return null;
    this.claimed.add(`p:${product.sku}`);
    return { type: 'Restock', sku: product.sku, quantity: 50 + Math.floor(this.rng() * 250) };
  }

  private changePrice(): Command | null {
    const product = this.pickProduct();
    if (!product) return null;
    this.claimed.add(`p:${product.sku}`);
    const factor = 0.85 + this.rng() * 0.35;
    const priceCents = Math.max(99, Math.round((product.priceCents * factor) / 10) * 10 - 1);
    return { type: 'ChangePrice', sku: product.sku, priceCents: priceCents === product.priceCents ? priceCents + 100 : priceCents };
  }

  private registerProduct(): Command {
    this.newProducts += 1;
    const n = this.state.products.size + this.newProducts;
    this.claimed.add(`p:${demoSku(n)}`);
    return {
      type: 'RegisterProduct',
      sku: demoSku(n),
      name: productName(n),
      priceCents: 199 + Math.floor(this.rng() * 98) * 100,
      stock: 100 + Math.floor(this.rng() * 500),
    };
  }

  /** Goes last in the batch, so carts filled earlier in it can still take the product. */
  private discontinue(): Command | null {
    if (this.onSale.length < 30) return null;
    const product = this.pickProduct();
    if (!product) return null;
    this.claimed.add(`p:${product.sku}`);
    this.late.push({ type: 'DiscontinueProduct', sku: product.sku });
    return this.cartAction();
  }

  private registerCustomer(): Command {
    this.newCustomers += 1;
    const n = this.state.customers.size + this.newCustomers;
    this.claimed.add(`c:${demoCustomerId(n)}`);
    return { type: 'RegisterCustomer', customerId: demoCustomerId(n), name: personName(n, 0) };
  }

  private renameCustomer(): Command | null {
    const customerId = this.pickCustomer(() => true);
    if (customerId === null) return null;
    const current = this.state.customers.get(customerId)!.name;
    const n = Number(customerId.slice('demo-c'.length));
    const name = personName(n, 1 + Math.floor(this.rng() * 7));
    return name === current ? null : { type: 'RenameCustomer', customerId, name };
  }

  private deleteCustomer(): Command | null {
    const customerId = this.pickCustomer((cart) => !cart?.pendingCheckout);
    return customerId === null ? null : { type: 'DeleteCustomer', customerId };
  }

  /** A planned code whose day has come: created when the shop lacks it, switched off once its time is over. */
  private codeDue(): Command | null {
    for (const planned of this.time!.codes) {
      const { code } = planned.command;
      if (this.now < planned.from || this.claimed.has(`d:${code}`)) continue;
      const found = this.state.discountCodes.get(code);
      if (!found) {
        this.claimed.add(`d:${code}`);
        return planned.command;
      }
      if (planned.until !== undefined && this.now >= planned.until && found.active) {
        this.claimed.add(`d:${code}`);
        return { type: 'DeactivateDiscountCode', code };
      }
    }
    return null;
  }

  /** A code this customer applies now, if any: the sale's often while it runs, the others now and then. */
  private offerFor(subtotal: number): string | null {
    const { saleCode, offers } = this.time!;
    if (saleCode !== null && this.usable(saleCode, subtotal) && this.rng() < SALE_USE) return saleCode;
    if (offers.length === 0 || this.rng() >= OFFER_USE) return null;
    const code = offers[Math.floor(this.rng() * offers.length)]!;
    return this.usable(code, subtotal) ? code : null;
  }

  /** Whether `code` can be used today on a cart worth `subtotal` (the rules ApplyDiscountCode and checkout check). */
  private usable(code: string, subtotal: number): boolean {
    const found = this.state.discountCodes.get(code);
    if (!found?.active || this.claimed.has(`d:${code}`)) return false;
    const today = (this.today ??= dayOf(this.now));
    if ((found.validFrom && today < found.validFrom) || (found.validUntil && today > found.validUntil)) return false;
    return found.minimumOrderCents === null || subtotal >= found.minimumOrderCents;
  }

  // ── Picking who and what ────────────────────────────────────────────────────────────────

  /** A demo customer still shopping, not yet used in this batch, whose cart passes `ok`. */
  private pickCustomer(ok: (cart: Cart | undefined) => boolean): string | null {
    const total = this.state.customers.size;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const span = this.rng() < 0.9 ? Math.min(ACTIVE_CUSTOMERS, total) : total;
      const customerId = demoCustomerId(total - Math.floor(this.rng() * span));
      const customer = this.state.customers.get(customerId);
      if (!customer || customer.deleted || this.claimed.has(`c:${customerId}`)) continue;
      if (!ok(this.state.carts.get(customerId))) continue;
      this.claimed.add(`c:${customerId}`);
      return customerId;
    }
    return null;
  }

  private pickProduct(): Product | null {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const product = this.onSale[Math.floor(this.rng() * this.onSale.length)];
      if (product && !this.claimed.has(`p:${product.sku}`)) return product;
    }
    return null;
  }

  private saleable(sku: string): boolean {
    const product = this.state.products.get(sku);
    return product !== undefined && !product.discontinued;
  }
}

const colours = ['Blue', 'White', 'Green', 'Amber', 'Grey', 'Rose', 'Black', 'Ochre', 'Teal', 'Ivory', 'Plum', 'Sage'];
const things = [
  'mug',
  'teapot',
  'tea cosy',
  'milk jug',
  'sugar bowl',
  'saucer',
  'tea caddy',
  'strainer',
  'tray',
  'napkin set',
  'coaster set',
  'cake stand',
  'candle',
  'apron',
  'tea towel',
  'biscuit tin',
];
const firstNames = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Tim',
  'Radia',
  'Ken',
  'Margaret',
  'Niklaus',
  'Sophie',
  'John',
];
const lastNames = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Berners-Lee',
  'Perlman',
  'Thompson',
  'Hamilton',
  'Wirth',
];

function productName(n: number): string {
  const base = `${colours[n % colours.length]} ${things[Math.floor(n / colours.length) % things.length]}`;
  const series = Math.floor(n / (colours.length * things.length));
  return series === 0 ? base : `${base}, series ${series + 1}`;
}

/** Names repeat, as real ones do; `variant` > 0 gives the same person another surname (a rename). */
function personName(n: number, variant: number): string {
  const first = firstNames[n % firstNames.length];
  const last = lastNames[(Math.floor(n / firstNames.length) + variant) % lastNames.length];
  return `${first} ${last}`;
}
