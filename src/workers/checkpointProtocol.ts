import type { JsonParts } from './jsonBytes';
import type { EventMarks } from '../timeline';

export interface CheckpointRequest {
  id: number;
  dbName: string;
  /** The interval asked for: the worker's state must be at `from - 1` (or `from` is 1). */
  from: number;
  to: number;
  /** Events per stored replay block, as the page reads them. */
  blockSize: number;
}

/**
 * The changes from the state at `from - 1` to the state at `to`: ShopChanges as JSON bytes, in
 * parts to apply one after another (see splitShopChanges).
 */
export interface CheckpointMade {
  parts: JsonParts;
  marks: EventMarks;
}

export type CheckpointReply = { id: number; made: CheckpointMade | null } | { id: number; error: string };
