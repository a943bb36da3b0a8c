import { useSyncExternalStore } from 'react';

const KEY = 'rewind:single-key-shortcuts';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

/**
 * Whether the one-key shortcuts ([ and ]) are on: a speech-input or screen-reader user can turn
 * them off (WCAG 2.1.4), and the choice is remembered.
 */
export function useSingleKeyShortcuts(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
  const set = (value: boolean) => {
    try {
      localStorage.setItem(KEY, value ? 'on' : 'off');
    } catch {
      // storage blocked: the choice is not kept
    }
    listeners.forEach((l) => l());
  };
  return [on, set];
}
