import { useCallback, useEffect, useState } from 'react';

const KEY = 'rewind:timeline-height';
export const MIN_DOCK_HEIGHT = 120;
/** The dock never takes more than this share of the window, so the app stays usable above it. */
const MAX_SHARE = 0.8;
const DEFAULT_SHARE = 0.45;

export const maxDockHeight = (windowHeight: number) => Math.max(MIN_DOCK_HEIGHT, Math.floor(windowHeight * MAX_SHARE));

export const clampDockHeight = (height: number, windowHeight: number) =>
  Math.round(Math.min(maxDockHeight(windowHeight), Math.max(MIN_DOCK_HEIGHT, height)));

function storedHeight(): number | null {
  try {
    const value = Number(localStorage.getItem(KEY));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null; // storage blocked: the default height
  }
}

/**
 * The timeline dock's height in px: remembered in localStorage, clamped to the window as it is
 * now (a height chosen on a tall window shrinks on a short one, and grows back).
 */
export function useDockHeight(): { height: number; max: number; setHeight: (height: number) => void } {
  const [windowHeight, setWindowHeight] = useState(() => window.innerHeight);
  const [wanted, setWanted] = useState(() => storedHeight() ?? Math.round(window.innerHeight * DEFAULT_SHARE));

  useEffect(() => {
    const onResize = () => setWindowHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const setHeight = useCallback((height: number) => {
    const clamped = clampDockHeight(height, window.innerHeight);
    setWanted(clamped);
    try {
      localStorage.setItem(KEY, String(clamped));
    } catch {
      // storage blocked: the height lasts for this page only
    }
  }, []);

  return { height: clampDockHeight(wanted, windowHeight), max: maxDockHeight(windowHeight), setHeight };
}
