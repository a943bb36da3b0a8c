import { useEffect, useState } from 'react';
import { describeError } from '../common/describeError';
import { useReadOnly, useTimeline, useTimelineControls } from '../runtimeContext';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Undo / redo of this device's own commands (read back from the log), as compensating events; Ctrl+Z and Ctrl+Shift+Z. */
export function UndoRedo() {
  const timeline = useTimelineControls();
  const undoable = useTimeline((t) => t.undoable);
  const redoable = useTimeline((t) => t.redoable);
  const readOnly = useReadOnly();
  const inBranch = useTimeline((t) => t.branch !== null);
  const [error, setError] = useState<string | null>(null);
  const disabled = readOnly || inBranch;

  const run = async (action: 'undo' | 'redo') => {
    setError(null);
    try {
      await (action === 'undo' ? timeline.undo() : timeline.redo());
    } catch (e) {
      setError(describeError(e));
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || typing(e.target) || disabled) return;
      e.preventDefault();
      void run(e.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="undo-redo">
      <button
        className="secondary"
        onClick={() => void run('undo')}
        disabled={disabled || undoable === 0}
        aria-label="Undo"
        title="Undo (Ctrl+Z)"
      >
        ↶ Undo
      </button>
      <button
        className="secondary"
        onClick={() => void run('redo')}
        disabled={disabled || redoable === 0}
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
      >
        ↷ Redo
      </button>
      {error && (
        <span role="alert" className="error header-error">
          {error}
        </span>
      )}
    </div>
  );
}
