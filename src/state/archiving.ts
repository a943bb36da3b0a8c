import { formatCount } from '../domain';
import type { HistoryFileHeader } from '../es';
import type { HistorySink } from '../workers';
import type { ShopRuntime } from './shopRuntime';

/** An archive file written, and the step that then removes what it holds from this browser. */
export interface HistoryArchive {
  header: HistoryFileHeader;
  /**
   * Once the file is saved: replaces the archived events by the state after the last of them
   * (Engine.archiveUpTo). Other tabs are told; this page should then load anew.
   */
  compact(): Promise<void>;
}

/** The name of an archive of the events before `firstKept`, made today. */
export const archiveFileName = (firstKept: number, now = new Date()) =>
  `rewind-archive-${now.toISOString().slice(0, 10)}-before-${firstKept}.ndjson`;

/**
 * Archive history before event `firstKept`: the events from the history's start up to the one
 * before it, written as a history file (the export's format, from a worker) into `sink`. Nothing is
 * removed until `compact()`, so a file that fails to save loses nothing.
 */
export async function archiveHistory(
  runtime: Pick<ShopRuntime, 'log' | 'store' | 'engine'>,
  firstKept: number,
  sink: HistorySink,
  fileName: string,
  onProgress?: (written: number, total: number) => void,
): Promise<HistoryArchive> {
  runtime.log.assertWritable();
  const { position, origin } = runtime.store.getState();
  const start = origin?.position ?? 0;
  if (!Number.isSafeInteger(firstKept) || firstKept < start + 2 || firstKept > position + 1) {
    throw new Error(
      position <= start
        ? 'There are no events to archive.'
        : `Choose an event from #${formatCount(start + 2)} to #${formatCount(position + 1)}: the history in this browser holds events #${formatCount(start + 1)} to #${formatCount(position)}.`,
    );
  }
  const { exportHistory } = await import('../workers/onDemand');
  const header = await exportHistory(runtime.log.name, sink, onProgress, firstKept - 1);
  return {
    header,
    compact: () => runtime.engine.archiveUpTo(header.lastSeq, header.headHash, fileName),
  };
}
