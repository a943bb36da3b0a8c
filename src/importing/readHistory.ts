import { readCsvRecords, type TextChunk } from './csvRecords';
import { detectDateOrder, type DateOrder } from './dates';
import { HistoryReader, type HistoryReading, type ReaderOptions } from './historyReader';

export interface ReadProgress {
  /** 1, or 2 when the dates turned out to need the other day/month order. */
  pass: number;
  rows: number;
  bytesRead: number;
}

export interface ReadHistoryOptions extends ReaderOptions {
  /** The user's choice; null to detect it from the file. */
  dateOrder?: DateOrder | null;
  onProgress?: (progress: ReadProgress) => void;
}

export interface HistoryFileReading extends HistoryReading {
  /** What the file's dates point to, whatever was used. */
  detectedDateOrder: DateOrder;
}

/**
 * Reads an order-history file into an import plan. The day/month order is only known once every
 * date was seen, so the file is read assuming month first (the original export's order); if its
 * dates say otherwise, it is read once more in the order they point to.
 */
export async function readHistory(
  open: () => AsyncIterable<TextChunk> | Iterable<TextChunk>,
  options: ReadHistoryOptions = {},
): Promise<HistoryFileReading> {
  const chosen = options.dateOrder ?? null;
  const pass = async (order: DateOrder, number: number) => {
    const reader = new HistoryReader(order, options);
    await readCsvRecords(open(), reader.accept, (bytesRead) => options.onProgress?.({ pass: number, rows: reader.rows, bytesRead }));
    return reader.finish();
  };
  const first = await pass(chosen ?? 'month-first', 1);
  const detected = detectDateOrder(first.dateEvidence);
  if (chosen !== null || detected === first.dateOrder) return { ...first, detectedDateOrder: detected };
  return { ...(await pass(detected, 2)), detectedDateOrder: detected };
}
