import type { Command, ShopState } from '../domain';
import { mostEventsOf, mulberry32, planDemoBatch, type Rng } from './demoHistory';

/** What a demo run drives: the runtime's engine (to wait on and read) and its command door. */
export interface DemoTarget {
  engine: { commands: { idle(): Promise<unknown> }; projection: { readonly position: number; readonly state: ShopState } };
  dispatch(command: Command): Promise<unknown>;
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
  /** Commands sent at once; the command bus writes them in one transaction (group commit). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoResult extends DemoProgress {
  ms: number;
}

export const DEFAULT_DEMO_SEED = 20_261_122;
const DEFAULT_BATCH = 200;

/**
 * Fills the log with a shop's life through the real command path (validation, decide, group
 * commit, the checkout process manager), until it holds exactly `events` more events. Each batch
 * is planned against the present state and sent at once; the run waits for the process managers
 * between batches, so the same seed and the same starting log give the same commands.
 */
export async function generateDemoHistory(runtime: DemoTarget, options: DemoHistoryOptions): Promise<DemoResult> {
  const { engine } = runtime;
  const { signal, onProgress } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const startedAt = performance.now();
  await engine.commands.idle();
  const start = engine.projection.position;
  const target = start + options.events;
  // Continuing an existing log gives different (but still reproducible) shoppers.
  const rng = mulberry32((options.seed ?? DEFAULT_DEMO_SEED) ^ start);
  const progress: DemoProgress = { events: 0, target: options.events, commands: 0, rejected: 0 };

  for (;;) {
    signal?.throwIfAborted();
    const remaining = target - engine.projection.position;
    if (remaining <= 0) break;
    const commands = planWithin(engine.projection.state, rng, Math.min(batchSize, remaining), remaining);
    const outcomes = await Promise.allSettled(commands.map((command) => runtime.dispatch(command)));
    // Checkouts become orders in follow-up commands; let them land before planning on the state.
    await engine.commands.idle();
    progress.commands += commands.length;
    progress.rejected += outcomes.filter((o) => o.status === 'rejected').length;
    progress.events = engine.projection.position - start;
    onProgress?.({ ...progress });
  }
  return { ...progress, ms: performance.now() - startedAt };
}

/**
 * A batch whose events cannot overshoot `room`: the planned commands up to that bound, or, when
 * not even the first fits, commands that write one event each.
 */
function planWithin(state: ShopState, rng: Rng, size: number, room: number): Command[] {
  const planned = planDemoBatch(state, rng, { size });
  let bound = 0;
  let fitting = 0;
  while (fitting < planned.length && bound + mostEventsOf(state, planned[fitting]!) <= room) {
    bound += mostEventsOf(state, planned[fitting]!);
    fitting += 1;
  }
  if (fitting > 0) return planned.slice(0, fitting);
  return planDemoBatch(state, rng, { size, singleEventOnly: true }).slice(0, room);
}
