import type { AddressInfo } from 'node:net';
import { GENESIS_HASH, rebasePending, type PendingCommand, type StoredEvent } from '../../../src/es';
import { evolve, initialShopState, onCheckoutEvent, shopDecider, type ShopState } from '../../../src/domain';
import { mulberry32, planDemoBatch } from '../../../src/demo';
import { openSyncDatabase } from '../../../src/server/syncDatabase';
import { createSyncServer } from '../../../src/server/syncServer';
import { demoEvents } from '../../support/demoEvents';
import { startPostgres } from '../../support/postgres';
import { measureCatchUp } from './catchUpMetrics';
import type { BenchConfig } from './config';
import type { ResultRow } from './results';
import { figure, perSecond, repeat } from './stats';

const n = (x: number) => x.toLocaleString('en-GB');
const PUSH_BATCH = 100;

/**
 * The sync rows (issue 23) that need no device yet, in Node beside a throwaway PostgreSQL cluster:
 * pushes through the sync server's HTTP API against raw Emmett appends of the same batches, and a
 * rebase of pending commands over new upstream events against a plain fold of as many events.
 */
export async function measureSync(config: BenchConfig, pagesDir: string): Promise<{ rows: ResultRow[]; extras: string[] }> {
  const wanted = Math.max(config.syncPushEvents, config.syncCatchUpEvents);
  const history = demoEvents(config.seed, Math.ceil(wanted / 55) + 40);
  if (history.length < wanted) throw new Error(`Only ${history.length} demo events were made.`);
  const events = history.slice(0, config.syncPushEvents);
  const pg = await startPostgres();
  const db = await openSyncDatabase(pg.url);
  const sync = createSyncServer({ db, limits: { requestsPerSecond: 1e6, burst: 1e6 } });
  const ours: number[] = [];
  const raw: number[] = [];
  let catchUp: Awaited<ReturnType<typeof measureCatchUp>> | null = null;
  try {
    await new Promise<void>((resolve) => sync.server.listen(0, '127.0.0.1', resolve));
    const { port } = sync.server.address() as AddressInfo;
    await repeat(config.reps, config.budgetMs, async (rep) => {
      const shop = `bench-${rep}`;
      const { token } = await sync.tokens.create(shop, 'Bench till');
      let started = performance.now();
      for (let at = 0; at < events.length; at += PUSH_BATCH) {
        const response = await fetch(`http://127.0.0.1:${port}/v1/shops/${shop}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ base: at, events: events.slice(at, at + PUSH_BATCH) }),
        });
        if (response.status !== 200) throw new Error(`A push was refused: ${response.status} ${await response.text()}`);
      }
      ours.push(perSecond(events.length, performance.now() - started));
      started = performance.now();
      for (let at = 0; at < events.length; at += PUSH_BATCH) {
        await db.store.appendToStream(
          `rawbench-${rep}`,
          events
            .slice(at, at + PUSH_BATCH)
            .map((e) => ({ type: e.type, data: e as unknown as Record<string, unknown>, metadata: { messageId: `raw-${rep}/${e.id}` } })),
          { expectedStreamVersion: BigInt(at) },
        );
      }
      raw.push(perSecond(events.length, performance.now() - started));
    });
    if (config.syncCatchUpEvents > 0) {
      catchUp = await measureCatchUp(
        config,
        { base: `http://127.0.0.1:${port}`, db, tokens: sync.tokens },
        history.slice(0, config.syncCatchUpEvents),
        pagesDir,
      );
    }
  } finally {
    await sync.close();
    await db.close();
    pg.stop();
  }
  const push = figure(ours);
  const rawPush = figure(raw);
  const pushRatio = push.median / rawPush.median;

  const rebase = measureRebase(history, config);
  return {
    rows: [
      {
        metric: `Sync push through the server (HTTP, ${PUSH_BATCH} events a push, every event and hash checked), throughput`,
        size: null,
        rewind: { figure: push, unit: 'events/s' },
        baseline: { label: `raw Emmett appendToStream of the same batches`, value: { figure: rawPush, unit: 'events/s' } },
        ratio: { value: pushRatio, text: `${pushRatio.toFixed(2)}× raw` },
        goal: '≥ 0.5× raw',
        met: pushRatio >= 0.5,
        note: `${n(events.length)} events; Node ${process.version} and PostgreSQL on this machine`,
      },
      ...(catchUp?.rows ?? []),
      rebase.row,
    ],
    extras: [rebase.extra, ...(catchUp ? [catchUp.extra] : [])],
  };
}

/**
 * Rebase of `rebasePending` commands over `rebaseUpstream` new upstream events: the upstream
 * events folded from the checkpoint, then the pending commands decided again. Baseline: a fold
 * of the same number of events from the same checkpoint. Pure JavaScript, measured in Node.
 */
function measureRebase(history: StoredEvent[], config: BenchConfig): { row: ResultRow; extra: string } {
  const checkpointAt = Math.floor(history.length / 2);
  const upstream = history.slice(checkpointAt, checkpointAt + config.rebaseUpstream);
  const checkpoint: ShopState = history.slice(0, checkpointAt).reduce(evolve, initialShopState());
  const versionsAt = (events: readonly StoredEvent[]) => {
    const v = new Map<string, number>();
    for (const e of events) v.set(e.streamId, e.version);
    return v;
  };
  const checkpointVersions = versionsAt(history.slice(0, checkpointAt));
  let ids = 0;
  const newId = () => `bench-${(ids += 1)}`;
  // The pending commands, decided on the device at the checkpoint, as it would before upstream moved.
  const inputs = planDemoBatch(checkpoint, mulberry32(config.seed), { size: config.rebasePending }).slice(0, config.rebasePending);
  const local = rebasePending(
    {
      head: { seq: checkpointAt, hash: history[checkpointAt - 1]?.hash ?? GENESIS_HASH },
      state: checkpoint,
      versionOf: (s) => checkpointVersions.get(s) ?? 0,
    },
    inputs.map((input, i): PendingCommand => ({
      commandId: `p${i}`,
      input,
      cause: null,
      at: '2026-06-01T10:00:00.000Z',
      drawnIds: [],
      events: [],
    })),
    { decider: shopDecider, evolve, pulled: [], newId, followUp: (e) => onCheckoutEvent(e) },
  );
  const pending = local.kept;
  const upstreamVersions = versionsAt(history.slice(0, checkpointAt + upstream.length));
  const foldCount = upstream.length + local.events.length;
  const baselineEvents = history.slice(checkpointAt, checkpointAt + foldCount);

  const ours: number[] = [];
  const base: number[] = [];
  let refused = 0;
  // A few rounds first, not counted: both sides then run compiled code (the fold's is warm already from the checkpoint).
  const warmUp = 5;
  for (let rep = 0; rep < warmUp + Math.max(30, config.reps * 10); rep += 1) {
    let started = performance.now();
    const state = upstream.reduce(evolve, checkpoint);
    const head = upstream.at(-1)!;
    const outcome = rebasePending(
      { head: { seq: head.seq, hash: head.hash }, state, versionOf: (s) => upstreamVersions.get(s) ?? 0 },
      pending,
      {
        decider: shopDecider,
        evolve,
        pulled: upstream,
        newId,
        followUp: (e) => onCheckoutEvent(e),
      },
    );
    const rebased = performance.now() - started;
    refused = outcome.refused.length;
    started = performance.now();
    baselineEvents.reduce(evolve, checkpoint);
    const folded = performance.now() - started;
    if (rep < warmUp) continue;
    ours.push(rebased);
    base.push(folded);
  }
  const rebase = figure(ours);
  const fold = figure(base);
  const ratio = rebase.median / fold.median;
  return {
    row: {
      metric: `Rebase of ${n(pending.length)} pending commands over ${n(upstream.length)} new upstream events (fold, then decide each again), time`,
      size: null,
      rewind: { figure: rebase, unit: 'ms' },
      baseline: { label: `plain fold of ${n(baselineEvents.length)} events from the same checkpoint`, value: { figure: fold, unit: 'ms' } },
      ratio: { value: ratio, text: `${ratio.toFixed(2)}× the fold` },
      goal: '≤ 3× the fold',
      met: ratio <= 3,
      note: `pure JavaScript (rebasePending, as the device runs it, every re-decided event hash-chained), measured in Node ${process.version}; ${refused} of the pending commands were refused on the new state`,
    },
    extra: `Rebase: ${n(pending.length)} pending commands writing ${n(local.events.length)} events, over ${n(upstream.length)} upstream events from a checkpoint at ${n(checkpointAt)}.`,
  };
}
