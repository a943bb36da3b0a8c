import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MIN_DOCK_HEIGHT } from './dockHeight';

const KEY_STEP = 20;
const PAGE_STEP = 100;

/**
 * The bar on top of the docked timeline: drag it, or focus it and use the arrow keys, to change
 * the dock's height (a window splitter, as in the ARIA practices).
 */
export function DockHandle({ height, max, onResize }: { height: number; max: number; onResize: (height: number) => void }) {
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { startY: e.clientY, startHeight: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(drag.current.startHeight + drag.current.startY - e.clientY);
  };
  const endDrag = () => {
    drag.current = null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by: Record<string, number> = { ArrowUp: KEY_STEP, ArrowDown: -KEY_STEP, PageUp: PAGE_STEP, PageDown: -PAGE_STEP };
    let next: number | null = null;
    if (e.key in by) next = height + by[e.key]!;
    else if (e.key === 'Home') next = MIN_DOCK_HEIGHT;
    else if (e.key === 'End') next = max;
    if (next === null) return;
    e.preventDefault();
    onResize(next);
  };

  return (
    <div
      className="dock-handle"
      role="separator"
      tabIndex={0}
      aria-label="Resize the timeline"
      aria-orientation="horizontal"
      aria-controls="timeline"
      aria-valuenow={height}
      aria-valuemin={MIN_DOCK_HEIGHT}
      aria-valuemax={max}
      aria-valuetext={`${height} pixels high`}
      title="Drag, or use the arrow keys, to resize the timeline"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onKeyDown={onKeyDown}
    />
  );
}
