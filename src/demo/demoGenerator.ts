import type { CommandClock, EventLog } from '../es';
import type { Command, CommandOf, ShopState } from '../domain';
import { mostEventsOf, mulberry32, planTimedBatch, type DemoTime, type PlannedCode, type Rng, type TimedBatch } from './demoHistory';
import { CLOSES_AT_HOUR, DAY_MS, OPENS_AT_HOUR, shopCalendar, tradingWindow, type ShopCalendar } from './shopCalendar';

/** What a demo run drives: the runtime's engine (to wait on and read), its log and its command door. */
export interface DemoTarget {
  engine: { commands: { idle(): Promise<unknown> }; projection: { readonly position: number; readonly state: ShopState } };
  log: Pick<EventLog, 'readRange'>;
  /** `clock` stamps the command, and the commands it causes, with the run's simulated time. */
  dispatch(command: Command, clock?: CommandClock): Promise<readonly unknown[]>;
}

export interface DemoProgress {
  /** Events written so far by this run (including those its checkouts caused). */
  events: number;
  target: number;
  commands: number;
  rejected: number;
}

export interface DemoHistoryOptions {
  /** How many events to add to the log. */
  events: number;
  seed?: number;
  /** The present (ISO): the run's months end here. The computer's clock when not given. */
  now?: string;
  /** Days of trading to make; fewer when the log's last event is more recent than that. */
  days?: number;
  /** Commands sent at once; the command bus writes them in one transaction (group commit). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DemoProgress) => void;
}

/** What the run made, in shop words: each counts accepted commands (orders: orders placed). */
export interface DemoMade {
  customers: number;
  orders: number;
  cancelled: number;
  /** Orders some of which came back. */
  returned: number;
  discountCodes: number;
  restocks: number;
}

export interface DemoResult extends DemoProgress {
  ms: number;
  /** The moments of the run's first and last events (ISO); null when it wrote none. */
  from: string | null;
  until: string | null;
  made: DemoMade;
}

export const DEFAULT_DEMO_SEED = 20_261_122;
/** About six months of trading. */
export const DEFAULT_DEMO_DAYS = 182;
const DEFAULT_BATCH = 200;

/**
 * Fills the log with months of a shop's life through the real command path (validation, decide,
 * group commit, the checkout process manager), until it holds exactly `events` more events. Each
 * command carries its moment in the run's simulated time (opening hours, busy weekends, a sale
 * week), which the bus stamps on it and on what it causes; commands from anyone else keep real
 * time. Each batch is planned against the present state and sent at once; the run waits for the
 * process managers between batches, so the same seed and the same starting log give the same events.
 */
export async function generateDemoHistory(runtime: DemoTarget, options: DemoHistoryOptions): Promise<DemoResult> {
  const { engine } = runtime;
  const { signal, onProgress } = options;
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const now = options.now === undefined ? Date.now() : Date.parse(options.now);
  if (!Number.isSafeInteger(options.events) || options.events < 0)
    throw new Error(`The number of events must be a whole number of at least 0, not ${options.events}.`);
  if (!(days > 0)) throw new Error(`A demo history spans more than 0 days, not ${days}.`);
  if (Number.isNaN(now)) throw new Error(`"${options.now}" is not a moment (an ISO date and time such as 2026-12-01T12:00:00Z).`);
  if (options.batchSize !== undefined && !(options.batchSize >= 1))
    throw new Error(`A batch holds at least one command, not ${options.batchSize}.`);
  const startedAt = performance.now();
  await engine.commands.idle();
  const start = engine.projection.position;
  const target = start + options.events;
  // Continuing an existing log gives different (but still reproducible) shoppers.
  const rng = mulberry32((options.seed ?? DEFAULT_DEMO_SEED) ^ start);
  const window = tradingWindow(await lastEventAt(runtime, start), now, days);
  const batchSize = options.batchSize ?? batchSpanningAnHour(options.events, window);
  const calendar = shopCalendar(window.start, window.end, rng);
  const time = shopTime(calendar, engine.projection.state);
  const clock = simulatedClock();
  const progress: DemoProgress = { events: 0, target: options.events, commands: 0, rejected: 0 };
  const made: DemoMade = { customers: 0, orders: 0, cancelled: 0, returned: 0, discountCodes: 0, restocks: 0 };
  const ordersBefore = engine.projection.state.orderIds.size;

  for (;;) {
    signal?.throwIfAborted();
    const remaining = target - engine.projection.position;
    if (remaining <= 0) break;
    const written = engine.projection.position - start;
    // A command's moment is where its events fall in the run's trade: the share of the events written before it.
    const batchTime: DemoTime = { ...time, momentAt: (ahead) => calendar.momentAt((written + ahead) / options.events) };
    const { commands, moments } = planWithin(engine.projection.state, rng, Math.min(batchSize, remaining), remaining, batchTime);
    const outcomes = await Promise.allSettled(commands.map((command, i) => runtime.dispatch(command, clock(moments[i]!))));
    // Checkouts become orders in follow-up commands; let them land before planning on the state.
    await engine.commands.idle();
    progress.commands += commands.length;
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected') progress.rejected += 1;
      else if (outcome.value.length > 0) count(made, commands[i]!);
    });
    progress.events = engine.projection.position - start;
    onProgress?.({ ...progress });
  }
  made.orders = engine.projection.state.orderIds.size - ordersBefore;
  const [first] = progress.events > 0 ? await runtime.log.readRange(start + 1, start + 1) : [];
  const [last] = progress.events > 0 ? await runtime.log.readRange(target, target) : [];
  return { ...progress, ms: performance.now() - startedAt, from: first?.at ?? null, until: last?.at ?? null, made };
}

