import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/es';
import { readHistory, textChunks, type DateOrder } from '../../../src/importing';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** Reads a hand-made file, delivered in small pieces so that records straddle them. */
function read(lines: string[], dateOrder: DateOrder | null = null) {
  const text = lines.join('\r\n');
  return readHistory(() => textChunks(text, 17), { dateOrder });
}

describe('reading an order-history file', () => {
  it('matches header names whatever their case, spaces, underscores and order, with the aliases of Online Retail II', async () => {
    const reading = await read([
      'Country, price ,Customer ID,invoice_date,quantity,DESCRIPTION,Stock Code,Invoice,Extra',
      'United Kingdom,2.55,17850,12/1/10 8:26,6,WHITE HANGING HEART,85123A,536365,ignored',
    ]);
    expect(reading.columns).toEqual({
      invoiceNo: 'Invoice',
      stockCode: 'Stock Code',
      description: 'DESCRIPTION',
      quantity: 'quantity',
      invoiceDate: 'invoice_date',
      unitPrice: 'price',
      customerId: 'Customer ID',
      country: 'Country',
    });
    expect(reading.plan.invoices).toEqual([
      {
        invoiceNo: '536365',
        kind: 'sale',
        customerId: '17850',
        at: '2010-12-01T08:26:00.000Z',
        lines: [{ sku: '85123A', quantity: 6, unitPriceCents: 255 }],
      },
    ]);
  });

  it('loads the Online Retail II form: Invoice, Price, Customer ID and ISO dates', async () => {
    const reading = await read([
      'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country',
      '489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085,United Kingdom',
    ]);
    expect(reading.figures).toMatchObject({ rowsRead: 1, orders: 1, grossSalesCents: 8340, customers: 1 });
    expect(reading.plan.invoices[0]!.at).toBe('2009-12-01T07:45:00.000Z');
  });

  it('refuses a file that lacks a required column, naming it', async () => {
    const error = await read(['InvoiceNo,StockCode,Quantity,UnitPrice', '1,A,1,1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('The file has no column for the invoice date ("InvoiceDate").');
  });

  it('detects day-first dates from a first number above 12 and reads every date that way', async () => {
    const reading = await read([HEADER, '1,A,x,1,01/12/2010 08:00,1,,UK', '2,A,x,1,13/12/2010 09:00,1,,UK']);
    expect(reading.detectedDateOrder).toBe('day-first');
    expect(reading.dateOrder).toBe('day-first');
    expect(reading.plan.invoices.map((i) => i.at)).toEqual(['2010-12-01T08:00:00.000Z', '2010-12-13T09:00:00.000Z']);
    expect(reading.figures.malformedRows).toBe(0);
  });

  it('detects month-first dates from a second number above 12', async () => {
    const reading = await read([HEADER, '1,A,x,1,12/1/2010 08:00,1,,UK', '2,A,x,1,12/13/2010 09:00,1,,UK']);
    expect(reading.detectedDateOrder).toBe('month-first');
    expect(reading.plan.invoices.map((i) => i.at)).toEqual(['2010-12-01T08:00:00.000Z', '2010-12-13T09:00:00.000Z']);
  });

  it('reads ambiguous dates month first, unless the user chooses otherwise', async () => {
    const lines = [HEADER, '1,A,x,1,3/4/10 8:00,1,,UK'];
    const detected = await read(lines);
    expect(detected.detectedDateOrder).toBe('month-first');
    expect(detected.plan.invoices[0]!.at).toBe('2010-03-04T08:00:00.000Z');
    const overridden = await read(lines, 'day-first');
    expect(overridden.dateOrder).toBe('day-first');
    expect(overridden.detectedDateOrder).toBe('month-first');
    expect(overridden.plan.invoices[0]!.at).toBe('2010-04-03T08:00:00.000Z');
  });

  it('turns prices into cents rounding half up, and adds sales up in cents', async () => {
    const reading = await read([
      HEADER,
      '1,A,x,3,12/1/10 8:00,2.555,,UK',
      '1,B,y,1,12/1/10 8:00,0.104,,UK',
      '1,C,z,2,12/1/10 8:00,1.005,,UK',
    ]);
    expect(reading.plan.invoices[0]!.lines.map((l) => l.unitPriceCents)).toEqual([256, 10, 101]);
    expect(reading.figures.grossSalesCents).toBe(3 * 256 + 10 + 2 * 101);
  });

  it('lists malformed rows by file line with the reason, not counting blank lines as rows', async () => {
    const reading = await read([
      HEADER,
      '1,A,ok,1,12/1/10 8:00,1.00,5,UK',
      '',
      '2,A,too few fields,1,12/1/10 8:00,1.00,5',
      '3,A,too,many,1,12/1/10 8:00,1.00,5,UK',
      '   ',
      '4,A,x,1.5,12/1/10 8:00,1.00,5,UK',
      '5,A,x,two,12/1/10 8:00,1.00,5,UK',
      '6,A,x,1,12/1/10 8:00,£1,5,UK',
      '7,A,x,1,yesterday,1.00,5,UK',
      '8,A,x,,32/1/10 8:00,,5,UK',
      ',,,,,,,',
      '9,A,"quoted, with comma",1,12/1/10 8:00,1.00,5,UK',
    ]);
    expect(reading.malformed).toEqual([
      { line: 4, reason: 'wrong number of fields (7; the header has 8)' },
      { line: 5, reason: 'wrong number of fields (9; the header has 8)' },
      { line: 7, reason: 'quantity "1.5" is not an integer' },
      { line: 8, reason: 'quantity "two" is not an integer' },
      { line: 9, reason: 'price "£1" is not a number' },
      { line: 10, reason: 'date "yesterday" cannot be read' },
      { line: 11, reason: 'quantity (blank) is not an integer; price (blank) is not a number; date "32/1/10 8:00" cannot be read' },
    ]);
    expect(reading.figures).toMatchObject({ rowsRead: 9, malformedRows: 7, skippedRows: 0, orders: 2 });
  });

  it('skips well-formed rows that are neither a valid sale nor a valid return, and counts them', async () => {
    const reading = await read([
      HEADER,
      '1,A,ok,2,12/1/10 8:00,1.00,5,UK',
      '2,A,zero quantity,0,12/1/10 8:00,1.00,5,UK',
      '3,A,negative sale,-1,12/1/10 8:00,1.00,5,UK',
      '4,A,free,1,12/1/10 8:00,0,5,UK',
      '5,A,bad debt,1,12/1/10 8:00,-11062.06,5,UK',
      '6, ,no code,1,12/1/10 8:00,1.00,5,UK',
      'C7,A,return with positive quantity,1,12/1/10 8:00,1.00,5,UK',
      'C8,A,free return,-1,12/1/10 8:00,0.00,5,UK',
      ',A,no invoice,1,12/1/10 8:00,1.00,5,UK',
    ]);
    expect(reading.skipped).toEqual({ 'sale-quantity': 2, price: 3, 'stock-code': 1, 'return-quantity': 1, 'invoice-number': 1 });
    expect(reading.figures).toMatchObject({ rowsRead: 9, malformedRows: 0, skippedRows: 8, orders: 1, returns: 0, products: 1 });
  });

  it('keeps the same stock code twice in one invoice as two lines, each at its own price', async () => {
    const reading = await read([HEADER, '1,A,mug,2,12/1/10 8:00,1.00,5,UK', '1,A,mug,3,12/1/10 8:00,1.50,5,UK']);
    expect(reading.plan.invoices).toHaveLength(1);
    expect(reading.plan.invoices[0]!.lines).toEqual([
      { sku: 'A', quantity: 2, unitPriceCents: 100 },
      { sku: 'A', quantity: 3, unitPriceCents: 150 },
    ]);
    expect(reading.figures.grossSalesCents).toBe(650);
  });

  it('gives rows without a customer id to one Guest, who is not counted as a customer', async () => {
    const reading = await read([HEADER, '1,A,x,1,12/1/10 8:00,1,,UK', '2,A,x,1,12/1/10 8:00,1, ,UK', '3,A,x,1,12/1/10 8:00,1,17850,UK']);
    expect(reading.plan.invoices.map((i) => i.customerId)).toEqual([null, null, '17850']);
    expect(reading.figures.customers).toBe(1);
  });

  it('reads return invoices with positive quantities and the refunded amount', async () => {
    const reading = await read([
      HEADER,
      '536365,A,mug,6,12/1/10 8:00,2.55,17850,UK',
      'C536379,A,mug,-2,12/1/10 9:41,2.55,17850,UK',
      'C536379,D,Discount,-1,12/1/10 9:41,27.50,17850,UK',
    ]);
    expect(reading.plan.invoices[1]).toEqual({
      invoiceNo: 'C536379',
      kind: 'return',
      customerId: '17850',
      at: '2010-12-01T09:41:00.000Z',
      lines: [
        { sku: 'A', quantity: 2, unitPriceCents: 255 },
        { sku: 'D', quantity: 1, unitPriceCents: 2750 },
      ],
    });
    expect(reading.figures).toMatchObject({
      orders: 1,
      returns: 1,
      grossSalesCents: 1530,
      returnedAmountCents: 3260,
      netSalesCents: 1530 - 3260,
      products: 2,
    });
  });

  it('names a product after its first non-blank description, prices it from its first valid row and stocks what the sales take', async () => {
    const reading = await read([
      HEADER,
      '1,A,,2,12/1/10 8:00,0,5,UK',
      '1,A,,2,12/1/10 8:00,1.00,5,UK',
      '2,A,"RECORD FRAME 7"" SINGLE, SIZE ",3,12/1/10 9:00,1.20,5,UK',
      '3,A,later name,4,12/1/10 10:00,1.30,5,UK',
      'C4,A,,-1,12/1/10 11:00,1.00,5,UK',
      '5,B,,1,12/1/10 11:00,9.99,5,UK',
    ]);
    expect(reading.plan.products.get('A')).toEqual({ sku: 'A', name: 'RECORD FRAME 7" SINGLE, SIZE', priceCents: 100, stock: 9 });
    expect(reading.plan.products.get('B')).toEqual({ sku: 'B', name: 'B', priceCents: 999, stock: 1 });
  });

  it('orders invoices by date, keeping file order among equal dates', async () => {
    const reading = await read([
      HEADER,
      '30,A,x,1,12/2/10 8:00,1,5,UK',
      '10,A,x,1,12/1/10 8:00,1,5,UK',
      '20,A,x,1,12/2/10 8:00,1,5,UK',
      '05,A,x,1,12/1/10 8:00,1,5,UK',
      '30,A,x,1,12/2/10 8:00,1,5,UK',
    ]);
    expect(reading.plan.invoices.map((i) => [i.invoiceNo, i.lines.length])).toEqual([
      ['10', 1],
      ['05', 1],
      ['30', 2],
      ['20', 1],
    ]);
  });

  it('shows the first rows, trimmed, as a preview', async () => {
    const reading = await read([HEADER, ' 1 ,A, mug ,1,12/1/10 8:00,1,5,UK', '2,B,x,1,12/1/10 8:00,1,5,UK']);
    expect(reading.header).toEqual(HEADER.split(','));
    expect(reading.preview).toEqual([
      ['1', 'A', 'mug', '1', '12/1/10 8:00', '1', '5', 'UK'],
      ['2', 'B', 'x', '1', '12/1/10 8:00', '1', '5', 'UK'],
    ]);
  });
});
