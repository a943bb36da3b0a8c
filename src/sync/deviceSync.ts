import { createStore, type StoreApi } from 'zustand/vanilla';
import { ConcurrencyError, GENESIS_HASH, type KeptCommand, type LockRequester, type StoredEvent } from '../es';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
import { fastForward } from './fastForward';
import { rebaseTail, settleRebase } from './rebaseTail';
import { SyncClient, checkSettings, type FetchLike, type PulledEvent, type SyncSettings } from './syncClient';
import { ORPHAN_AFTER_MS, SyncDb, type SyncPosition } from './syncDb';
import type { SyncedLog } from './syncedLog';
import { SyncDivergedError, SyncNeedsRebaseError, SyncOfflineError, SyncRefusedError, SyncStaleHeadError, isTransient } from './syncErrors';
import { offView, type SyncView } from './syncView';

/** Events asked for per pull: few enough that checking, writing and folding a page stays a short task. */
export const PULL_PAGE = 250;
/** Events pushed per request (the server takes at most 100). */
const PUSH_BATCH = 100;
/**
 * A push waits until the log has been still this long, so a command and the follow-ups its
 * process managers send at once (a checkout and its order) travel together.
 */
const SETTLE_MS = 150;
/** A pull with nothing new waits this long on the server for another device's push. */
const LONG_POLL_SECONDS = 25;

export interface DeviceSyncOptions {
  fetch?: FetchLike;
  /** `navigator.locks` by default; null: this instance leads at once (tests, browsers without it). */
  locks?: LockRequester | null;
  backoff?: BackoffPolicy;
  random?: () => number;
  clock?: () => string;
  /** Told whether sync is set up, each time the stored settings are read (a hint read at the next start). */
  setUp?: (on: boolean) => void;
}

const freshPosition = (): SyncPosition => ({
  backendId: null,
  confirmed: { seq: 0, hash: GENESIS_HASH },
  deviceName: null,
  lastSyncAt: null,
  paused: false,
});

type TabMessage = { kind: 'changed' } | { kind: 'status'; view: SyncView };

/**
 * The device side of sync for one log. One tab per browser profile leads (a Web Lock): it pulls
 * upstream's events into the log and pushes this device's pending ones; the others follow the log
 * through the cross-tab signal and show the status the leader broadcasts. With no server set up it
 * reads its settings once and does nothing else.
 */
export class DeviceSync {
  readonly store: StoreApi<SyncView> = createStore<SyncView>(() => offView);
  private readonly db: SyncDb;
  private readonly channel: BroadcastChannel | null;
  private readonly clock: () => string;
  private stopped = false;
  private leading = false;
  /** Set by anything that may give the loop work (a local write, new settings, going online). */
  private dirty = true;
  private wakeUp = new AbortController();
  private readonly stopping = new AbortController();
  private unsubscribe: (() => void) | null = null;
  /** The first read of the stored settings: until it is done, whether sync is on is not known. */
  private firstRead: Promise<void> | null = null;
  private movedAt = 0;
  /** What the server takes, from its meta answer (at most the defaults here). */
  private limits = { push: PUSH_BATCH, pull: PULL_PAGE, wait: LONG_POLL_SECONDS };

