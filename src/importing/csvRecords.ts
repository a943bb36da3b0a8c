import Papa, { type ParseResult, type Parser } from 'papaparse';

export interface TextChunk {
  text: string;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead: number;
}

/** A file's bytes, a piece at a time, without reading it whole. */
export async function* blobBytes(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Decodes UTF-8 across piece boundaries (one decoder for the whole stream, so a character split
 * between two pieces survives) and drops a leading byte-order mark.
 */
export async function* decodeUtf8(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder('utf-8');
  let bytesRead = 0;
  for await (const piece of pieces) {
    bytesRead += piece.byteLength;
    yield { text: decoder.decode(piece, { stream: true }), bytesRead };
  }
  const rest = decoder.decode();
  if (rest) yield { text: rest, bytesRead };
}

/** Cuts a string into pieces, as a file stream would deliver it (tests, small inputs). */
export function* textChunks(text: string, size = 64 * 1024): Generator<TextChunk> {
  for (let from = 0; from < text.length; from += size) {
    yield { text: text.slice(from, from + size), bytesRead: Math.min(from + size, text.length) };
  }
}

/** Called per record with its fields (untrimmed) and the file line it starts on (1-based). */
export type RecordHandler = (fields: string[], line: number) => void;

/**
 * Streams CSV text through Papa Parse's parser, handing over whole records. Papa's own file
 * streamer is not used: it decodes byte slices one by one, which corrupts characters split
 * between slices (mholt/PapaParse#751), and guesses the line ending from the first slice only.
 * Here the text is decoded as one stream and each piece is parsed together with the unfinished
 * record left over from the one before, as Papa's streamers do internally.
 */
export async function readCsvRecords(
  chunks: AsyncIterable<TextChunk> | Iterable<TextChunk>,
  onRecord: RecordHandler,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  let parser: Parser | null = null;
  let rest = '';
  let line = 1;
  const hand = (rows: string[][]) => {
    for (const row of rows) {
      onRecord(row, line);
      line += 1 + breaksInside(row);
    }
  };
  for await (const chunk of chunks) {
    rest += chunk.text;
    parser ??= startParser(rest, false);
    if (parser) {
      const result = parser.parse(rest, 0, true) as ParseResult<string[]>;
      hand(result.data);
      rest = rest.slice(result.meta.cursor);
    }
    onProgress?.(chunk.bytesRead);
  }
  parser ??= startParser(rest, true);
  if (parser && rest !== '') hand((parser.parse(rest, 0, false) as ParseResult<string[]>).data);
}

/** Picks the line ending and delimiter from the first line, once it is complete (or the input ended). */
function startParser(text: string, ended: boolean): Parser | null {
  const end = text.search(/[\r\n]/);
  if (end < 0 && !ended) return null;
  const newline = end < 0 || text[end] === '\n' ? '\n' : text[end + 1] === '\n' ? '\r\n' : text.length > end + 1 || ended ? '\r' : null;
  if (newline === null) return null;
  const first = end < 0 ? text : text.slice(0, end);
  const delimiter = [',', ';', '\t'].reduce((best, d) => (count(first, d) > count(first, best) ? d : best), ',');
  return new Papa.Parser({ delimiter, newline, quoteChar: '"' });
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}

/** Line breaks inside quoted fields: the record spans that many more lines of the file. */
function breaksInside(row: readonly string[]): number {
  let n = 0;
  for (const field of row) {
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    n += (field.match(/\r\n|\r|\n/g) ?? []).length;
  }
  return n;
}
