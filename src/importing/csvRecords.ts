import Papa, { type ParseResult, type Parser } from 'papaparse';
import { DomainError } from '../es';

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

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Which encoding a file's first bytes point to: a byte-order mark names it; without one, a
 * header of plain letters written as UTF-16 shows a zero byte beside each letter. Anything else
 * is read as UTF-8 (which ASCII and the original export are).
 */
export function sniffEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return 'utf-16le';
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return 'utf-16be';
  return 'utf-8';
}

/** Bytes looked at before the encoding is chosen. */
const SNIFF_BYTES = 4;

/**
 * Decodes a file's text across piece boundaries (one decoder for the whole stream, so a
 * character split between two pieces survives), in the encoding its first bytes point to
 * (UTF-8, or UTF-16 of either byte order), and drops a leading byte-order mark.
 */
export async function* decodeText(pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<TextChunk> {
  let decoder: TextDecoder | null = null;
  let head = new Uint8Array(0);
  let bytesRead = 0;
  for await (const piece of pieces) {
    bytesRead += piece.byteLength;
    let bytes = piece;
    if (!decoder) {
      const joined = new Uint8Array(head.length + piece.length);
      joined.set(head);
      joined.set(piece, head.length);
      if (joined.length < SNIFF_BYTES) {
        head = joined;
        continue;
      }
      decoder = new TextDecoder(sniffEncoding(joined));
      bytes = joined;
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield { text, bytesRead };
  }
  // A file shorter than the sniff: decode what there is.
  const rest = decoder ? decoder.decode() : new TextDecoder(sniffEncoding(head)).decode(head);
  if (rest) yield { text: rest, bytesRead };
}

/** The former name: every encoding decodeText knows, not only UTF-8. */
export const decodeUtf8 = decodeText;

/** Cuts a string into pieces, as a file stream would deliver it (tests, small inputs). */
export function* textChunks(text: string, size = 64 * 1024): Generator<TextChunk> {
  for (let from = 0; from < text.length; from += size) {
    yield { text: text.slice(from, from + size), bytesRead: Math.min(from + size, text.length) };
  }
}

/** Called per record with its fields (untrimmed) and the file line it starts on (1-based). */
export type RecordHandler = (fields: string[], line: number) => void;

/** A record (a row of the file, with the line breaks inside its quotes) longer than this refuses the file. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

/**
 * Streams CSV text through Papa Parse's parser, handing over whole records. Papa's own file
 * streamer is not used: it decodes byte slices one by one, which corrupts characters split
 * between slices (mholt/PapaParse#751), and guesses the line ending from the first slice only.
 * Here the text is decoded as one stream, every line ending (CRLF, CR or LF, mixed as they come)
 * is made a LF, and each piece is parsed together with the unfinished record left over from the
 * one before, as Papa's streamers do internally. That unfinished record is parsed again only once
 * it has doubled (a record ends at a line break, so a piece without one cannot end it), so that a
 * huge field costs linear time; a record beyond MAX_RECORD_CHARS refuses the file.
 */
export async function readCsvRecords(
  chunks: AsyncIterable<TextChunk> | Iterable<TextChunk>,
  onRecord: RecordHandler,
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  let parser: Parser | null = null;
  let rest = '';
  /** A CR that ended the last piece: whether a LF follows is only known with the next one. */
  let pendingCr = false;
  /** Parse again once `rest` is at least this long. */
  let retryAt = 0;
  /** Whether a line break came since the last parse: without one, no record can have ended. */
  let sawBreak = false;
  let line = 1;
  const hand = (rows: string[][]) => {
    for (const row of rows) {
      onRecord(row, line);
      line += 1 + breaksInside(row);
    }
  };
  for await (const chunk of chunks) {
    let text = chunk.text;
    if (pendingCr) text = `\r${text}`;
    pendingCr = text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    text = unifyLineEnds(text);
    rest += text;
    sawBreak ||= text.indexOf('\n') >= 0;
    if (sawBreak && rest.length >= retryAt) {
      sawBreak = false;
      parser ??= startParser(rest);
      const result = parser.parse(rest, 0, true) as ParseResult<string[]>;
      hand(result.data);
      rest = rest.slice(result.meta.cursor);
      retryAt = rest.length * 2;
    }
    if (rest.length > MAX_RECORD_CHARS) throw tooLong(line);
    onProgress?.(chunk.bytesRead);
  }
  // A CR that ended the file ended its last line, as the end of the file does anyway.
  if (rest.length > MAX_RECORD_CHARS) throw tooLong(line);
  // A final line break ends the last record: no empty record follows it.
  if (rest.endsWith('\n')) rest = rest.slice(0, -1);
  if (rest === '') return;
  parser ??= startParser(rest);
  hand((parser.parse(rest, 0, false) as ParseResult<string[]>).data);
}

function tooLong(line: number): DomainError {
  return new DomainError(
    'record-too-long',
    `The row on line ${line.toLocaleString('en-GB')} runs on for more than ${(MAX_RECORD_CHARS / 1024 / 1024).toLocaleString('en-GB')} million characters ` +
      '(an unclosed quote, or not an order-history file), so the file was not read and nothing was imported.',
    { line },
  );
}

/** CRLF and lone CR become LF: files whose lines end in mixed ways are read line by line all the same. */
function unifyLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** Picks the delimiter from the first line (line endings are all LF by now). */
function startParser(text: string): Parser {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const delimiter = [',', ';', '\t'].reduce((best, d) => (count(first, d) > count(first, best) ? d : best), ',');
  return new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}

/** Line breaks inside quoted fields (all LF by now): the record spans that many more lines of the file. */
function breaksInside(row: readonly string[]): number {
  let n = 0;
  for (const field of row) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n += 1;
  return n;
}
