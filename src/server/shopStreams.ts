import { isExpectedVersionConflictError } from '@event-driven-io/emmett';
import { defaultTag } from '@event-driven-io/emmett-postgresql';
import { GENESIS_HASH, type ChainLink, type StoredEvent } from '../es';
import type { Device } from './deviceTokens';
import type { SyncDatabase } from './syncDatabase';

/** An event as the upstream holds it, with the device that pushed it. */
export interface UpstreamEvent {
  event: StoredEvent;
  device: { id: string; name: string };
}

export type AppendOutcome =
  | { kind: 'appended'; head: ChainLink; retried: boolean }
  | { kind: 'stale'; head: ChainLink }
  | { kind: 'duplicate'; head: ChainLink; id: string };

interface PushedMetadata {
  messageId: string;
  deviceId: string;
  deviceName: string;
}

/** One Emmett stream per shop: its stream position is the upstream sequence every device converges on. */
export const streamOf = (shopId: string) => `rewindshop-${shopId}`;
/** Event ids are unique per shop; prefixing keeps one shop's ids from colliding with (or probing) another's. */
const messageIdOf = (shopId: string, id: string) => `${shopId}/${id}`;

export class ShopStreams {
  /** The newest head this process saw per shop: events never change, so a push on it needs no read. */
  private readonly heads = new Map<string, ChainLink>();

  constructor(private readonly db: SyncDatabase) {}

  private saw(shopId: string, head: ChainLink): ChainLink {
    if (this.heads.size > 10_000) this.heads.clear();
    if ((this.heads.get(shopId)?.seq ?? -1) <= head.seq) this.heads.set(shopId, head);
    return head;
  }

  /** Position `seq` and its event's hash (the genesis hash at 0), or null when upstream holds no such position. */
  async linkAt(shopId: string, seq: number): Promise<ChainLink | null> {
    if (seq === 0) return { seq: 0, hash: GENESIS_HASH };
    const known = this.heads.get(shopId);
    if (known?.seq === seq) return known;
    const { rows } = await this.db.pool.query<{ hash: string }>(
      `SELECT message_data->>'hash' AS hash FROM emt_messages
        WHERE stream_id = $1 AND partition = $2 AND is_archived = FALSE AND stream_position = $3`,
      [streamOf(shopId), defaultTag, seq],
    );
    return rows[0] ? { seq, hash: rows[0].hash } : null;
  }

  /** The last upstream event's position and hash (0 and the genesis hash for an empty shop). */
  async head(shopId: string): Promise<ChainLink> {
    // Emmett has no "read the last event": its messages table is read directly, on its primary key.
    const { rows } = await this.db.pool.query<{ stream_position: string; hash: string }>(
      `SELECT stream_position, message_data->>'hash' AS hash FROM emt_messages
        WHERE stream_id = $1 AND partition = $2 AND is_archived = FALSE
        ORDER BY stream_position DESC LIMIT 1`,
      [streamOf(shopId), defaultTag],
    );
    const row = rows[0];
    return this.saw(shopId, row ? { seq: Number(row.stream_position), hash: row.hash } : { seq: 0, hash: GENESIS_HASH });
  }

  /** Up to `limit` events after position `after`, in order. */
  async read(shopId: string, after: number, limit: number): Promise<UpstreamEvent[]> {
    // Emmett's `to` is inclusive (and `maxCount` reads one more than asked): the range is given whole.
    const { events } = await this.db.store.readStream(streamOf(shopId), { from: BigInt(after + 1), to: BigInt(after + limit) });
    return events.map((e) => {
      const meta = e.metadata as unknown as PushedMetadata;
      return { event: e.data as unknown as StoredEvent, device: { id: meta.deviceId, name: meta.deviceName } };
    });
  }

  /**
   * Appends `events` after position `base`, or says why not: upstream moved on (stale), or an id is
   * already there. A retry of a push that was committed but whose answer was lost is recognised by
   * its ids at the same positions and answered as the first time.
   */
  async append(shopId: string, base: number, events: StoredEvent[], device: Device): Promise<AppendOutcome> {
    try {
      await this.db.store.appendToStream(
        streamOf(shopId),
        events.map((event) => ({
          type: event.type,
          data: event as unknown as Record<string, unknown>,
          metadata: { messageId: messageIdOf(shopId, event.id), deviceId: device.deviceId, deviceName: device.name },
        })),
        { expectedStreamVersion: BigInt(base) },
      );
      const head = this.saw(shopId, { seq: base + events.length, hash: events[events.length - 1]!.hash });
      return { kind: 'appended', head, retried: false };
    } catch (error) {
      // Emmett reports a unique-index violation (a duplicate id) as a version conflict too; its bundled
      // copy of the error class is not the one it exports, so the error is recognised by its code.
      if (!isExpectedVersionConflictError(error)) throw error;
      return this.whyRefused(shopId, base, events);
    }
  }

  private async whyRefused(shopId: string, base: number, events: StoredEvent[]): Promise<AppendOutcome> {
    const head = await this.head(shopId);
    const ids = events.map((e) => messageIdOf(shopId, e.id));
    const { rows } = await this.db.pool.query<{ message_id: string; stream_position: string; hash: string }>(
      `SELECT message_id, stream_position, message_data->>'hash' AS hash FROM emt_messages WHERE message_id = ANY($1) AND stream_id = $2`,
      [ids, streamOf(shopId)],
    );
    const at = new Map(rows.map((r) => [r.message_id, { seq: Number(r.stream_position), hash: r.hash }]));
    const same = (id: string, i: number) => at.get(id)?.seq === base + i + 1 && at.get(id)?.hash === events[i]!.hash;
    if (ids.every(same)) {
      return { kind: 'appended', head: { seq: base + events.length, hash: events[events.length - 1]!.hash }, retried: true };
    }
    if (head.seq !== base) return { kind: 'stale', head };
    const taken = events.find((e) => at.has(messageIdOf(shopId, e.id))) ?? events[0]!;
    return { kind: 'duplicate', head, id: taken.id };
  }
}
