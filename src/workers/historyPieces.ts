import type { EventLog } from '../es';
import { openShopLog, shopSchemaVersions } from '../shopLog';
import type { HistoryFileHeader } from './exportProtocol';

const ROWS_PER_PIECE = 5_000;
const encoder = new TextEncoder();

export interface HistoryPiece {
  bytes: Uint8Array;
  /** Events written so far, of `total`. */
  written: number;
  total: number;
  done: boolean;
  header: HistoryFileHeader;
}

/**
 * A history file, piece by piece: its header line, then every row as stored (not upcast: the
 * hash covers the row as written), one JSON line each, up to the last event there was at the start.
 */
export class HistoryPieces {
  private started = false;

  private constructor(
    private readonly log: EventLog,
    readonly header: HistoryFileHeader,
    private after: number,
  ) {}

  /** From the log's start (its first event, or its archive anchor) to its end, or to `upTo` (an archive). */
  static async open(dbName: string, createdAt: string, upTo = Infinity): Promise<HistoryPieces> {
    const log = openShopLog(dbName);
    const start = await log.chainStart();
    // A damaged log is exported up to the first missing event: what is readable, still a whole chain.
    const end = Math.min(upTo, await log.lastPosition());
    const gap = await log.firstGap(end);
    const lastSeq = gap === null ? end : gap - 1;
    if (upTo !== Infinity && lastSeq !== upTo) {
      log.close();
      throw new Error(
        lastSeq <= start.seq && upTo <= start.seq
          ? `events up to #${upTo} are archived already`
          : `the log holds events only up to #${lastSeq}, not #${upTo}`,
      );
    }
    const headHash = lastSeq > start.seq ? await log.storedHashAt(lastSeq) : start.hash;
    const header: HistoryFileHeader = {
      format: 'rewind-history',
      formatVersion: 1,
      appVersion: __APP_VERSION__,
      schemaVersions: { ...shopSchemaVersions },
      eventCount: lastSeq - start.seq,
      firstSeq: start.seq + 1,
      lastSeq,
      headHash: headHash ?? '',
      createdAt,
      ...(start.seq > 0 ? { anchor: start } : {}),
    };
    return new HistoryPieces(log, header, start.seq);
  }

  async next(): Promise<HistoryPiece> {
    const { header } = this;
    let text = this.started ? '' : `${JSON.stringify(header)}\n`;
    this.started = true;
    const rows = await this.log.readStoredRows(this.after + 1, header.lastSeq, ROWS_PER_PIECE);
    for (const row of rows) text += `${JSON.stringify(row)}\n`;
    const last = (rows.at(-1) as { seq?: number } | undefined)?.seq;
    if (rows.length > 0 ? last !== this.after + rows.length : this.after < header.lastSeq) {
      throw new Error(`event ${this.after + 1} or one soon after it is missing from the log`);
    }
    this.after += rows.length;
    const done = this.after >= header.lastSeq;
    if (done) this.log.close();
    return { bytes: encoder.encode(text), written: this.after - (header.firstSeq - 1), total: header.eventCount, done, header };
  }

  close(): void {
    this.log.close();
  }
}
