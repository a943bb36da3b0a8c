import type { ShopState } from '../../domain';
import type { CheckpointIndex, WhatIf } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';

/** A jump slower than this shows "computing…" until its state is ready. */
const SHOW_COMPUTING_AFTER_MS = 50;

export interface CursorParts {
  store: TimelineStore;
  checkpoints: CheckpointIndex<ShopState>;
  log: Pick<ShopRuntime['log'], 'readRange'>;
  present: () => number;
  /** The what-if replay in force, if any events are skipped. */
  whatIf: () => WhatIf<ShopState> | null;
}

/**
 * Where the timeline looks: the present, or the state after any event (through the what-if
 * replay when events are skipped). Only the newest of overlapping moves is shown.
 */
export class Cursor {
  private request = 0;

  constructor(private readonly parts: CursorParts) {}

  /**
   * Shows the whole app as it was after event `position` (0 = before the first event; never
   * before the log's origin). A position past the newest event (a link made in a longer history)
   * is the present, which can be changed, not a read-only view of the last event.
   */
  async moveTo(position: number): Promise<void> {
    const { store, checkpoints, log } = this.parts;
    if (Math.round(position) > this.parts.present()) {
      this.returnToPresent();
      return;
    }
    const target = Math.max(checkpoints.start, Math.round(position));
    const ticket = ++this.request;
    // The slider follows at once; "computing…" only shows when a jump is slow, so that a quick
    // one changes the page once, not twice.
    store.setState({ cursor: target });
    const slow = setTimeout(() => ticket === this.request && store.setState({ computing: true }), SHOW_COMPUTING_AFTER_MS);
    try {
      const whatIf = this.parts.whatIf();
      const { state, event } = whatIf
        ? { state: await whatIf.stateAt(target), event: (await log.readRange(target, target))[0] }
        : await checkpoints.stateAndEventAt(target);
      if (ticket !== this.request) return; // a newer move won
      const flagged = new Map(this.parts.whatIf()?.flagged ?? []);
      store.setState({ viewed: state, viewedAt: target, viewedEvent: event ?? null, computing: false, flagged });
    } finally {
      clearTimeout(slow);
    }
  }

  returnToPresent(): void {
    this.request += 1;
    if (this.parts.whatIf()) {
      this.parts.store.setState({ cursor: null });
      void this.showWhatIfPresent();
      return;
    }
    this.parts.store.setState({ cursor: null, viewed: null, viewedAt: null, viewedEvent: null, computing: false });
  }

  /** With events skipped and no cursor, the app shows the what-if replay's present. */
  async showWhatIfPresent(): Promise<void> {
    const whatIf = this.parts.whatIf();
    if (!whatIf) return;
    const { store } = this.parts;
    const ticket = ++this.request;
    store.setState({ computing: true });
    const state = await whatIf.stateAt(this.parts.present());
    if (ticket !== this.request || store.getState().cursor !== null) return;
    store.setState({ viewed: state, viewedAt: null, viewedEvent: null, computing: false, flagged: new Map(whatIf.flagged) });
  }
}
