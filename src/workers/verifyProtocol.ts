import type { ChainVerdict } from '../es';

/** Checks the events after `after` up to `upTo` (one part of the log, when several workers share it). */
export interface VerifyRequest {
  dbName: string;
  after: number;
  upTo: number;
}

export type VerifyReply =
  { type: 'progress'; checked: number; total: number } | { type: 'done'; verdict: ChainVerdict } | { type: 'failed'; error: string };
