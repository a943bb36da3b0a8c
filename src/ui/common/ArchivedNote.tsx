import type { LogOrigin } from '../../es';
import { usePresentView } from '../runtimeContext';
import { formatCount } from '../../domain';

/** Where the timeline starts once the history's beginning was archived, and where that went. */
export function archivedSentence(origin: Pick<LogOrigin, 'position' | 'archivedAs'>): string {
  return `History before #${formatCount(origin.position + 1)} is archived in ${origin.archivedAs}.`;
}

/** The sentence above, shown (as text only) wherever the history's start matters; nothing when nothing was archived. */
export function ArchivedNote() {
  const origin = usePresentView((v) => v.origin);
  if (!origin) return null;
  return (
    <p className="muted archived-note" data-testid="archived-note">
      {archivedSentence(origin)} The timeline, what-if, branches and restore start at #{formatCount(origin.position)}.
    </p>
  );
}
