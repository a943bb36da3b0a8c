import type { StoredEvent } from './envelope';

/**
 * Which streams other writers (other tabs, workers) moved, and at which log position: a command
 * refused on a stream that moved after it was sent was refused because of a change elsewhere.
 * Only kept while commands wait or run; an idle tab forgets it, since no command predates it.
 */
export class ForeignChanges {
  private readonly latest = new Map<string, number>();
  /** Commands of this tab being decided or written: their events are not foreign. */
  private readonly own = new Set<string>();

  markOwn(commandId: string): void {
    this.own.add(commandId);
  }

  forgetOwn(commandId: string): void {
    this.own.delete(commandId);
  }

  /** Notes the events the projection just folded; `busy` says whether any command is waiting. */
  heard(event: StoredEvent, busy: boolean): void {
    if (!busy) {
      if (this.latest.size > 0) this.latest.clear();
      return;
    }
    if (!this.own.has(event.meta.commandId)) this.latest.set(event.streamId, event.seq);
  }

  /** True when another writer moved any of `streams` after log position `since`. */
  movedSince(streams: readonly string[], since: number): boolean {
    return streams.some((s) => (this.latest.get(s) ?? 0) > since);
  }
}
