import type { EventLog } from '../../src/es';
import { readHistoryFile } from '../../src/workers/historyFileReader';

/** What the history-file worker does, run here: check the whole file, then write it over `replacing` events. */
export async function importOnPage(log: EventLog, file: Blob, replacing = 0) {
  const checked = await readHistoryFile(file);
  await log.adoptHistory(checked.rows, { replacing });
  return checked.header;
}
