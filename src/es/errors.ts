/** The stream moved on between reading and writing: re-read and decide again. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}.`);
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

/** A command or file did not have the right shape; nothing was decided. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => i.message).join(' '));
  }
}

/**
 * A command broke a business rule. `message` is written for people; `code` and `details`
 * carry the facts for programs (tests, the UI's highlighting). `changedElsewhere` is true when
 * the rule broke only because another tab changed what the decision read after it was sent.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly changedElsewhere = false,
  ) {
    super(message);
  }
}

/** The same refusal (same code and facts), saying that the change that caused it came from elsewhere. */
export function changedElsewhere(error: DomainError): DomainError {
  if (error.changedElsewhere) return error;
  return new DomainError(error.code, `Changed in another tab just now: ${error.message}`, error.details, true);
}

/** The browser refused to store more (quota); nothing of the write was kept. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(cause?: unknown) {
    super('The browser has no room left to store events. Nothing was saved; free some space and try again.');
    this.cause = cause;
  }
}

/**
 * A concurrency conflict that did not resolve: retries that brought nothing new kept failing, or
 * the safety net on all retries was reached (docs/decisions/009-consistency-boundary.md).
 */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Another tab kept changing the same data; gave up after ${attempts} attempts. Please try again.`);
    this.cause = cause;
  }
}

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

/**
 * The log cannot be read past `position`: the event there is missing (a gap in the positions) or
 * unreadable (not an event, or its fold failed). What precedes it is still good.
 */
/** How a stored event is damaged: gone, not an event this build can fold, or changed since written (its hash). */
export type DamageKind = 'missing' | 'unreadable' | 'changed';

const damageWords: Record<DamageKind, string> = {
  missing: 'is missing from the log',
  unreadable: 'in the log cannot be read',
  changed: 'was changed after it was written: it does not match its hash',
};

export class LogDamageError extends Error {
  override readonly name = 'LogDamageError';
  constructor(
    readonly position: number,
    readonly kind: DamageKind,
    cause?: unknown,
  ) {
    super(`Event ${position} ${damageWords[kind]}.`);
    this.cause = cause;
  }
}

/** An event has a schema version newer than this code knows: a newer build wrote it. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
  constructor(
    readonly position: number,
    readonly type: string,
    readonly schemaVersion: number,
    readonly knownVersion: number,
  ) {
    super(`Event ${position} (${type}) has schema version ${schemaVersion}; this build knows up to ${knownVersion}.`);
  }
}

/** The log was told to refuse writes (it is damaged, or a newer build wrote it); `message` says why. */
export class WritesRefusedError extends Error {
  override readonly name = 'WritesRefusedError';
}

/** A position before the log's origin was asked for: the events there were archived and are not in this browser. */
export class ArchivedHistoryError extends Error {
  override readonly name = 'ArchivedHistoryError';
  constructor(
    readonly position: number,
    readonly origin: number,
  ) {
    super(`History before event ${origin + 1} is archived: the time machine cannot reach behind it.`);
  }
}

/**
 * The log no longer holds the history a decision was made on: another tab or window replaced it
 * (an imported history file, a start over) after this one loaded it. Nothing was written.
 */
export class HistoryReplacedError extends Error {
  override readonly name = 'HistoryReplacedError';
  constructor(
    /** The identity of the history the writer loaded (null: one not yet named). */
    readonly loaded: string | null,
    /** The identity of the history the log holds now. */
    readonly current: string | null,
  ) {
    super('The history was replaced in another tab or window after this one loaded it: reload to see it. Nothing was saved.');
  }
}
