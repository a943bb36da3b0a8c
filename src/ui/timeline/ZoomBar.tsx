import { useState, type KeyboardEvent } from 'react';
import { formatCount } from '../../domain';
import { useTimeline, useTimelineControls } from '../runtimeContext';
import { formatMoment } from './timeTicks';
import { zoomAbout } from './zoomMath';

/** How much of the time shown a keyboard zoom keeps. */
const ZOOM_IN_FACTOR = 1 / 4;

/**
 * The keyboard's way to zoom (the plot's drag and wheel are shortcuts on top of it): in about the
 * cursor, out one level, or back to the whole history, with the zoomed range in words.
 */
export function ZoomBar({ position }: { position: number }) {
  const timeline = useTimelineControls();
  const zoom = useTimeline((t) => t.zoom);
  const density = useTimeline((t) => t.density);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!density) return null;

  const zoomIn = () => {
    const start = zoom?.start ?? density.start;
    const end = zoom?.end ?? density.end;
    const next = zoomAbout(start, end, timeline.timeOf(position) ?? end, ZOOM_IN_FACTOR);
    const outcome = timeline.zoomTo(next.start, next.end, 'in');
    setRefusal(outcome.zoomed ? null : outcome.reason);
  };
  const zoomOut = (all: boolean) => {
    setRefusal(null);
    timeline.zoomOut(all);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && zoom) {
      e.preventDefault();
      zoomOut(false);
    }
  };

  return (
    <div className="zoom-bar" onKeyDown={onKeyDown}>
      <button className="secondary" onClick={zoomIn} aria-label="Zoom in around the cursor">
        Zoom in
      </button>
      {zoom && (
        <>
          <button className="secondary" onClick={() => zoomOut(false)} aria-label={zoom.depth > 1 ? 'Zoom out one level' : 'Zoom out'}>
            Zoom out
          </button>
          {zoom.depth > 1 && (
            <button className="secondary" onClick={() => zoomOut(true)}>
              Whole history
            </button>
          )}
          <output className="zoom-range" aria-live="polite">
            Zoomed: #{formatCount(zoom.fromPosition)} – #{formatCount(zoom.toPosition)} ({formatMoment(zoom.start)} –{' '}
            {formatMoment(zoom.end)})
          </output>
        </>
      )}
      {refusal && (
        <span role="status" className="muted">
          {refusal}
        </span>
      )}
    </div>
  );
}
