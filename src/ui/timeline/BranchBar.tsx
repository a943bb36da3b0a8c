import { countOf } from '../../domain';
import { useState } from 'react';
import { describeError } from '../common/describeError';
import { ErrorMessage } from '../common/ErrorMessage';
import { useTimeline, useTimelineControls } from '../runtimeContext';

/** Start, enter, apply or discard what-if branches. */
export function BranchBar() {
  const timeline = useTimelineControls();
  const branch = useTimeline((t) => t.branch);
  const branches = useTimeline((t) => t.branches);
  const [error, setError] = useState<string | null>(null);
  const [confirmApply, setConfirmApply] = useState(false);
  const run = (action: () => Promise<void> | void) => async () => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <div className="branch-bar inline-form">
      {branch ? (
        <>
          <span>
            In branch <strong>{branch.record.name}</strong> ({countOf(branch.eventCount, 'event')})
          </span>
          <button className="secondary" onClick={run(() => timeline.leaveBranch())}>
            Leave branch
          </button>
          {confirmApply ? (
            <>
              <span>Re-run its commands on the present?</span>
              <button onClick={run(() => timeline.applyBranch(describeError))}>Yes, apply</button>
              <button className="secondary" onClick={() => setConfirmApply(false)}>
                No
              </button>
            </>
          ) : (
            <button onClick={() => setConfirmApply(true)}>Apply branch</button>
          )}
          <button className="danger" onClick={run(() => timeline.discardBranch())}>
            Discard branch
          </button>
        </>
      ) : (
        <>
          <button onClick={run(() => timeline.startBranch())}>Branch from here</button>
          {branches.length > 0 && (
            <>
              <label htmlFor="branch-pick">Saved branches</label>
              <select
                id="branch-pick"
                defaultValue=""
                onChange={(e) => e.target.value && void run(() => timeline.enterBranch(e.target.value))()}
              >
                <option value="">Choose…</option>
                {branches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </>
          )}
        </>
      )}
      <ErrorMessage message={error} onDismiss={() => setError(null)} />
    </div>
  );
}