/** Fewer commands than this per batch cost more in transactions than the hour they save. */
const MIN_BATCH = 10;

/**
 * Commands in a batch spanning about one trading hour of the run: a checkout's order is placed
 * after its batch is written, so a batch of a few days (200 commands of a 10k run) left carts
 * checking out for days.
 */
function batchSpanningAnHour(events: number, window: { start: number; end: number }): number {
  const hours = ((window.end - window.start) / DAY_MS) * (CLOSES_AT_HOUR - OPENS_AT_HOUR);
  if (!(hours >= 1)) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Math.round(events / hours)));
}

/** The moment of the log's last event before the run, or null for an empty log (or one archived to its end). */
async function lastEventAt(runtime: DemoTarget, position: number): Promise<number | null> {
  if (position === 0) return null;
  const [last] = await runtime.log.readRange(position, position);
  return last ? Date.parse(last.at) : null;
}

/**
 * The run's simulated clock: a command is stamped with its own moment, or with the latest moment
 * stamped so far if that is later, so that time never goes back along the log. A follow-up command
 * (an order placed for a checkout) inherits its cause's clock and so gets the latest moment.
 */
function simulatedClock(): (moment: number) => CommandClock {
  let latest = -Infinity;
  return (moment) => () => {
    if (moment > latest) latest = moment;
    return new Date(latest).toISOString();
  };
}

/** The discount codes of the run: a welcome code from the start, the sale week's code, a thank-you code later on. */
function shopTime(calendar: ShopCalendar, state: ShopState): Omit<DemoTime, 'momentAt'> {
  const { start, end, sale } = calendar;
  const create = (code: string, off: CommandOf<'CreateDiscountCode'>['off'], minimumOrderCents: number | null) =>
    ({ type: 'CreateDiscountCode', code, off, minimumOrderCents, active: true }) as const;
  const codes: PlannedCode[] = [];
  const welcome = 'WELCOME10';
  const thanks = 'THANKYOU5';
  codes.push({ from: start, command: create(welcome, { kind: 'percent', percent: 10 }, 3_000) });
  codes.push({ from: start + 0.6 * (end - start), command: create(thanks, { kind: 'amount', amountCents: 500 }, 4_000) });
  let saleCode: string | null = null;
  if (sale) {
    saleCode = freeName(state, `SALE-${sale.from.slice(0, 7)}`);
    codes.push({
      from: sale.startMs - 3 * DAY_MS,
      until: sale.endMs,
      command: { ...create(saleCode, { kind: 'percent', percent: 25 }, null), validFrom: sale.from, validUntil: sale.until },
    });
  }
  return { codes, offers: [welcome, thanks], saleCode };
}

/** `name`, or with a number after it when the shop already has a code of that name (an earlier run's). */
function freeName(state: ShopState, name: string): string {
  let n = 1;
  while (state.discountCodes.has(n === 1 ? name : `${name}-${n}`)) n += 1;
  return n === 1 ? name : `${name}-${n}`;
}

function count(made: DemoMade, command: Command): void {
  switch (command.type) {
    case 'RegisterCustomer':
      made.customers += 1;
      break;
    case 'CancelOrder':
      made.cancelled += 1;
      break;
    case 'ReturnItems':
      made.returned += 1;
      break;
    case 'CreateDiscountCode':
      made.discountCodes += 1;
      break;
    case 'Restock':
      made.restocks += 1;
      break;
    default:
      break;
  }
}

/**
 * A batch whose events cannot overshoot `room`: the planned commands up to that bound, or, when
 * not even the first fits, commands that write one event each.
 */
function planWithin(state: ShopState, rng: Rng, size: number, room: number, time: DemoTime): TimedBatch {
  const planned = planTimedBatch(state, rng, { size, time });
  let bound = 0;
  let fitting = 0;
  while (fitting < planned.commands.length && bound + mostEventsOf(state, planned.commands[fitting]!) <= room) {
    bound += mostEventsOf(state, planned.commands[fitting]!);
    fitting += 1;
  }
  if (fitting > 0) return { commands: planned.commands.slice(0, fitting), moments: planned.moments.slice(0, fitting) };
  const single = planTimedBatch(state, rng, { size, time, singleEventOnly: true });
  return { commands: single.commands.slice(0, room), moments: single.moments.slice(0, room) };
}
