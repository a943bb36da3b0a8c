import Dexie from 'dexie';
import { legacy_createStore, type Action } from 'redux';
import { ActionCreators, instrument } from '@redux-devtools/instrument';
import type { StoredEvent } from '../../../src/es';
import { EventLogDb } from '../../../src/es/eventLogDb';
import { evolve, initialShopState, type Command, type ShopState } from '../../../src/domain';
import { createShopRuntime, type ShopRuntime } from '../../../src/state';
import { generateDemoHistory, mulberry32, type DemoResult } from '../../../src/demo';
import { dropDatabase, importBaseline, importThroughApp, type ImportFigures } from './importLab';
import * as history from './historyLab';
import './globals';

/**
 * The bench's lab page: drives the real runtime (the same modules the app bundles) in fresh
 * databases, and runs the baselines — raw Dexie and @redux-devtools/instrument — in the same
 * browser, so that both sides of each comparison share the machine's noise.
 */

const CHUNK = 10_000;
const APP_DB = 'rewind';

async function freshRuntime(): Promise<{ runtime: ShopRuntime; dispose: () => Promise<void> }> {
  const dbName = `bench-${crypto.randomUUID()}`;
  const runtime = createShopRuntime({ dbName });
  await runtime.start();
  return {
    runtime,
    dispose: async () => {
      await runtime.stop();
      await Dexie.delete(dbName);
    },
  };
}

async function scratchDb(): Promise<{ db: EventLogDb; dispose: () => Promise<void> }> {
  const name = `bench-raw-${crypto.randomUUID()}`;
  const db = new EventLogDb(name);
  await db.open();
  return {
    db,
    dispose: async () => {
      db.close();
      await Dexie.delete(name);
    },
  };
}

const products = Array.from({ length: 20 }, (_, i) => `BURST-${i}`);
const setupCommands = (): Command[] =>
  products.map((sku, i) => ({ type: 'RegisterProduct', sku, name: `Burst product ${i}`, priceCents: 100 + i, stock: 1_000_000 }));

/**
 * `count` commands of one event each, all accepted when decided in order: customers register,
 * fill their carts, change a quantity and take an item out again.
 */
function burstCommands(count: number): Command[] {
  const commands: Command[] = [];
  for (let c = 0; commands.length < count; c += 1) {
    const customerId = `burst-${c}`;
    const [a, b] = [products[c % products.length]!, products[(c + 7) % products.length]!];
    commands.push(
      { type: 'RegisterCustomer', customerId, name: `Burst customer ${c}` },
      { type: 'AddItemToCart', customerId, sku: a, quantity: 1 },
      { type: 'AddItemToCart', customerId, sku: b, quantity: 2 },
      { type: 'ChangeCartItemQuantity', customerId, sku: a, quantity: 3 },
      { type: 'RemoveItemFromCart', customerId, sku: b },
    );
  }
  return commands.slice(0, count);
}

/** Reads events [from, to] of the app's log in chunks, handing each chunk to `each`. */
async function readChunks(db: EventLogDb, from: number, to: number, each: (rows: StoredEvent[]) => void): Promise<number> {
  let read = 0;
  for (let start = from; start <= to; start += CHUNK) {
    const rows = await db.events
      .where(':id')
      .between(start, Math.min(start + CHUNK - 1, to), true, true)
      .toArray();
    if (rows.length === 0) break;
    each(rows);
    read += rows.length;
  }
  return read;
}

/** The seeds' approach: read every event from the first one and fold it with `evolve`. */
async function naiveStateAt(db: EventLogDb, position: number): Promise<{ state: ShopState; events: number }> {
  let state = initialShopState();
  const events = await readChunks(db, 1, position, (rows) => {
    for (const row of rows) state = evolve(state, row);
  });
  return { state, events };
}

type ShopAction = Action<string> & { event?: StoredEvent };
const shopReducer = (state: ShopState | undefined, action: ShopAction): ShopState => {
  const current = state ?? initialShopState();
  return action.event ? evolve(current, action.event) : current;
};

