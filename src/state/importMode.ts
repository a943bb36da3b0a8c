import { formatCount } from '../domain';
import type { HistoryFileHeader } from '../es';
import type { HistoryWrite } from '../workers';
import type { ShopRuntime } from './shopRuntime';

/** Where a checked history file goes, as the log stands now. */
export type HistoryImportMode = HistoryWrite;

/**
 * Chooses where a checked file goes, from its start and end against this log's:
 * - a file from the first event: into an empty shop, or in place of its history (after asking),
 *   or, when it ends exactly where this history starts (its archive), back before it;
 * - a file that starts after an anchor (the next piece of a history archived in pieces): after
 *   this history's last event, which must be that anchor. Anything else is refused, saying why.
 */
export async function importMode(runtime: Pick<ShopRuntime, 'log' | 'store'>, header: HistoryFileHeader): Promise<HistoryImportMode> {
  const { position, origin } = runtime.store.getState();
  const { anchor } = header;
  if (anchor) {
    const head = position === (origin?.position ?? 0) ? (await runtime.log.chainStart()).hash : await runtime.log.storedHashAt(position);
    if (anchor.seq === position && anchor.hash === head) return { kind: 'continue', from: anchor };
    throw new Error(
      `This file continues a history after event #${formatCount(anchor.seq)} (what came before was archived): it can only follow that history, in a shop whose history ends there. Import the archive that ends at #${formatCount(anchor.seq)} first.`,
    );
  }
  if (origin && header.lastSeq === origin.position && header.headHash === origin.hash) return { kind: 'restore-archive' };
  return { kind: 'replace', replacing: position };
}
