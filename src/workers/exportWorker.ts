import type { FromExportWorker, ToExportWorker } from './exportProtocol';
import { HistoryPieces } from './historyPieces';

/**
 * Streams the log as a history file. The page asks for each piece after writing the one before,
 * so however fast rows are read, at most one piece is in memory on either side.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToExportWorker>) => void) | null;
  postMessage(message: FromExportWorker, transfer?: Transferable[]): void;
};

let pieces: HistoryPieces | null = null;

scope.onmessage = ({ data }) => {
  const step = async () => {
    if (data.type === 'start') pieces = await HistoryPieces.open(data.dbName, data.createdAt, data.upTo);
    if (!pieces) throw new Error('no export was started');
    const piece = await pieces.next();
    if (piece.done) pieces = null;
    scope.postMessage({ type: 'chunk', ...piece }, [piece.bytes.buffer]);
  };
  step().catch((error: unknown) => {
    pieces?.close();
    pieces = null;
    scope.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  });
};