let keptForHeap: unknown = null;

const lab = {
  /**
   * Fills the app's own database through the real command path, up to `size` events. Snapshots
   * are taken every 50,000 events instead of the app's 1,000 (each one serialises the whole
   * shop, which at a million events costs more than the events), and once at the end, as the
   * app would after two quiet seconds.
   */
  async generate(size: number, seed: number): Promise<DemoResult & { position: number }> {
    const runtime = createShopRuntime({ snapshots: { every: 50_000, idleMs: 3_600_000 } });
    await runtime.start();
    const start = runtime.store.getState().position;
    let told = start;
    const result = await generateDemoHistory(runtime, {
      events: Math.max(0, size - start),
      seed,
      onProgress: (p) => {
        if (start + p.events - told >= 50_000) {
          told = start + p.events;
          console.info(`[bench] generated ${told.toLocaleString('en-GB')} of ${size.toLocaleString('en-GB')} events`);
        }
      },
    });
    const position = runtime.store.getState().position;
    // Twice: the first call may only wait for a save already under way at an older position.
    await runtime.engine.snapshots.save(runtime.engine.projection);
    await runtime.engine.snapshots.save(runtime.engine.projection);
    await runtime.stop();
    return { ...result, position };
  },

  async burst(count: number): Promise<{ events: number; rewindMs: number; rawMs: number }> {
    const { runtime, dispose } = await freshRuntime();
    await Promise.all(setupCommands().map((c) => runtime.dispatch(c)));
    const before = runtime.store.getState().position;
    const commands = burstCommands(count);
    const t0 = performance.now();
    await Promise.all(commands.map((c) => runtime.dispatch(c)));
    const rewindMs = performance.now() - t0;
    const rows = await runtime.log.readRange(before + 1);
    await dispose();

    const raw = await scratchDb();
    const t1 = performance.now();
    await raw.db.events.bulkAdd(rows);
    const rawMs = performance.now() - t1;
    await raw.dispose();
    return { events: rows.length, rewindMs, rawMs };
  },

  /** Rows handed in from the harness, piece by piece, for rawAddPages. */
  held: [] as StoredEvent[],
  hold(rows: StoredEvent[]): void {
    lab.held.push(...rows);
  },

  /** The held rows, bulkAdded in pages of `page` (a transaction each) to a scratch log database: a catch-up's baseline. */
  async rawAddPages(page: number): Promise<number> {
    const raw = await scratchDb();
    const t0 = performance.now();
    for (let at = 0; at < lab.held.length; at += page) await raw.db.events.bulkAdd(lab.held.slice(at, at + page));
    const ms = performance.now() - t0;
    await raw.dispose();
    lab.held = [];
    return ms;
  },

  /**
   * Latencies of commands sent one at a time, each awaited, and of single raw puts, taken in
   * turns (which goes first alternates) so that both sides see the same moments of the machine.
   */
  async singleLatency(count: number, warmUp: number): Promise<{ rewind: number[]; raw: number[] }> {
    const { runtime, dispose } = await freshRuntime();
    await Promise.all(setupCommands().map((c) => runtime.dispatch(c)));
    await runtime.dispatch({ type: 'RegisterCustomer', customerId: 'solo', name: 'Solo shopper' });
    const [template] = await runtime.log.readRange(runtime.store.getState().position);
    const { db, dispose: disposeRaw } = await scratchDb();
    const rewind: number[] = [];
    const raw: number[] = [];
    const timed = async (into: number[], i: number, run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      if (i >= warmUp) into.push(performance.now() - t);
    };
    for (let i = 0; i < warmUp + count; i += 1) {
      const command: Command =
        i % 2 === 0
          ? { type: 'AddItemToCart', customerId: 'solo', sku: products[0]!, quantity: 1 }
          : { type: 'RemoveItemFromCart', customerId: 'solo', sku: products[0]! };
      const row = { ...template!, seq: i + 1, id: `raw-${i}`, version: i + 1 };
      const ours = () => timed(rewind, i, () => runtime.dispatch(command));
      const theirs = () => timed(raw, i, () => db.events.put(row));
      if (i % 2 === 0) {
        await ours();
        await theirs();
      } else {
        await theirs();
        await ours();
      }
    }
    await dispose();
    await disposeRaw();
    return { rewind, raw };
  },

  /** Naive cold start: the whole log read and folded from zero. */
  async naiveReplay(): Promise<{ events: number; ms: number; orders: number }> {
    const db = new EventLogDb(APP_DB);
    const t0 = performance.now();
    const { state, events } = await naiveStateAt(db, Infinity);
    const ms = performance.now() - t0;
    db.close();
    return { events, ms, orders: state.orders.size };
  },

  /** Naive scrubbing: each jump replays from zero to its position. */
  async naiveJumps(positions: number[]): Promise<number[]> {
    const db = new EventLogDb(APP_DB);
    const times: number[] = [];
    for (const position of positions) {
      const t0 = performance.now();
      await naiveStateAt(db, position);
      times.push(performance.now() - t0);
    }
    db.close();
    return times;
  },

  /** The rebuild's baseline: every row read (chunked getAll), nothing done with it. */
  async rawReadAll(): Promise<{ events: number; ms: number }> {
    const db = new EventLogDb(APP_DB);
    const t0 = performance.now();
    const events = await readChunks(db, 1, Infinity, () => undefined);
    const ms = performance.now() - t0;
    db.close();
    return { events, ms };
  },

  /**
   * Redux DevTools' own history: the first `actions` events loaded into an instrumented store
   * (IMPORT_STATE, as the extension imports a recorded session), then JUMP_TO_STATE slider moves
   * and TOGGLE_ACTION skips, each of which recomputes every state after the toggled action.
   */
  async reduxInstrument(actions: number, jumps: number, toggles: number, seed: number) {
    const db = new EventLogDb(APP_DB);
    let lifted: ShopAction[] = [];
    await readChunks(db, 1, actions, (rows) => {
      lifted = lifted.concat(rows.map((event) => ({ type: event.type, event })));
    });
    db.close();
    const store = legacy_createStore(shopReducer, instrument());
    const t0 = performance.now();
    store.liftedStore.dispatch(ActionCreators.importState(lifted));
    const loadMs = performance.now() - t0;
    lifted = [];
    const computed = store.liftedStore.getState().computedStates.length;

    const rng = mulberry32(seed);
    const jumpMs: number[] = [];
    for (let i = 0; i < jumps; i += 1) {
      const index = Math.floor(rng() * computed);
      const t = performance.now();
      store.liftedStore.dispatch(ActionCreators.jumpToState(index));
      store.getState();
      jumpMs.push(performance.now() - t);
    }
    const toggleMs: number[] = [];
    for (let i = 0; i < toggles; i += 1) {
      const id = 1 + Math.floor(rng() * (computed - 1));
      for (let twice = 0; twice < 2; twice += 1) {
        const t = performance.now();
        store.liftedStore.dispatch(ActionCreators.toggleAction(id));
        store.getState();
        toggleMs.push(performance.now() - t);
      }
    }
    keptForHeap = store;
    return { actions: computed - 1, loadMs, jumpMs, toggleMs };
  },

  /** Lets go of whatever a measurement kept alive for the heap reading. */
  release(): void {
    keptForHeap = null;
  },

  importBaseline,
  importThroughApp,
  dropDatabase,
  /** Export, import and verify of history files (historyLab.ts). */
  history,
};

export type LabApi = typeof lab;
export type { ImportFigures };
window.lab = lab;
// Read by the heap measurement only; the reference is what matters.
Object.defineProperty(window, 'labKept', { get: () => keptForHeap });
