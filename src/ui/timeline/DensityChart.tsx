import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { countOf } from '../../domain';
import type { EventCategory } from '../../domain';
import { useTimeline, useTimelineControls } from '../runtimeContext';
import { TimeAxis } from './TimeAxis';
import { formatMoment } from './timeTicks';
import { zoomAbout } from './zoomMath';
import './timelineZoom.css';

export const categoryColours: Record<EventCategory, string> = {
  catalog: '#2f6f9f',
  customers: '#7a4fa0',
  cart: '#c07a00',
  orders: '#2e7d4f',
  restore: '#a4161a',
};

const WIDTH = 1000;
const HEIGHT = 60;
/** A drag shorter than this (px on screen) is a click, not a range. */
const MIN_BRUSH_PX = 4;
/** Wheel delta that halves (or doubles) the time shown. */
const WHEEL_PER_DOUBLING = 300;

/**
 * Events per time bucket, stacked by category, with the cursor and branch points marked, over a
 * dated axis. Dragging across it zooms to that time, the wheel zooms about the pointer (the
 * Scrubber's buttons do both by keyboard).
 */
export function DensityChart({ cursorTime, branchTimes }: { cursorTime: number | null; branchTimes: number[] }) {
  const density = useTimeline((t) => t.density);
  const branch = useTimeline((t) => t.branch);
  const zoom = useTimeline((t) => t.zoom);
  const timeline = useTimelineControls();
  const svgRef = useRef<SVGSVGElement>(null);
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const start = density?.start ?? 0;
  // Zoomed, the window is the zoom's; whole, it stretches to a branch's events after the present.
  const end = density ? (zoom ? density.end : Math.max(density.end, ...(branch?.eventTimes ?? []))) : 1;
  const span = Math.max(1, end - start);
  const timeAtFraction = (f: number) => start + Math.min(1, Math.max(0, f)) * span;

  // The wheel is listened to natively: React's wheel listener is passive and could not keep the page still.
  const view = useRef({ start, end, timeline });
  useEffect(() => {
    view.current = { start, end, timeline };
  }, [start, end, timeline]);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let pending = 0;
    let fraction = 0.5;
    let frame = 0;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      fraction = box.width > 0 ? (e.clientX - box.left) / box.width : 0.5;
      pending += e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      // Many wheel events a frame become one zoom.
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        const { start: s, end: t, timeline: controls } = view.current;
        const factor = Math.pow(2, pending / WHEEL_PER_DOUBLING);
        pending = 0;
        const next = zoomAbout(s, t, s + Math.min(1, Math.max(0, fraction)) * (t - s), factor);
        const outcome = controls.zoomTo(next.start, next.end, 'replace');
        setRefusal(outcome.zoomed ? null : outcome.reason);
      });
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      svg.removeEventListener('wheel', onWheel);
      cancelAnimationFrame(frame);
    };
  }, [density !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!density) return null;
  const x = (time: number) => ((time - start) / span) * WIDTH;
  const buckets = density.buckets;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const lane = branch ? branchLane(branch.eventTimes, start, span, buckets.length) : null;
  // Bars are placed by their own times, so they line up with the axis, the cursor and the branch marks.
  const bucketSpan = (density.end - density.start) / Math.max(1, buckets.length);
  const barWidth = (bucketSpan / span) * WIDTH;
  const order = Object.keys(categoryColours) as EventCategory[];
  const inView = (t: number) => t >= start && t <= end;

  const fractionOf = (e: PointerEvent) => {
    const box = e.currentTarget.getBoundingClientRect();
    return box.width > 0 ? (e.clientX - box.left) / box.width : 0;
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const f = fractionOf(e);
    setBrush({ from: f, to: f });
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (brush) setBrush({ from: brush.from, to: fractionOf(e) });
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    if (!brush) return;
    const to = fractionOf(e);
    setBrush(null);
    const width = e.currentTarget.getBoundingClientRect().width;
    if (Math.abs(to - brush.from) * width < MIN_BRUSH_PX) return;
    const outcome = timeline.zoomTo(timeAtFraction(Math.min(brush.from, to)), timeAtFraction(Math.max(brush.from, to)), 'in');
    setRefusal(outcome.zoomed ? null : outcome.reason);
  };

  return (
    <figure className="density">
      <svg
        ref={svgRef}
        viewBox={`0 0 ${WIDTH} ${HEIGHT + (lane ? 16 : 0)}`}
        className={`zoomable${lane ? ' with-branch' : ''}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Events over time by category, ${formatMoment(start)} to ${formatMoment(end)}${zoom ? ' (zoomed)' : ''}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setBrush(null)}
      >
        {buckets.map((bucket, i) => {
          let y = HEIGHT;
          return order.map((category) => {
            const n = bucket.counts[category] ?? 0;
            if (n === 0) return null;
            const h = (n / max) * (HEIGHT - 4);
            y -= h;
            return (
              <rect
                key={`${i}-${category}`}
                x={x(bucket.from)}
                y={y}
                width={Math.max(1, barWidth - 1)}
                height={h}
                fill={categoryColours[category]}
              />
            );
          });
        })}
        {branchTimes.filter(inView).map((t, i) => (
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
        {cursorTime !== null && inView(cursorTime) && (
          <line x1={x(cursorTime)} x2={x(cursorTime)} y1={0} y2={HEIGHT} stroke="#000" strokeWidth={2} />
        )}
        {brush && (
          <rect
            className="brush"
            x={Math.min(brush.from, brush.to) * WIDTH}
            y={0}
            width={Math.abs(brush.to - brush.from) * WIDTH}
            height={HEIGHT}
          />
        )}
      </svg>
      <TimeAxis start={start} end={end} />
      {refusal && (
        <p role="status" className="muted zoom-refusal">
          {refusal}
        </p>
      )}
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
        <span>Drag across the plot or scroll over it to zoom.</span>
      </figcaption>
    </figure>
  );
}

/** Branch events per bucket, on the same time scale as the real history above them; those outside it are left out. */
function branchLane(times: number[], start: number, span: number, buckets: number): number[] {
  const lane = new Array<number>(buckets).fill(0);
  for (const t of times) {
    const i = Math.floor(((t - start) / span) * buckets);
    if (i >= 0 && i <= buckets) lane[Math.min(buckets - 1, i)]! += 1;
  }
  return lane;
}
