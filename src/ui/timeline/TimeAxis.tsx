import { timeTicks } from './timeTicks';

/** Dated tick labels under the plot, each at its time's x on the same scale as the bars. */
export function TimeAxis({ start, end }: { start: number; end: number }) {
  const span = end - start;
  const ticks = timeTicks(start, end, 7);
  return (
    <div className="time-axis" aria-label="Time axis" role="group">
      {ticks.map((tick) => (
        <time
          key={tick.time}
          dateTime={new Date(tick.time).toISOString()}
          style={{ left: `${span > 0 ? ((tick.time - start) / span) * 100 : 0}%` }}
        >
          {tick.label}
        </time>
      ))}
    </div>
  );
}
