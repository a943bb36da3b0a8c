import { HistoryFileChecker, HistoryFileError, MAX_LINE_CHARS, type HistoryFileHeader, type StoredEvent } from '../es';
import { checkShopEvent } from '../shopLog';

export interface CheckedHistory {
  header: HistoryFileHeader;
  rows: StoredEvent[];
}

/**
 * Reads a history file as UTF-8 lines and checks each as it comes (HistoryFileChecker with the
 * shop's event check); the checked rows come back only when the whole file passed. A line is never
 * held longer than the checker allows, so a file without line breaks cannot fill the memory.
 */
export async function readHistoryFile(file: Blob, onProgress?: (readBytes: number, totalBytes: number) => void): Promise<CheckedHistory> {
  if (file.size === 0) throw new HistoryFileError(0, 'The file is empty: it has no header line.');
  const checker = new HistoryFileChecker(checkShopEvent);
  const rows: StoredEvent[] = [];
  const take = (line: string) => {
    const event = checker.take(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (event) rows.push(event);
  };
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = file.stream().getReader();
  let rest = '';
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    let text: string;
    try {
      text = decoder.decode(value, { stream: !done });
    } catch {
      throw new HistoryFileError(0, 'The file is not UTF-8 text, so it is not a Rewind history file.');
    }
    const lines = (rest + text).split('\n');
    rest = lines.pop()!;
    for (const line of lines) take(line);
    if (rest.length > MAX_LINE_CHARS) take(rest);
    read += value?.byteLength ?? 0;
    onProgress?.(read, file.size);
    if (done) break;
  }
  if (rest !== '') take(rest);
  return { header: checker.finish(), rows };
}
