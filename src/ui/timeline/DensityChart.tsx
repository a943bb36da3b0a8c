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
  if (!density) return null;
  const max = Math.max(1, ...density.buckets.map((b) => b.total));
  const span = Math.max(1, density.end - density.start);
  const x = (time: number) => ((time - density.start) / span) * WIDTH;
  const barWidth = WIDTH / density.buckets.length;
  const order = Object.keys(categoryColours) as EventCategory[];

  return (
    <figure className="density">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label="Events over time by category">
        {density.buckets.map((bucket, i) => {
          let y = HEIGHT;
          return order.map((category) => {
            const n = bucket.counts[category] ?? 0;
            if (n === 0) return null;
            const h = (n / max) * (HEIGHT - 4);
            y -= h;
            return <rect key={`${i}-${category}`} x={i * barWidth} y={y} width={Math.max(1, barWidth - 1)} height={h} fill={categoryColours[category]} />;
          });
        })}
        {branchTimes.map((t, i) => (
          <line key={i} x1={x(t)} x2={x(t)} y1={0} y2={HEIGHT} stroke="#a4161a" strokeDasharray="4 3" strokeWidth={2} />
        ))}
        {cursorTime !== null && <line x1={x(cursorTime)} x2={x(cursorTime)} y1={0} y2={HEIGHT} stroke="#000" strokeWidth={2} />}
      </svg>
      <figcaption className="legend">
        {order.map((c) => (
          <span key={c}>
            <span className="swatch" style={{ background: categoryColours[c] }} aria-hidden="true" /> {c}
          </span>
        ))}
        <span>
          {new Date(density.start).toISOString().slice(0, 10)} → {new Date(density.end).toISOString().slice(0, 10)}
        </span>
      </figcaption>
    </figure>
  );
}