  constructor(
    private readonly target: SyncedLog,
    private readonly options: DeviceSyncOptions = {},
  ) {
    this.db = new SyncDb(target.log.name);
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`${target.log.name}-sync`);
    if (this.channel) this.channel.onmessage = (message: MessageEvent<TabMessage>) => this.heard(message.data);
  }

  /** Starts following, and leading once this tab holds the profile's sync lock. */
  start(): void {
    this.unsubscribe = this.target.onMoved(() => {
      this.movedAt = Date.now();
      // Without a server a local write gives sync nothing to do: it is not even woken.
      if (this.store.getState().status !== 'off') this.wake();
    });
    globalThis.addEventListener?.('online', this.onOnline);
    void this.readStored();
    const locks = this.options.locks === undefined ? browserLocks() : this.options.locks;
    const lead = () => this.lead();
    (locks ? locks.request(`${this.target.log.name}-sync`, lead) : lead()).catch((error: unknown) => {
      if (!this.stopped) console.warn('Sync stopped', error);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.wake();
    this.unsubscribe?.();
    globalThis.removeEventListener?.('online', this.onOnline);
    this.channel?.close();
    this.db.close();
  }

  /**
   * Checks the settings with the server (its meta answer) and only then keeps them: a bad address,
   * an unknown token or a server that is down throws a typed error and changes nothing.
   */
  async connect(input: SyncSettings): Promise<void> {
    const settings = checkSettings(input);
    const meta = await new SyncClient(settings, this.options.fetch).meta();
    const [before, position] = await Promise.all([this.db.readSettings(), this.db.readPosition()]);
    const sameShop =
      before?.serverUrl === settings.serverUrl && before.shopId === settings.shopId && position?.backendId === meta.backendId;
    const kept = sameShop && position ? position : freshPosition();
    await this.db.replaceSettings(settings, { ...kept, backendId: meta.backendId, deviceName: meta.device.name, paused: false });
    this.options.setUp?.(true);
    this.changed();
  }

  /** Forgets the server; the log keeps every event, synced or not. */
  async disconnect(): Promise<void> {
    await this.db.replaceSettings(null, freshPosition());
    this.options.setUp?.(false);
    this.changed();
  }

  /**
   * Replaces this device's history with the shop's on the server (the user's choice when its own
   * events cannot be decided again): the leader pulls upstream's whole history and puts it in
   * place of the log's, in one transaction.
   */
  async takeUpstream(): Promise<void> {
    const position = await this.db.readPosition();
    if (!position) throw new Error('Sync is not set up on this device: there is no server history to take.');
    await this.db.writePosition({ ...position, takeUpstream: true });
    this.changed();
  }

  async setPaused(paused: boolean): Promise<void> {
    const position = await this.db.readPosition();
    if (!position) return;
    await this.db.writePosition({ ...position, paused });
    this.changed();
  }

  /**
   * Keeps the commands this device decides (every tab's), while sync is set up, until upstream
   * confirms them: a rebase decides them again. Kept before their events are written, durably, so
   * no event of this device's lacks its command after a crash; see decision 015.
   */
  async keep(commands: readonly KeptCommand[]): Promise<void> {
    if (commands.length === 0) return;
    await this.readStored();
    if (this.store.getState().status === 'off') return;
    try {
      const keptAt = Date.now();
      await this.db.pending.bulkPut(commands.map((c) => ({ ...c, keptAt })));
    } catch (error) {
      throw new Error(
        `This change could not be kept for sync, so it was not saved: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /** The stored settings, read once at first need. */
  private readStored(): Promise<void> {
    return (this.firstRead ??= this.showStored().catch((error: unknown) => {
      this.firstRead = null;
      throw error;
    }));
  }

  /** The user has read a conflict: it leaves the list (the command stays refused). */
  async dismissConflict(commandId: string): Promise<void> {
    await this.db.conflicts.delete(commandId);
    this.changed();
    if (this.leading) await this.showStored();
  }

  /**
   * Whether `eventId` was pulled from another device. Its process managers' follow-ups are that
   * device's to send; sending them here too would make both devices decide the same order. Null
   * while sync is off, so that nothing waits on the question.
   */
  get pulledFromElsewhere(): ((eventId: string) => Promise<boolean>) | null {
    if (this.store.getState().status === 'off') return null;
    return async (eventId) => {
      const [row, position] = await Promise.all([this.db.authors.get(eventId), this.db.readPosition()]);
      return row !== undefined && row.device !== position?.deviceName;
    };
  }

  /** The device that wrote each of these upstream events, by event id (events not synced are left out). */
  async authorsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.authors.bulkGet([...ids]);
    return new Map(rows.flatMap((row) => (row ? [[row.id, row.device] as const] : [])));
  }

  private readonly onOnline = () => this.wake();

  private wake(): void {
    this.dirty = true;
    this.wakeUp.abort();
  }

  private changed(): void {
    this.channel?.postMessage({ kind: 'changed' } satisfies TabMessage);
    this.wake();
    if (!this.leading) void this.showStored();
  }

  private heard(message: TabMessage): void {
    if (message.kind === 'changed') {
      this.wake();
      if (!this.leading) void this.showStored();
    } else if (message.kind === 'status' && !this.leading) {
      this.store.setState({ ...message.view, leader: false });
    }
  }

  private show(view: Partial<SyncView>): void {
    this.store.setState(view);
    this.channel?.postMessage({ kind: 'status', view: this.store.getState() } satisfies TabMessage);
  }

  /** What the stored settings and position say, before (or without) a leader's report. */
  private async showStored(): Promise<void> {
    const [settings, position, conflicts] = await Promise.all([
      this.db.readSettings(),
      this.db.readPosition(),
      this.db.conflicts.orderBy('refusedAt').reverse().toArray(),
    ]);
    const head = await this.target.log.lastPosition();
    const status = !settings ? 'off' : position?.paused ? 'paused' : head > (position?.confirmed.seq ?? 0) ? 'pending' : 'synced';
    this.store.setState({
      ...(settings ? {} : offView),
      status: this.store.getState().status === 'off' || !settings || position?.paused ? status : this.store.getState().status,
      serverUrl: settings?.serverUrl ?? null,
      shopId: settings?.shopId ?? null,
      deviceName: position?.deviceName ?? null,
      confirmed: position?.confirmed.seq ?? 0,
      pending: Math.max(0, head - (position?.confirmed.seq ?? 0)),
      lastSyncAt: position?.lastSyncAt ?? null,
      leader: this.leading,
      conflicts,
    });
    this.options.setUp?.(settings !== null);
  }

  /** Runs while this tab holds the sync lock, until stopped. */
  private async lead(): Promise<void> {
    this.leading = true;
    let failures = 0;
    // A rebase the last leader did not finish (a crash, a closed tab) is finished or forgotten first.
    const interrupted = await settleRebase(this.db, this.target.log);
    if (interrupted !== 'none')
      console.info(
        `Sync: an interrupted rebase was ${interrupted} (the log ${interrupted === 'finished' ? 'held' : 'did not hold'} its new events).`,
      );
    while (!this.stopped) {
      this.dirty = false;
      this.wakeUp = new AbortController();
      const woken = this.wakeUp.signal;
      const [settings, position] = await Promise.all([this.db.readSettings(), this.db.readPosition()]);
      if (!settings || !position || position.paused) {
        await this.showStored();
        this.show({ leader: true, message: null, retryAt: null });
        await untilAborted(woken);
        continue;
      }
      const client = new SyncClient(settings, this.options.fetch);
      try {
        this.show({ leader: true, status: 'syncing', serverUrl: settings.serverUrl, shopId: settings.shopId, remedy: null });
        await this.syncOnce(client, position);
        failures = 0;
        if (this.dirty) continue;
        // Nothing left to send: wait on the server for another device's events, or for a local write.
        await this.pullLongPoll(client, woken);
      } catch (error) {
        if (this.stopped) return;
        if (woken.aborted || error instanceof ConcurrencyError) continue;
        const confirmed = (await this.db.readPosition())?.confirmed.seq ?? 0;
        const pending = Math.max(0, (await this.target.log.lastPosition()) - confirmed);
        if (isTransient(error)) {
          const delay = Math.max(
            backoffDelay(failures++, this.options.backoff ?? defaultBackoff, this.options.random),
            retryAfterMs(error),
          );
          this.show({
            pending,
            status: error instanceof SyncOfflineError ? 'offline' : 'error',
            message: error instanceof Error ? error.message : String(error),
            retryAt: new Date(Date.now() + delay).toISOString(),
          });
          await sleep(delay, woken);
        } else {
          // Retrying would fail the same way: wait for new settings (or a reload).
          this.show({
            status: 'error',
            pending,
            message: error instanceof Error ? error.message : String(error),
            retryAt: null,
            remedy: error instanceof SyncDivergedError ? error.remedy : null,
          });
          await this.untilSettingsChange();
        }
      }
    }
  }

  private async untilSettingsChange(): Promise<void> {
    const before = JSON.stringify(
      await Promise.all([this.db.readSettings(), this.db.readPosition().then((p) => [p?.paused, p?.takeUpstream])]),
    );
    while (!this.stopped) {
      this.wakeUp = new AbortController();
      await untilAborted(this.wakeUp.signal);
      const now = JSON.stringify(
        await Promise.all([this.db.readSettings(), this.db.readPosition().then((p) => [p?.paused, p?.takeUpstream])]),
      );
      if (now !== before) return;
    }
  }

  /** Pull before push, as LiveStore does: every page upstream holds, then this device's pending events, until both are done. */
  private async syncOnce(client: SyncClient, start: SyncPosition): Promise<void> {
    const signal = this.stopping.signal;
    let position = start;
    const meta = await client.meta(signal);
    if (position.backendId !== null && position.backendId !== meta.backendId && position.confirmed.seq > 0) {
      throw new SyncDivergedError(
        'The sync server keeps this shop in another database than before (it was reset or replaced): sync stopped, and nothing was sent or received. Set sync up again to start over.',
      );
    }
    position = { ...position, backendId: meta.backendId, deviceName: meta.device.name };
    if (position.takeUpstream) position = await this.adoptUpstream(client, position);
    this.limits = {
      push: Math.max(1, Math.min(PUSH_BATCH, meta.limits?.maxPushEvents ?? PUSH_BATCH)),
      pull: Math.max(1, Math.min(PULL_PAGE, meta.limits?.maxPullEvents ?? PULL_PAGE)),
      wait: Math.max(0, Math.min(LONG_POLL_SECONDS, meta.limits?.maxWaitSeconds ?? LONG_POLL_SECONDS)),
    };
    await this.checkLocalContinues(position);
    let refusedTwice: string | null = null;
    for (;;) {
      const page = await client.pull(position.confirmed.seq, this.limits.pull, 0, signal);
      if (page.backendId !== position.backendId) throw new SyncDivergedError('The sync server was replaced while syncing: sync stopped.');
      if (page.events.length > 0) {
        try {
          position = await this.fold(page.events, page.head, position);
        } catch (error) {
          if (!(error instanceof SyncNeedsRebaseError)) throw error;
          position = await this.rebase(client, position, page.events);
          continue;
        }
        if (page.events.length === this.limits.pull || page.head.seq > position.confirmed.seq) continue;
      }
      const head = await this.target.log.lastPosition();
      const pending = head - position.confirmed.seq;
      this.show({ status: pending > 0 ? 'pending' : 'syncing', pending, confirmed: position.confirmed.seq, message: null, retryAt: null });
      if (pending <= 0) break;
      const still = Date.now() - this.movedAt;
      if (still < SETTLE_MS) {
        await sleep(SETTLE_MS - still, signal);
        continue;
      }
      const rows = (await this.target.log.readStoredRows(position.confirmed.seq + 1, head, this.limits.push)) as StoredEvent[];
      try {
        const answer = await client.push(position.confirmed.seq, rows, signal);
        position = { ...position, confirmed: answer.head };
        await this.db.authors.bulkPut(rows.map((e) => ({ id: e.id, device: meta.device.name })));
        await this.db.writePosition(position);
        // Confirmed commands need no rebase; the last one may go on in the next batch.
        const last = rows[rows.length - 1]!.meta.commandId;
        const done = new Set(rows.map((e) => e.meta.commandId));
        if (rows.length === this.limits.push) done.delete(last);
        await this.db.pending.bulkDelete([...done]);
        refusedTwice = null;
      } catch (error) {
        // Upstream moved on: the next pull brings its events (or recognises ours, a lost answer).
        if (error instanceof SyncStaleHeadError) continue;
        // An id already upstream: the pull recognises it when it is ours at the same place; twice in a row, it is not.
        if (error instanceof SyncRefusedError && error.status === 409 && refusedTwice !== error.message) {
          refusedTwice = error.message;
          continue;
        }
        throw error;
      }
    }
    position = { ...position, lastSyncAt: this.clock() };
    await this.db.writePosition(position);
    // Every event here is confirmed: a command kept a while ago and still listed never got its events written.
    await this.db.forgetKeptBefore(Date.now() - ORPHAN_AFTER_MS);
    this.show({
      status: 'synced',
      pending: 0,
      confirmed: position.confirmed.seq,
      lastSyncAt: position.lastSyncAt,
      deviceName: meta.device.name,
    });
  }

  /** Pulls all upstream holds after the confirmed position and decides this device's pending commands again on it. */
  private async rebase(client: SyncClient, position: SyncPosition, first: PulledEvent[]): Promise<SyncPosition> {
    const pulled = await this.pullRest(client, position.confirmed.seq, first);
    this.show({ status: 'syncing', message: 'Deciding this device’s commands again on the other devices’ events…' });
    const result = await rebaseTail(this.target, this.db, position.confirmed, pulled, this.clock());
    const next = { ...position, confirmed: result.confirmed, lastSyncAt: this.clock() };
    await this.db.writePosition(next);
    await this.showStored();
    this.show({ message: null });
    return next;
  }

  /** Upstream's events after `after` up to its head: `first` (a page already pulled), then page after page. */
  private async pullRest(client: SyncClient, after: number, first: PulledEvent[]): Promise<PulledEvent[]> {
    const pulled = [...first];
    while (first.length === 0 || pulled.length % this.limits.pull === 0) {
      const page = await client.pull(after + pulled.length, this.limits.pull, 0, this.stopping.signal);
      pulled.push(...page.events);
      if (page.events.length === 0 || after + pulled.length >= page.head.seq) break;
    }
    return pulled;
  }

  /** Upstream's whole history in place of the log's (takeUpstream): pulled, then written in one transaction. */
  private async adoptUpstream(client: SyncClient, position: SyncPosition): Promise<SyncPosition> {
    const { log } = this.target;
    this.show({ status: 'syncing', message: 'Replacing this device’s history with the shop’s on the server…' });
    const start = await log.chainStart();
    if (start.seq !== 0) {
      throw new SyncDivergedError('This device’s history begins with an archive, so the server’s cannot replace it: nothing was changed.');
    }
    const pulled = await this.pullRest(client, 0, []);
    const end = await log.lastPosition();
    const localHead = { seq: end, hash: (await log.storedHashAt(end)) ?? start.hash };
    const rows = pulled.map((p) => p.event);
    await this.db.authors.bulkPut(pulled.map((p) => ({ id: p.event.id, device: p.device.name })));
    await log.replaceTail(start, localHead, rows);
    // Nothing of this device's is pending now; conflicts already told stay until dismissed.
    await this.db.pending.clear();
    const last = rows[rows.length - 1];
    const next: SyncPosition = {
      ...position,
      confirmed: last ? { seq: last.seq, hash: last.hash } : start,
      takeUpstream: false,
      lastSyncAt: this.clock(),
    };
    await this.db.writePosition(next);
    this.target.replaced();
    this.show({ message: null });
    return next;
  }

  /** Waits on the server for new events (or until woken) and folds what came; the loop then syncs again. */
  private async pullLongPoll(client: SyncClient, woken: AbortSignal): Promise<void> {
    const position = await this.db.readPosition();
    if (!position) return;
    const signal = AbortSignal.any([woken, this.stopping.signal]);
    const page = await client.pull(position.confirmed.seq, this.limits.pull, this.limits.wait, signal);
    if (page.events.length > 0) await this.fold(page.events, page.head, position);
  }

  private async fold(
    events: Parameters<typeof fastForward>[2],
    head: Parameters<typeof fastForward>[3],
    position: SyncPosition,
  ): Promise<SyncPosition> {
    // Authors first: a process manager asks them whether an event it hears was pulled (pulledFromElsewhere).
    await this.db.authors.bulkPut(events.map((e) => ({ id: e.event.id, device: e.device.name })));
    const confirmed = await fastForward(this.target, position.confirmed, events, head);
    const next = { ...position, confirmed, lastSyncAt: this.clock() };
    await this.db.writePosition(next);
    this.show({ confirmed: confirmed.seq, lastSyncAt: next.lastSyncAt });
    return next;
  }

  /** The log must still hold, at the confirmed position, the event confirmed there (it was not replaced or cut short). */
  private async checkLocalContinues(position: SyncPosition): Promise<void> {
    const { seq, hash } = position.confirmed;
    if (seq === 0) return;
    const start = await this.target.log.chainStart();
    const held = seq === start.seq ? start.hash : await this.target.log.storedHashAt(seq);
    if (held !== hash) {
      throw new SyncDivergedError(
        `This browser's history no longer holds event ${seq} as it was synced (it was replaced, imported or lost events): sync stopped, and nothing was sent or received.`,
      );
    }
  }
}

function browserLocks(): LockRequester | null {
  return (globalThis as { navigator?: { locks?: LockRequester } }).navigator?.locks ?? null;
}

const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

const retryAfterMs = (error: unknown) =>
  typeof (error as { retryAfter?: unknown }).retryAfter === 'number' ? (error as { retryAfter: number }).retryAfter * 1000 : 0;
