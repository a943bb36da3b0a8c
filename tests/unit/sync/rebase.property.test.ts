import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  canonicalJson,
  rebasePending,
  verifyRows,
  type ChainLink,
  type PendingCommand,
  type RebaseRefusal,
  type StoredEvent,
} from '../../../src/es';
import {
  evolve,
  initialShopState,
  onCheckoutEvent,
  onPlaceOrderRejected,
  sampleShopCommands,
  shopDecider,
  type Command,
  type ShopState,
} from '../../../src/domain';
import { canonicalShop } from '../../support/canonical';

/**
 * Devices that decide offline and sync through one upstream (in memory here, PostgreSQL in the
 * server tests): random interleavings of commands, pulls (rebase by re-deciding) and pushes on 2–4
 * devices, with little stock and shared customers so they collide. Afterwards the upstream is one
 * chained total order, every command in it decides the same events again on the state before it,
 * every command accepted on a device is either upstream or reported as a conflict, and every
 * device holds the upstream's state.
 */
const customers = ['ada', 'grace', 'alan'];
const skus = ['MUG-BLUE', 'POT-WHITE', 'COSY-KNIT'];

type Step =
  | { device: number; kind: 'command'; command: Command }
  | { device: number; kind: 'order'; pick: number; action: 'PayOrder' | 'ShipOrder' | 'CancelOrder' }
  | { device: number; kind: 'pull' | 'push' };

const device = fc.nat({ max: 3 });
const customer = fc.constantFrom(...customers);
const sku = fc.constantFrom(...skus);
const cmd = (arb: fc.Arbitrary<Command>) => fc.record({ device, kind: fc.constant('command' as const), command: arb });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: cmd(
      fc.record({ type: fc.constant('AddItemToCart' as const), customerId: customer, sku, quantity: fc.integer({ min: 1, max: 3 }) }),
    ),
  },
  { weight: 5, arbitrary: cmd(fc.record({ type: fc.constant('CheckoutCart' as const), customerId: customer })) },
  { weight: 1, arbitrary: cmd(fc.record({ type: fc.constant('ClearCart' as const), customerId: customer })) },
  { weight: 1, arbitrary: cmd(fc.record({ type: fc.constant('Restock' as const), sku, quantity: fc.integer({ min: 1, max: 2 }) })) },
  { weight: 1, arbitrary: cmd(fc.record({ type: fc.constant('DiscontinueProduct' as const), sku })) },
  {
    weight: 4,
    arbitrary: fc.record({
      device,
      kind: fc.constant('order' as const),
      pick: fc.nat(),
      action: fc.constantFrom('PayOrder' as const, 'ShipOrder' as const, 'CancelOrder' as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ device, kind: fc.constantFrom('pull' as const, 'push' as const) }) },
);

const isPlaceOrder = (input: unknown): input is Extract<Command, { type: 'PlaceOrder' }> =>
  typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'PlaceOrder';

/** The upstream's order, as the server keeps it: a push lands only on the head it was built on. */
class Upstream {
  readonly events: StoredEvent[] = [];
  /** Every pushed command with the position of its first event, to decide them again afterwards. */
  readonly commands: Array<{ command: PendingCommand; at: number }> = [];

  get head(): ChainLink {
    const last = this.events.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  stateAt(n: number): ShopState {
    return this.events.slice(0, n).reduce(evolve, initialShopState());
  }

  versionsAt(n: number): Map<string, number> {
    const versions = new Map<string, number>();
    for (const e of this.events.slice(0, n)) versions.set(e.streamId, e.version);
    return versions;
  }

  push(base: number, commands: PendingCommand[]): boolean {
    if (base !== this.events.length) return false;
    for (const command of commands) {
      if (command.events.length > 0) this.commands.push({ command, at: this.events.length });
      this.events.push(...command.events);
    }
    return true;
  }
}

class Device {
  confirmed = 0;
  pending: PendingCommand[] = [];
  state: ShopState;
  head: ChainLink;
  versions: Map<string, number>;
  readonly conflicts: RebaseRefusal[] = [];
  /** Commands this device accepted when they were sent (each must end upstream or in conflicts). */
  readonly accepted: string[] = [];

