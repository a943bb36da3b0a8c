import { timeTicks } from './timeTicks';

/** Dated tick labels under the plot, each at its time's x on the same scale as the bars. */
export function TimeAxis({ start, end }: { start: number; end: number }) {
  const span = end - start;
  const ticks = timeTicks(start, end, 7);
  return (
    <div className="time-axis" aria-label="Time axis" role="group">
      {ticks.map((tick) => {
        const left = span > 0 ? ((tick.time - start) / span) * 100 : 0;
        // Near the right edge a label is set to the left of its tick, so it is not cut off.
        return (
          <time
            key={tick.time}
            dateTime={new Date(tick.time).toISOString()}
            className={left > 88 ? 'before' : undefined}
            style={left > 88 ? { right: `${100 - left}%` } : { left: `${left}%` }}
          >
            {tick.label}
          </time>
        );
      })}
    </div>
  );
}
