import { useEffect, useRef } from 'react';
import { usePresentView, useTimeline, useTimelineControls } from '../runtimeContext';
import { useSingleKeyShortcuts } from './singleKeyChoice';

/** Inputs that take no typed text: a shortcut pressed on them is still a shortcut. */
const notTextInputs = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file']);

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !notTextInputs.has((target as HTMLInputElement).type);
}

/** Keys for the step shortcuts: `[` / `]` one event, with Shift (`{` / `}`) a hundred. */
const steps: Record<string, number> = { '[': -1, ']': 1, '{': -100, '}': 100 };

/** The shortcuts the timeline panel lists, in its words. */
export const shortcutHelp = [
  ['[', ']', 'step back / forward one event'],
  ['Shift+[', 'Shift+]', 'step 100'],
  ['Esc', '', 'return to the present'],
  ['Alt+T', '', 'show or hide the timeline'],
  ['Ctrl+Z', 'Ctrl+Shift+Z', 'undo / redo'],
] as const;

/**
 * The time machine's keys, from anywhere on the page but a text field: stepping opens the
 * timeline, so the user sees where the cursor went. Renders nothing; it lives outside the lazy
 * panel so the keys work before it is first opened.
 */
export function TimelineShortcuts({ onToggle, onOpen }: { onToggle: () => void; onOpen: () => void }) {
  const timeline = useTimelineControls();
  const cursor = useTimeline((t) => t.cursor);
  const present = usePresentView((v) => v.position);
  const start = usePresentView((v) => v.origin?.position ?? 0);
  const ready = usePresentView((v) => v.status === 'ready');
  const [singleKeys] = useSingleKeyShortcuts();
  // The handler reads the latest values without being re-attached on every step.
  const latest = useRef({ cursor, present, start, ready, singleKeys, onToggle, onOpen });
  useEffect(() => {
    latest.current = { cursor, present, start, ready, singleKeys, onToggle, onOpen };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const { cursor, present, start, ready, singleKeys, onToggle, onOpen } = latest.current;
      if (e.altKey) {
        if (e.code !== 'KeyT') return;
        e.preventDefault();
        onToggle();
        return;
      }
      if (!ready) return;
      if (singleKeys && e.key in steps) {
        e.preventDefault();
        onOpen();
        const next = (cursor ?? present) + steps[e.key]!;
        if (next >= present) timeline.returnToPresent();
        else void timeline.moveTo(Math.max(start, next));
      } else if (e.key === 'Escape' && cursor !== null) {
        e.preventDefault();
        timeline.returnToPresent();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [timeline]);

  return null;
}
