import { ConcurrencyError, DomainError, RetriesExhaustedError, StorageFullError, ValidationError, WritesRefusedError } from '../../state';

/** Turns any failure into a sentence for a shop owner; unexpected ones say so plainly. */
export function describeError(error: unknown): string {
  if (
    error instanceof DomainError ||
    error instanceof ValidationError ||
    error instanceof StorageFullError ||
    error instanceof RetriesExhaustedError ||
    error instanceof WritesRefusedError
  ) {
    return error.message;
  }
  if (error instanceof ConcurrencyError) return 'Someone changed the same data in another tab. Please try again.';
  if ((error as { name?: string } | null)?.name === 'DatabaseClosedError') {
    return 'Rewind was updated in another tab, so this tab stopped writing. Nothing was saved: reload to continue.';
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Something went wrong and nothing was saved: ${message}`;
}
