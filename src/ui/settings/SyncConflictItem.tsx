import { describeEvent, type Command, type Names } from '../../domain';
import type { SyncView } from '../../state';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatTime } from '../StatusBar';
import { useCommand } from '../runtimeContext';

/**
 * One refused command of a rebase: what it was, why it no longer applies, whose event caused it.
 * "Try again" sends it anew, decided on the shop as it is now; only an accepted retry leaves the list.
 */
export function SyncConflictItem({
  conflict,
  names,
  onDismiss,
}: {
  conflict: SyncView['conflicts'][number];
  names: Names;
  onDismiss: () => void;
}) {
  const { send, error, busy, clearError } = useCommand();
  const first = conflict.events[0];
  const what = first ? describeEvent(first, names) : 'A change';
  // The stored command is parsed by the gateway like any other: a damaged record is refused there.
  const retry = async () => {
    if (await send(conflict.input as Command)) onDismiss();
  };
  return (
    <li>
      <p>
        <strong>Not applied: {what}</strong> ({first ? formatTime(first.at) : ''}).
      </p>
      <p>Why: {conflict.reason}</p>
      {conflict.causedBy && (
        <p>
          Because {conflict.causedBy.device}: {describeEvent(conflict.causedBy.event, names)} at {formatTime(conflict.causedBy.event.at)}.
        </p>
      )}
      {conflict.input !== undefined && (
        <button type="button" disabled={busy} onClick={() => void retry()} aria-label={`Try again: ${what}`}>
          Try again
        </button>
      )}
      <button type="button" onClick={onDismiss} aria-label={`Dismiss: ${what}`}>
        Dismiss
      </button>
      <ErrorMessage message={error && `Still refused: ${error}`} onDismiss={clearError} />
    </li>
  );
}
