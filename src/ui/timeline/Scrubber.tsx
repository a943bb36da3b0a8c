import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useHistory, usePresentView, useTimeline, useTimelineControls } from '../runtimeContext';
import { formatCount } from '../../domain';
import { ZoomBar } from './ZoomBar';

const speeds = [
  { id: '1', label: '1×', perSecond: 1 },
  { id: '4', label: '4×', perSecond: 4 },
  { id: '16', label: '16×', perSecond: 16 },
  { id: 'real', label: 'Real time', perSecond: 0 },
] as const;

/** Longest pause between two events in real-time play: long gaps would otherwise stall it. */
const MAX_REAL_GAP_MS = 3_000;

/**
 * The slider over positions from the history's start (0, or its archive anchor) to the present,
 * or over a zoomed range only, with stepping and play that stay inside it.
 */
export function Scrubber() {
  const timeline = useTimelineControls();
  const history = useHistory();
  const present = usePresentView((v) => v.position);
  // Where the history starts: its archived beginning is not in this browser.
  const start = usePresentView((v) => v.origin?.position ?? 0);
  const cursor = useTimeline((t) => t.cursor);
  const zoom = useTimeline((t) => t.zoom);
  const position = cursor ?? present;
  // The slider's ends: the zoomed range's, or the whole history's.
  const low = zoom ? Math.max(start, zoom.fromPosition) : start;
  const high = zoom ? Math.min(present, zoom.toPosition) : present;
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof speeds)[number]['id']>('4');
  const positionRef = useRef(position);
  useEffect(() => {
    positionRef.current = position;
  }, [position]);

  const go = (p: number) => {
    const to = Math.min(high, Math.max(low, p));
    if (to >= present) timeline.returnToPresent();
    else void timeline.moveTo(to);
  };

  useEffect(() => {
    if (!playing) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      if (cancelled) return;
      const next = positionRef.current + 1;
      if (next > high) {
        setPlaying(false);
        return;
      }
      let delay = 1000 / (speeds.find((s) => s.id === speed)?.perSecond || 1);
      if (speed === 'real') {
        const [a, b] = await history.eventsAt(positionRef.current, next);
        delay = a && b ? Math.min(MAX_REAL_GAP_MS, Math.max(0, Date.parse(b.at) - Date.parse(a.at))) : 0;
      }
      timer = setTimeout(() => {
        if (cancelled) return;
        go(next);
        void tick();
      }, delay);
    };
    void tick();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, speed, present, high]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step: Record<string, number> = { PageUp: 100, PageDown: -100, ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };
    if (e.key in step) {
      e.preventDefault();
      go(position + step[e.key]!);
    } else if (e.key === 'Home') {
      e.preventDefault();
      go(low);
    } else if (e.key === 'End') {
      e.preventDefault();
      go(high);
    } else if (e.key === 'Escape' && zoom) {
      e.preventDefault();
      timeline.zoomOut();
    }
  };

  return (
    <div className="scrubber">
      <input
        type="range"
        min={low}
        max={high}
        step={1}
        value={Math.min(high, Math.max(low, position))}
        aria-label="Timeline position"
        aria-valuetext={`Event ${position} of ${present}${zoom ? `, zoomed to ${zoom.fromPosition}–${zoom.toPosition}` : ''}`}
        onChange={(e) => go(Number(e.target.value))}
        onKeyDown={onKeyDown}
      />
      <div className="scrubber-controls">
        <button className="secondary" onClick={() => go(position - 1)} disabled={position <= low} aria-label="Step back">
          ◀ Step
        </button>
        <button onClick={() => setPlaying((p) => !p)} aria-label={playing ? 'Pause' : 'Play'} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button className="secondary" onClick={() => go(position + 1)} disabled={position >= high} aria-label="Step forward">
          Step ▶
        </button>
        <label htmlFor="play-speed">Speed</label>
        <select id="play-speed" value={speed} onChange={(e) => setSpeed(e.target.value as typeof speed)}>
          {speeds.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <output aria-live="polite" className="position">
          #{formatCount(position)} / {formatCount(present)}
        </output>
      </div>
      <ZoomBar position={position} />
    </div>
  );
}
