import { evolve, whyInapplicable, type ShopState } from '../../domain';
import type { CheckpointIndex, EventSource, WhatIf } from '../../timeline';
import type { TimelineStore } from '../timelineStore';
import type { Cursor } from './cursor';

export interface SkipsParts {
  store: TimelineStore;
  checkpoints: CheckpointIndex<ShopState>;
  log: EventSource;
  cursor: Cursor;
}

/** What-if: events switched off, history recomputed without them; the log is never changed. */
export class WhatIfSkips {
  private replay: WhatIf<ShopState> | null = null;
  private request = 0;

  constructor(private readonly parts: SkipsParts) {}

  /** The replay in force, or null while no event is skipped. */
  get whatIf(): WhatIf<ShopState> | null {
    return this.replay;
  }

  async toggleSkip(seq: number): Promise<void> {
    const skips = new Set(this.parts.store.getState().skips);
    if (skips.has(seq)) skips.delete(seq);
    else skips.add(seq);
    await this.setSkips(skips);
  }

  async clearSkips(): Promise<void> {
    await this.setSkips(new Set());
  }

  private async setSkips(skips: Set<number>): Promise<void> {
    const { store, checkpoints, log, cursor } = this.parts;
    // The set is published at once so the checkboxes follow the click and a second toggle made
    // while the first is still replaying builds on it; only the newest request replays to the end.
    const ticket = ++this.request;
    store.setState({ skips, flagged: new Map() });
    // Loaded on first use: what-if replays are not needed to start the app.
    const { WhatIf } = await import('../../timeline/onDemand');
    if (ticket !== this.request) return;
    this.replay = skips.size === 0 ? null : new WhatIf(log, checkpoints, evolve, whyInapplicable, skips);
    if (this.replay) await checkpoints.ensureBuilt(Math.min(...skips));
    if (ticket !== this.request) return;
    const at = store.getState().cursor;
    if (at !== null) await cursor.moveTo(at);
    else if (this.replay) await cursor.showWhatIfPresent();
    else cursor.returnToPresent();
  }
}
