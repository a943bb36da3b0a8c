import { useEffect, useRef } from 'react';
import { currentParams, replaceParams } from '../common/useHashRoute';
import { useTimeline } from '../runtimeContext';

/**
 * At most this often while scrubbing: each history write is a round trip to the browser process, and
 * the browser throttles history updates. Where the cursor stops is always written.
 * Why: see docs/decisions/008-timeline-ui-costs.md, "src/ui/timeline/CursorInUrl.ts, MIN_GAP_MS".
 */
const MIN_GAP_MS = 1_000;

function writeCursor(cursor: number | null): void {
  const params = currentParams();
  if (cursor === null) params.delete('at');
  else params.set('at', String(cursor));
  replaceParams(params);
}

/**
 * Keeps `?at=N` in the URL in step with the cursor, so a reload or a shared link lands there. A
 * component of its own, so that a cursor move re-renders only this.
 */
export function CursorInUrl(): null {
  const cursor = useTimeline((t) => t.cursor);
  // Never yet: the first move after the page opens is written at once, not up to MIN_GAP_MS after
  // navigation began (by then a link opened meanwhile would be overwritten with the old cursor).
  const lastWrite = useRef(-Infinity);
  const mounted = useRef(false);
  useEffect(() => {
    // At mount the URL is what the page was opened with (main.tsx reads its cursor): only later moves are written.
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const write = () => {
      lastWrite.current = performance.now();
      writeCursor(cursor);
    };
    // A single move, and the return to the present, are written at once; a fast scrub is written
    // on the way and where it stops.
    const wait = cursor === null ? 0 : lastWrite.current + MIN_GAP_MS - performance.now();
    if (wait <= 0) {
      write();
      return;
    }
    const timer = setTimeout(write, wait);
    return () => clearTimeout(timer);
  }, [cursor]);
  return null;
}
