import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/es';
import {
  decodeText,
  decodeUtf8,
  MAX_RECORD_CHARS,
  readCsvRecords,
  sniffEncoding,
  textChunks,
  type TextChunk,
} from '../../../src/importing';

async function records(text: string, size?: number): Promise<Array<[number, string[]]>> {
  const out: Array<[number, string[]]> = [];
  await readCsvRecords(textChunks(text, size), (fields, line) => out.push([line, fields]));
  return out;
}

async function* bytes(...pieces: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

const tricky = [
  'InvoiceNo,Description,Quantity',
  '536381,"AIRLINE LOUNGE,METAL SIGN",2',
  '536477,"RECORD FRAME 7"" SINGLE SIZE ",48',
  '536478,"TWO',
  'LINES",1',
  '',
  '536479,plain,3',
].join('\r\n');

describe('readCsvRecords', () => {
  it('keeps commas and doubled quotes inside quoted fields (a line break inside quotes becomes LF), and numbers records by the line they start on', async () => {
    expect(await records(tricky)).toEqual([
      [1, ['InvoiceNo', 'Description', 'Quantity']],
      [2, ['536381', 'AIRLINE LOUNGE,METAL SIGN', '2']],
      [3, ['536477', 'RECORD FRAME 7" SINGLE SIZE ', '48']],
      [4, ['536478', 'TWO\nLINES', '1']],
      [6, ['']],
      [7, ['536479', 'plain', '3']],
    ]);
  });

  it('gives the same records whatever the size of the pieces the text arrives in', async () => {
    const whole = await records(tricky);
    for (let size = 1; size <= tricky.length; size += 1) expect(await records(tricky, size)).toEqual(whole);
  });

  it('reads \\n, \\r\\n and \\r line endings, with or without a final line break', async () => {
    for (const newline of ['\n', '\r\n', '\r']) {
      const text = ['a,b', '1,2', '3,4'].join(newline);
      expect((await records(text, 3)).map(([, f]) => f)).toEqual([
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ]);
      expect((await records(text + newline, 3)).map(([, f]) => f)).toEqual([
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ]);
    }
  });

  it('detects a semicolon-separated export from its header', async () => {
    expect((await records('a;b\n"x;y";2\n')).slice(0, 2).map(([, f]) => f)).toEqual([
      ['a', 'b'],
      ['x;y', '2'],
    ]);
  });

  it('decodes UTF-8 characters split between two pieces of the file', async () => {
    const encoded = new TextEncoder().encode('\uFEFFname\nCafé crème ☕\n');
    const cut = encoded.indexOf(0xc3) + 1; // inside the é
    const texts: string[] = [];
    for await (const chunk of decodeUtf8(bytes(encoded.slice(0, cut), encoded.slice(cut)))) texts.push(chunk.text);
    expect(texts.join('')).toBe('name\nCafé crème ☕\n');
  });
});

describe('line endings, encodings and runaway records', () => {
  it('reads every line of a file whose lines end in mixed ways, whatever the piece size', async () => {
    const lines = Array.from({ length: 199 }, (_, i) => `${i},x`);
    const ends = ['\r\n', '\n', '\r'];
    const text = lines.map((l, i) => l + ends[i % 3]).join('');
    for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
      const got = await records(text, size);
      expect(got).toHaveLength(199);
      expect(got.map(([line]) => line)).toEqual(lines.map((_, i) => i + 1));
      expect(got[198]![1]).toEqual(['198', 'x']);
    }
  });

  it('knows UTF-8 and UTF-16 (either byte order) from the byte-order mark, or UTF-16 from the zero bytes of its header', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toBe('utf-16be');
    expect(sniffEncoding(new Uint8Array([0x41, 0, 0x42, 0]))).toBe('utf-16le');
    expect(sniffEncoding(new Uint8Array([0, 0x41, 0, 0x42]))).toBe('utf-16be');
    expect(sniffEncoding(new Uint8Array([0x41, 0x42]))).toBe('utf-8');
  });

  it('decodes UTF-16 text split anywhere, and files shorter than the sniff', async () => {
    const text = 'a,£\r\n1,€';
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const pieces = [le.slice(0, 1), le.slice(1, 3), le.slice(3, 6), le.slice(6)];
    let out = '';
    for await (const chunk of decodeText(bytes(...pieces))) out += chunk.text;
    expect(out).toBe(text);
    out = '';
    for await (const chunk of decodeText(bytes(new Uint8Array([0x61, 0x2c])))) out += chunk.text;
    expect(out).toBe('a,');
  });

  it(`refuses a record that runs on past ${MAX_RECORD_CHARS} characters (an unclosed quote), naming its line`, async () => {
    const piece = `"${'x\n'.repeat(1 << 15)}`;
    function* open(): Generator<TextChunk> {
      yield { text: 'a,b\n1,2\n', bytesRead: 8 };
      for (let sent = 0; sent <= MAX_RECORD_CHARS; sent += piece.length) yield { text: piece, bytesRead: 0 };
    }
    const error = await readCsvRecords(open(), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('record-too-long');
    expect((error as DomainError).message).toMatch(/^The row on line 3 runs on for more than 32 million characters/);
  });
});
