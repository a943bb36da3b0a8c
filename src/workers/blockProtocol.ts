import type { EventBytes } from '../es';

export interface BlockRequest {
  id: number;
  dbName: string;
  size: number;
  index: number;
}

export type BlockReply = { id: number; block: EventBytes | null } | { id: number; error: string };
