import { describe, expect, it } from 'vitest';
import { decodeUtf8, readCsvRecords, textChunks } from '../../../src/importing';

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
  it('keeps commas and doubled quotes inside quoted fields, and numbers records by the line they start on', async () => {
    expect(await records(tricky)).toEqual([
      [1, ['InvoiceNo', 'Description', 'Quantity']],
      [2, ['536381', 'AIRLINE LOUNGE,METAL SIGN', '2']],
      [3, ['536477', 'RECORD FRAME 7" SINGLE SIZE ', '48']],
      [4, ['536478', 'TWO\r\nLINES', '1']],
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
