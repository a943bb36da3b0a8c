import type { ReactNode } from 'react';
import { countOf, formatCount } from '../../domain';

/** A long task's progress bar, with "N of M events <done>" beside it (or `children` instead). */
export function TaskProgress({
  label,
  value,
  max,
  done,
  children,
}: {
  label: string;
  value: number;
  max: number;
  done?: string;
  children?: ReactNode;
}) {
  return (
    <p>
      <progress aria-label={label} max={max || 1} value={value} />{' '}
      {children ?? `${formatCount(value)} of ${countOf(max, 'event')} ${done ?? 'done'}`}
    </p>
  );
}

/** How a task ended, in a sentence: a status when it went well, an alert when not. */
export function TaskOutcome({ ok, testId, children }: { ok: boolean; testId: string; children: ReactNode }) {
  return (
    <p role={ok ? 'status' : 'alert'} className={ok ? 'notice' : 'error'} data-testid={testId}>
      {children}
    </p>
  );
}
