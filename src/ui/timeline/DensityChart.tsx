import { countOf } from '../common/formatCount';
import type { EventCategory } from '../../domain';
import { useTimeline } from '../runtimeContext';

export const categoryColours: Record<EventCategory, string> = {
  catalog: '#2f6f9f',
  customers: '#7a4fa0',
  cart: '#c07a00',
  orders: '#2e7d4f',
  restore: '#a4161a',
};

const WIDTH = 1000;
const HEIGHT = 60;

/** Events per time bucket, stacked by category, with the cursor and branch points marked. */
export function DensityChart({ cursorTime, branchTimes }: { cursorTime: number | null; branchTimes: number[] }) {
  const density = useTimeline((t) => t.density);
  const branch = useTimeline((t) => t.branch);
  if (!density) return null;
  const max = Math.max(1, ...density.buckets.map((b) => b.total));
  const start = density.start;
  const end = Math.max(density.end, ...(branch?.eventTimes ?? []));
  const span = Math.max(1, end - start);
  const x = (time: number) => ((time - start) / span) * WIDTH;
  const lane = branch ? branchLane(branch.eventTimes, start, span, density.buckets.length) : null;
  const barWidth = WIDTH / density.buckets.length;
  const order = Object.keys(categoryColours) as EventCategory[];

  return (
    <figure className="density">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + (lane ? 16 : 0)}`}
        className={lane ? 'with-branch' : undefined}
        preserveAspectRatio="none"
        role="img"
        aria-label="Events over time by category"
      >
        {density.buckets.map((bucket, i) => {
          let y = HEIGHT;
          return order.map((category) => {
            const n = bucket.counts[category] ?? 0;
            if (n === 0) return null;
            const h = (n / max) * (HEIGHT - 4);
            y -= h;
            return (
              <rect
                key={`${i}-${category}`}
                x={i * barWidth}
                y={y}
                width={Math.max(1, barWidth - 1)}
                height={h}
                fill={categoryColours[category]}
              />
            );
          });
        })}
        {branchTimes.map((t, i) => (
          <line key={i} x1={x(t)} x2={x(t)} y1={0} y2={HEIGHT} stroke="#a4161a" strokeDasharray="4 3" strokeWidth={2} />
        ))}
        {lane?.map((n, i) =>
          n === 0 ? null : (
            <rect
              key={`b${i}`}
              x={(i * WIDTH) / lane.length}
              y={HEIGHT + 15 - Math.min(12, 3 + n)}
              width={Math.max(1, WIDTH / lane.length - 1)}
              height={Math.min(12, 3 + n)}
              fill="#7a4fa0"
              opacity={0.8}
            />
          ),
        )}
        {cursorTime !== null && <line x1={x(cursorTime)} x2={x(cursorTime)} y1={0} y2={HEIGHT} stroke="#000" strokeWidth={2} />}
      </svg>
      <figcaption className="legend">
        {order.map((c) => (
          <span key={c}>
            <span className="swatch" style={{ background: categoryColours[c] }} aria-hidden="true" /> {c}
          </span>
        ))}
        {branch && (
          <span>
            <span className="swatch branch-swatch" aria-hidden="true" /> branch “{branch.record.name}” (
            {countOf(branch.eventCount, 'event')}, dashed line = where it starts)
          </span>
        )}
        <span>
          {new Date(start).toISOString().slice(0, 10)} → {new Date(end).toISOString().slice(0, 10)}
        </span>
      </figcaption>
    </figure>
  );
}

/** Branch events per bucket, on the same time scale as the real history above them. */
function branchLane(times: number[], start: number, span: number, buckets: number): number[] {
  const lane = new Array<number>(buckets).fill(0);
  for (const t of times) lane[Math.min(buckets - 1, Math.max(0, Math.floor(((t - start) / span) * buckets)))]! += 1;
  return lane;
}
