import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/es';
import { CheckpointIndex } from '../../../src/timeline/checkpoints';
import { DensityPlot, marksOf } from '../../../src/timeline/density';

const INTERVAL = 10;
const at = (seq: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString();
const event = (seq: number, payload: number) => ({ seq, type: 'X', at: at(seq), payload }) as unknown as StoredEvent;

/** A log of numbers whose tail can be replaced, as a sync rebase replaces it; the state is their sum. */
function replaceableLog(length: number) {
  let events = Array.from({ length }, (_, i) => event(i + 1, 1));
  let gate: Promise<void> | null = null;
  const source = {
    async readInterval(from: number, to: number) {
      const read = events.slice(from - 1, to);
      if (gate) await gate;
      return read;
    },
    readEvent: (position: number) => Promise.resolve(events[position - 1]),
  };
  const sum = (state: number, batch: readonly { payload: unknown }[]) => batch.reduce((s, e) => s + (e.payload as number), state);
  const index = new CheckpointIndex<number>(source, sum, 0, INTERVAL);
  return {
    index,
    replaceAfter(position: number, payload: number) {
      events = [...events.slice(0, position), ...events.slice(position).map((e) => event(e.seq, payload))];
    },
    hold(): () => void {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = null;
        open();
      };
    },
  };
}

describe('CheckpointIndex.forgetAfter (the log rewritten after a position)', () => {
  it('drops the checkpoints and the cached state past the position, and builds them again from the new events', async () => {
    const log = replaceableLog(50);
    await log.index.ensureBuilt(50);
    expect(await log.index.stateAt(35)).toBe(35);

    log.replaceAfter(23, 100);
    expect(log.index.forgetAfter(23)).toBe(20);
    expect(log.index.builtUpTo).toBe(20);
    expect(await log.index.stateAt(35)).toBe(23 + 12 * 100);
    await log.index.ensureBuilt(50);
    expect(log.index.checkpointAtOrBelow(49)).toEqual({ position: 40, state: 23 + 17 * 100 });
    expect(await log.index.stateAt(50)).toBe(23 + 27 * 100);
  });

  it('keeps no checkpoint made from the old events while it was being built', async () => {
    const log = replaceableLog(40);
    await log.index.ensureBuilt(10);
    const release = log.hold();
    const building = log.index.ensureBuilt(40);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The build has read events 11–20 as they were; then they are replaced.
    log.replaceAfter(10, 5);
    log.index.forgetAfter(10);
    release();
    await building;
    await log.index.ensureBuilt(40);
    expect(log.index.checkpointAtOrBelow(20)).toEqual({ position: 20, state: 10 + 10 * 5 });
    expect(log.index.checkpointAtOrBelow(39)).toEqual({ position: 30, state: 10 + 20 * 5 });
  });
});

describe('DensityPlot.truncate', () => {
  it('keeps the first events only, so a rewritten tail is plotted anew', () => {
    const plot = new DensityPlot(() => 'sale');
    plot.add(marksOf([event(1, 1), event(2, 1), event(3, 1)]));
    plot.truncate(2);
    expect(plot.count).toBe(2);
    expect(plot.timeAt(2)).toBeUndefined();
    plot.add(marksOf([event(3, 1)]));
    expect(plot.count).toBe(3);
    expect(plot.timeAt(2)).toBe(Date.parse(at(3)));
  });
});