  constructor(
    readonly name: string,
    private readonly upstream: Upstream,
    private readonly newId: () => string,
    private readonly clock: () => string,
  ) {
    this.state = upstream.stateAt(0);
    this.head = upstream.head;
    this.versions = new Map();
  }

  private rebase(
    base: { head: ChainLink; state: ShopState; versions: Map<string, number> },
    pending: PendingCommand[],
    pulled: StoredEvent[],
  ) {
    return rebasePending({ head: base.head, state: base.state, versionOf: (s) => base.versions.get(s) ?? 0 }, pending, {
      decider: shopDecider,
      evolve,
      pulled,
      newId: this.newId,
      followUp: (event) => onCheckoutEvent(event),
      onFollowUpRejected: (input, error) => (isPlaceOrder(input) ? onPlaceOrderRejected(input, error) : null),
    });
  }

  private take(outcome: ReturnType<Device['rebase']>, versions: Map<string, number>): void {
    this.state = outcome.state;
    const last = outcome.events.at(-1);
    if (last) this.head = { seq: last.seq, hash: last.hash };
    for (const e of outcome.events) versions.set(e.streamId, e.version);
    this.versions = versions;
  }

  send(input: Command): void {
    const fresh: PendingCommand = {
      commandId: this.newId(),
      input,
      cause: null,
      at: this.clock(),
      senderTag: `device:${this.name}`,
      drawnIds: [],
      events: [],
    };
    const outcome = this.rebase({ head: this.head, state: this.state, versions: this.versions }, [fresh], []);
    if (outcome.refused.length > 0) return; // refused when sent: the user saw it at once, nothing pending
    this.accepted.push(fresh.commandId);
    this.pending.push(...outcome.kept);
    this.take(outcome, new Map(this.versions));
  }

  pull(): void {
    const upstream = this.upstream;
    const pulled = upstream.events.slice(this.confirmed);
    const versions = upstream.versionsAt(upstream.events.length);
    const outcome = this.rebase({ head: upstream.head, state: upstream.stateAt(upstream.events.length), versions }, this.pending, pulled);
    this.conflicts.push(...outcome.refused);
    this.confirmed = upstream.events.length;
    this.pending = outcome.kept;
    this.head = upstream.head;
    this.take(outcome, new Map(versions));
  }

