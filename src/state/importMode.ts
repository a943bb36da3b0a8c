import { formatCount } from '../domain';
import type { HistoryFileHeader } from '../es';
import type { HistoryWrite } from '../workers';
import type { ShopRuntime } from './shopRuntime';

/** Where a checked history file goes, as the log stands now. */
export type HistoryImportMode = HistoryWrite;

/**
 * Chooses where a checked file goes, from its start and end against this log's:
 * - a file that ends exactly where this history starts (its archive anchor) is that archive: it
 *   goes back before it, from the first event, or from an earlier anchor whose state this shop
 *   kept (a history archived more than once comes back piece by piece, the last archive first);
 * - a file that starts after an anchor (the next piece of a history archived in pieces): after
 *   this history's last event, which must be that anchor;
 * - any other file from the first event: into an empty shop, or in place of its history (after
 *   asking), unless it is one of this shop's earlier archives, which must wait for the later one.
 * Anything else is refused, saying which archive to import first.
 */
export async function importMode(runtime: Pick<ShopRuntime, 'log' | 'store'>, header: HistoryFileHeader): Promise<HistoryImportMode> {
  const { position, origin } = runtime.store.getState();
  const { anchor } = header;
  const span = `events #${formatCount(header.firstSeq)} to #${formatCount(header.lastSeq)}`;
  if (origin && header.lastSeq === origin.position && header.headHash === origin.hash) {
    if (!anchor) return { kind: 'restore-archive' };
    if ((await runtime.log.earlierOrigin(anchor.seq))?.hash === anchor.hash) return { kind: 'restore-archive', from: anchor };
    throw new Error(
      `This is the archive of ${span} of this shop, but the shop’s state at event #${formatCount(anchor.seq)}, where it starts, is not kept in this browser (it was archived again by an earlier version of Rewind). Import the pieces into an empty shop instead, in order, starting with the archive that ends at #${formatCount(anchor.seq)}.`,
    );
  }
  if (anchor) {
    const head = position === (origin?.position ?? 0) ? (await runtime.log.chainStart()).hash : await runtime.log.storedHashAt(position);
    if (anchor.seq === position && anchor.hash === head) return { kind: 'continue', from: anchor };
  }
  if (origin) {
    const next = `Import ${origin.archivedAs}, the archive of the events up to #${formatCount(origin.position)}, first.`;
    if ((await runtime.log.earlierOrigin(header.lastSeq))?.hash === header.headHash) {
      throw new Error(
        `This is the archive of ${span} of this shop, but its history here starts after #${formatCount(origin.position)}. ${next}`,
      );
    }
    if (anchor) {
      throw new Error(
        `This file continues a history after event #${formatCount(anchor.seq)}, and it neither ends where this shop’s history starts (#${formatCount(origin.position)}) nor starts where it ends: it is not an archive of this shop’s history. ${next}`,
      );
    }
  }
  if (anchor) {
    throw new Error(
      `This file continues a history after event #${formatCount(anchor.seq)} (what came before was archived): it can only follow that history, in a shop whose history ends there. Import the archive that ends at #${formatCount(anchor.seq)} first.`,
    );
  }
  return { kind: 'replace', replacing: position };
}
