import type { ChainVerdict } from '../es';

export interface VerifyRequest {
  dbName: string;
}

export type VerifyReply =
  { type: 'progress'; checked: number; total: number } | { type: 'done'; verdict: ChainVerdict } | { type: 'failed'; error: string };