  push(): void {
    if (this.pending.length === 0) return;
    if (this.upstream.push(this.confirmed, this.pending)) {
      this.confirmed = this.upstream.events.length;
      this.pending = [];
    }
  }
}

function run(deviceCount: number, steps: readonly Step[]) {
  let ids = 0;
  let clock = Date.UTC(2026, 5, 1);
  const newId = () => `id-${(ids += 1)}`;
  const now = () => new Date((clock += 60_000)).toISOString();
  const upstream = new Upstream();
  const devices = Array.from({ length: deviceCount }, (_, i) => new Device(`till-${i + 1}`, upstream, newId, now));
  // The shop is set up on the first device and every device starts from it.
  for (const c of sampleShopCommands()) devices[0]!.send(c);
  devices[0]!.send({ type: 'RegisterProduct', sku: 'COSY-KNIT', name: 'Knitted cosy', priceCents: 1500, stock: 2 } as Command);
  devices[0]!.push();
  for (const d of devices) d.pull();

  for (const s of steps) {
    const d = devices[s.device % deviceCount]!;
    if (s.kind === 'command') d.send(s.command);
    else if (s.kind === 'order') {
      const orders = [...d.state.orders.values()];
      if (orders.length > 0) d.send({ type: s.action, orderId: orders[s.pick % orders.length]!.id });
    } else if (s.kind === 'pull') d.pull();
    else d.push();
  }
  // Everyone comes back online and syncs until nothing is pending.
  for (let round = 0; round < deviceCount + 2 && devices.some((d) => d.pending.length > 0); round += 1) {
    for (const d of devices) {
      d.pull();
      d.push();
    }
  }
  for (const d of devices) d.pull();
  return { upstream, devices };
}

describe('rebase by re-deciding, across devices', () => {
  it('converges on one total order in which every command was valid when decided, and reports every refusal', () => {
    let conflictsSeen = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(step, { minLength: 20, maxLength: 120 }), (deviceCount, steps) => {
        const { upstream, devices } = run(deviceCount, steps);

        expect(devices.every((d) => d.pending.length === 0)).toBe(true);
        expect(verifyRows(upstream.events, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ intact: true });

        // Decided again on the state before it, each upstream command writes exactly what it wrote.
        for (const { command, at } of upstream.commands) {
          const before = upstream.stateAt(at);
          const ids = [...command.drawnIds];
          const again = shopDecider.decide(before, shopDecider.parse(command.input), {
            now: command.at,
            newId: () => ids.shift() ?? 'exhausted',
            versionOf: (s) => upstream.versionsAt(at).get(s) ?? 0,
          });
          expect(again.map((e) => canonicalJson([e.type, e.streamId, e.payload]))).toEqual(
            command.events.map((e) => canonicalJson([e.type, e.streamId, e.payload])),
          );
        }

        // Every command a device accepted is upstream or reported, never both, never lost.
        const upstreamCommands = new Set(upstream.events.map((e) => e.meta.commandId));
        for (const d of devices) {
          const reported = new Set(d.conflicts.map((c) => c.command.commandId));
          for (const id of d.accepted) expect(upstreamCommands.has(id) !== reported.has(id), `${d.name} ${id}`).toBe(true);
          for (const c of d.conflicts) expect(c.reason.length).toBeGreaterThan(0);
          conflictsSeen += d.conflicts.length;
        }

        // Every device holds the upstream's state.
        const expected = canonicalShop(upstream.stateAt(upstream.events.length));
        for (const d of devices) expect(canonicalShop(d.state)).toBe(expected);
        for (const product of upstream.stateAt(upstream.events.length).products.values()) expect(product.stock).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
    // The generated interleavings do collide: otherwise the property above would prove little.
    expect(conflictsSeen).toBeGreaterThan(0);
  });

  it('names the upstream event that broke a refused command', () => {
    let ids = 0;
    let clock = Date.UTC(2026, 5, 1);
    const upstream = new Upstream();
    const [a, b] = ['till-1', 'till-2'].map(
      (n) =>
        new Device(
          n,
          upstream,
          () => `id-${(ids += 1)}`,
          () => new Date((clock += 1000)).toISOString(),
        ),
    );
    a!.send({ type: 'RegisterProduct', sku: 'POT-WHITE', name: 'White teapot', priceCents: 3400, stock: 1 } as Command);
    a!.send({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' } as Command);
    a!.push();
    b!.pull();
    // Offline, both add the last teapot to Ada's cart and check out; Till 2 syncs first.
    for (const d of [a!, b!]) {
      d.send({ type: 'AddItemToCart', customerId: 'ada', sku: 'POT-WHITE', quantity: 1 });
      d.send({ type: 'CheckoutCart', customerId: 'ada' });
    }
    const tillTwo = new Set(b!.pending.map((c) => c.commandId));
    b!.push();
    a!.pull();
    // The teapot is gone, so Ada's add is refused, and with it her checkout of what would be an empty cart.
    expect(a!.conflicts.map((c) => (c.command.input as Command).type)).toEqual(['AddItemToCart', 'CheckoutCart']);
    const conflict = a!.conflicts[0]!;
    expect(conflict.reason).toMatch(/White teapot|POT-WHITE/);
    // The refusal points at the newest upstream event on what the add read (Ada's cart, the teapot):
    // one of Till 2's checkout, or of the order its checkout called for (same correlation).
    const cause = conflict.causedBy!;
    expect(['cart-ada', 'product-POT-WHITE']).toContain(cause.streamId);
    expect(tillTwo.has(cause.meta.correlationId)).toBe(true);
    expect(upstream.events.find((e) => e.meta.commandId === cause.meta.correlationId)?.tags).toContain('device:till-2');
  });
});
