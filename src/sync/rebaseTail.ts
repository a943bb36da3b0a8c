import { Projection, rebasePending, type ChainLink, type EventLog, type PendingCommand, type StoredEvent } from '../es';
import type { PulledEvent } from './syncClient';
import type { PendingRecord, RebaseIntent, SyncConflict, SyncDb } from './syncDb';
import type { SyncedLog } from './syncedLog';
import { SyncDivergedError } from './syncErrors';

export interface RebaseResult {
  /** Upstream's head: everything up to it is now confirmed. */
  confirmed: ChainLink;
  kept: number;
  refused: SyncConflict[];
}

/**
 * The rebase: upstream moved on while this device had pending commands. Folds the log up to the
 * confirmed position, then upstream's events; decides each pending command again there
 * (rebasePending); replaces the log's tail after the confirmed position with upstream's events
 * and the re-decided ones in one transaction (EventLog.replaceTail); records what was refused.
 */
export async function rebaseTail(
  target: SyncedLog,
  db: SyncDb,
  confirmed: ChainLink,
  pulled: readonly PulledEvent[],
  refusedAt: string,
): Promise<RebaseResult> {
  const { log } = target;
  const parts = target.rebase;
  if (!parts) throw new SyncDivergedError('This device cannot decide its pending commands again here: sync stopped.');
  const end = await log.lastPosition();
  const localHead: ChainLink = { seq: end, hash: (await log.storedHashAt(end)) ?? (await log.chainStart()).hash };
  const local = await log.readRange(confirmed.seq + 1, end);
  // This device's own events already upstream (a push whose answer was lost) are confirmed, not decided again.
  let matched = 0;
  while (matched < local.length && matched < pulled.length && sameRow(local[matched]!, pulled[matched]!.event)) matched += 1;
  const mine = local.slice(matched);
  const ids = [...new Set(mine.map((e) => e.meta.commandId))];
  const records = await db.pending.bulkGet(ids);
  const unknown = mine.filter((_, i) => records[ids.indexOf(mine[i]!.meta.commandId)] === undefined).length;
  if (unknown > 0) {
    throw new SyncDivergedError(
      `Other devices' events reached the server, and ${unknown} of this device's events not yet sent were not made by commands it kept (written before sync was set up, an import or a demo history): they cannot be decided again, so sync stopped and nothing was changed.`,
      'take-upstream',
    );
  }
  const pending: PendingCommand[] = (records as PendingRecord[]).map((r) => ({
    ...r,
    events: mine.filter((e) => e.meta.commandId === r.commandId),
  }));

  const fold = new Projection(parts.model, parts.origin());
  await log.scan(fold.position, (batch) => fold.apply(batch), undefined, confirmed.seq);
  if (fold.position !== confirmed.seq)
    throw new SyncDivergedError(`The log ends before event ${confirmed.seq}, which it confirmed: sync stopped.`);
  const upstream = pulled.map((p) => log.upcastRow(p.event));
  fold.apply(upstream);
  const last = pulled[pulled.length - 1]!.event;
  const head = { seq: last.seq, hash: last.hash };
  const outcome = rebasePending({ head, state: fold.state, versionOf: (s) => fold.versionOf(s) }, pending, {
    decider: parts.decider,
    evolve: (state, event) => parts.model.evolve(state, event),
    pulled: upstream.slice(matched),
    newId: () => crypto.randomUUID(),
    followUp: parts.followUp,
    onFollowUpRejected: parts.onFollowUpRejected,
  });

  const authorOf = new Map(pulled.map((p) => [p.event.id, p.device.name]));
  const refused: SyncConflict[] = outcome.refused.map((r) => ({
    commandId: r.command.commandId,
    events: r.command.events,
    reason: r.reason,
    ...(r.command.cause ? {} : { input: r.command.input }),
    causedBy: r.causedBy ? { event: r.causedBy, device: authorOf.get(r.causedBy.id) ?? 'another device' } : null,
    refusedAt,
  }));
  const tail = [...pulled.map((p) => p.event), ...outcome.events];
  const newHead = tail[tail.length - 1]!;
  const keptAt = Date.now();
  const intent: RebaseIntent = {
    head: { seq: newHead.seq, hash: newHead.hash },
    kept: outcome.kept.map(({ events: _events, ...record }) => ({ ...record, keptAt })),
    refused,
  };
  await db.transaction('rw', db.authors, db.settings, async () => {
    await db.authors.bulkPut(pulled.map((p) => ({ id: p.event.id, device: p.device.name })));
    await db.settings.put({ key: 'rebase', value: intent });
  });
  try {
    await log.replaceTail(confirmed, localHead, tail);
  } finally {
    await settleRebase(db, log);
  }
  target.replaced();
  return { confirmed: head, kept: outcome.kept.length, refused };
}

const sameRow = (a: StoredEvent, b: StoredEvent) => a.seq === b.seq && a.id === b.id && a.hash === b.hash;

/**
 * Finishes or forgets a rebase a crash interrupted: the log is the judge. If it holds the
 * rebase's new tail (the event at its head carries its hash, which the chain makes unique), the
 * kept commands and the conflicts are recorded; if not, the old tail and its records stand.
 */
export async function settleRebase(db: SyncDb, log: EventLog): Promise<'none' | 'finished' | 'forgotten'> {
  const intent = await db.readRebase();
  if (!intent) return 'none';
  const landed = (await log.storedHashAt(intent.head.seq)) === intent.head.hash;
  await db.transaction('rw', db.pending, db.conflicts, db.settings, async () => {
    if (landed) {
      await db.pending.bulkDelete(intent.refused.map((c) => c.commandId));
      await db.pending.bulkPut(intent.kept);
      await db.conflicts.bulkPut(intent.refused);
    }
    await db.settings.delete('rebase');
  });
  return landed ? 'finished' : 'forgotten';
}
