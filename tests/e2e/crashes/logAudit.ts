import type { Page } from '@playwright/test';

/** What a page finds in its log after a crash, and what the checks below make of it. */
export interface LogAudit {
  events: number;
  /** Acknowledged event ids that are not in the log. */
  lost: string[];
  /** Sentences for every way the log breaks its own rules (gaps, half-written commands…). */
  broken: string[];
  /** Whether the state the app started with equals a replay of the whole log from nothing. */
  stateMatchesReplay: boolean;
}

/**
 * Opens the app in `page`, waits for it to be ready, and audits its log against the ids of the
 * events that were acknowledged before the crash: none lost, positions gap-free, each stream's
 * versions contiguous, each command's events written together and whole, and the state started
 * from snapshots equal to a full rebuild.
 */
export async function auditLog(page: Page, acknowledged: ReadonlySet<string>): Promise<LogAudit> {
  await page.goto('/');
  return page.evaluate(
    async (acked) => {
      const { runtime, ready } = window.rewind;
      await ready;
      // The process managers resume what the crash left pending (a checkout's order) as the app
      // starts: let the log come to rest first, or the rebuild below would see their writes and
      // the state they started from would not.
      const position = () => runtime.store.getState().position;
      for (let rested = 0; rested < 3;) {
        const before = position();
        await runtime.engine.commands.idle();
        await new Promise((r) => setTimeout(r, 100));
        rested = position() === before ? rested + 1 : 0;
      }
      const log = await runtime.log.readRange(1);
      const broken: string[] = [];
      const ids = new Set(log.map((e) => e.id));
      log.forEach((e, i) => {
        if (e.seq !== i + 1) broken.push(`event ${i + 1} of the log has position ${e.seq}`);
      });
      const versions = new Map<string, number>();
      for (const e of log) {
        const expected = (versions.get(e.streamId) ?? 0) + 1;
        if (e.version !== expected) broken.push(`${e.streamId} jumps to version ${e.version} at #${e.seq} (expected ${expected})`);
        versions.set(e.streamId, e.version);
      }
      const byCommand = new Map<string, typeof log>();
      for (const e of log) byCommand.set(e.meta.commandId, [...(byCommand.get(e.meta.commandId) ?? []), e]);
      for (const [commandId, events] of byCommand) {
        if (events.some((e, i) => i > 0 && e.seq !== events[i - 1]!.seq + 1))
          broken.push(`command ${commandId} is not written in one piece`);
        const placed = events.find((e) => e.type === 'OrderPlaced');
        if (placed) {
          const skus = new Set((placed.payload as { lines: Array<{ sku: string }> }).lines.map((l) => l.sku));
          const reserved = events.filter((e) => e.type === 'StockReserved').length;
          const checkedOut = events.filter((e) => e.type === 'CartCheckedOut').length;
          if (reserved !== skus.size || checkedOut !== 1) broken.push(`order of command ${commandId} is half-written`);
        }
      }
      // Entities by key in key order: a map's iteration order depends on how it was built (a
      // snapshot's rows or a fold), which is not part of the state.
      const canonical = (shop: object) =>
        JSON.stringify(
          Object.entries(shop).map(([field, collection]) => {
            const json = (collection as { toJSON(): unknown }).toJSON();
            return [field, Array.isArray(json) ? json : Object.entries(json as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))];
          }),
        );
      const started = canonical(runtime.store.getState().shop);
      const startedAt = position();
      await runtime.engine.rebuild();
      const rebuilt = canonical(runtime.store.getState().shop);
      if (position() !== startedAt || log.length !== startedAt)
        broken.push(`the log moved during the audit (${log.length} events read, ${startedAt} folded, ${position()} rebuilt)`);
      if (started !== rebuilt) {
        const at = [...started].findIndex((c, i) => c !== rebuilt[i]);
        broken.push(
          `state differs from a rebuild at ${at}: ${started.slice(Math.max(0, at - 200), at + 200)} ≠ ${rebuilt.slice(Math.max(0, at - 200), at + 200)}`,
        );
      }
      return { events: log.length, lost: acked.filter((id) => !ids.has(id)), broken, stateMatchesReplay: started === rebuilt };
    },
    [...acknowledged],
  );
}
