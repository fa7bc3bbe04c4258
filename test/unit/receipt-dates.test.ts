/**
 * True receipt dates: the office's receipt log beats the e-mail's Date, which beats the date line
 * under the table; nothing else (never the file's modification time) dates a report, and a report
 * of unknown date is counted apart, never as late.
 */
import { describe, expect, it } from 'vitest';
import { consolidate, type SubmittedFile } from '../../src/core/consolidate.js';
import { vietnamDate } from '../../src/core/dates-and-numbers.js';
import {
  entryNames,
  parseReceiptDate,
  parseReceiptLog,
  receiptDateOf,
} from '../../src/core/receipt-log.js';
import { mailInstant } from '../../src/io/read-mail.js';
import { receiptRows } from '../../src/io/read-receipts.js';
import { formGrid, lucYenRows, shippedRun, submitted } from '../helpers/build.js';
import { loadPlan } from '../../src/commands/load-data.js';

const now = new Date('2022-06-20T03:00:00Z');

/** A receipt log from its text, as `--receipts` reads it. */
const logOf = (text: string, file: string) => parseReceiptLog(receiptRows(text), file);

async function lucYen(o: {
  file?: string;
  dateLine?: string | null;
  mailDate?: string | null;
  mtime?: Date | null;
}): Promise<SubmittedFile> {
  const p = await shippedRun();
  const grids = ['01', '02', '03', '04', '05'].map((f) =>
    formGrid(p, f, lucYenRows(), { title: ['UBND HUYỆN LỤC YÊN', '6 tháng đầu năm 2022'] }),
  );
  const s = await submitted(grids, {
    fileName: o.file ?? 'Luc Yen.xlsx',
    reportDate: o.dateLine ?? null,
  });
  return {
    ...s,
    mtime: o.mtime ?? null,
    ...(o.mailDate !== undefined
      ? { mailDate: o.mailDate, sender: 'ldtbxh.lucyen@example.vn' }
      : {}),
  };
}

async function run(files: SubmittedFile[], log?: string) {
  const p = await shippedRun();
  return consolidate(files, {
    cat: p.cat,
    plan: await loadPlan(p.cat),
    rules: p.rules,
    period: '2022-H1',
    lang: 'vi',
    now,
    ...(log !== undefined ? { receipts: logOf(log, 'so-nhan.csv') } : {}),
  });
}

const fileOf = (r: Awaited<ReturnType<typeof run>>) =>
  r.units.find((u) => u.code === '135')?.files[0];

describe('the receipt date of a file', () => {
  it('receipt log, then e-mail, then date line; else unknown', async () => {
    const log = 'tệp,ngày nhận\r\nLuc Yen.xlsx,16/06/2022\r\n';
    const all = await lucYen({ dateLine: '2022-06-10', mailDate: '2022-06-12' });
    expect(fileOf(await run([all], log))).toMatchObject({
      reportDate: '2022-06-16',
      dateSource: 'receipt-log',
      onTime: false,
    });
    expect(fileOf(await run([all]))).toMatchObject({
      reportDate: '2022-06-12',
      dateSource: 'e-mail',
      sender: 'ldtbxh.lucyen@example.vn',
      onTime: true,
    });
    const lineOnly = await lucYen({ dateLine: '2022-06-10' });
    expect(fileOf(await run([lineOnly]))).toMatchObject({
      reportDate: '2022-06-10',
      dateSource: 'date-line',
    });
    // An e-mail without a valid Date falls back to the date line.
    const badMail = await lucYen({ dateLine: '2022-06-10', mailDate: null });
    expect(fileOf(await run([badMail]))?.dateSource).toBe('date-line');
  });

  it('never the modification time: an undated file copied today is not late, but unknown', async () => {
    const undated = await lucYen({ mtime: new Date('2026-12-02T08:00:00Z') });
    const r = await run([undated]);
    expect(fileOf(r)).toMatchObject({ reportDate: null, dateSource: null, onTime: null });
    expect(r.completeness).toMatchObject({ accepted: 1, onTime: 0, late: 0, unknownDate: 1 });
    const old = await lucYen({ mtime: new Date('2022-06-01T08:00:00Z') });
    expect((await run([old])).completeness).toEqual(r.completeness);
  });

  it('counts on time, late and unknown apart; the on-time rate stays over the units expected', async () => {
    const r = await run([await lucYen({ dateLine: '2022-06-15' })]);
    expect(r.completeness).toMatchObject({
      expected: 9,
      accepted: 1,
      onTime: 0,
      late: 1,
      unknownDate: 0,
      onTimeRate: 0,
    });
    const ok = await run([await lucYen({ dateLine: '2022-06-14' })]);
    expect(ok.completeness).toMatchObject({ onTime: 1, late: 0, unknownDate: 0, onTimeRate: 11.1 });
  });

  it('a log row naming no file checked, or with a bad date, is a finding about the log', async () => {
    const log = 'file;received\nKhông có.xlsx;2022-06-10\nLuc Yen.xlsx;31/02/2022\n';
    const r = await run([await lucYen({ dateLine: '2022-06-10' })], log);
    const got = r.findings.filter((f) => f.file === 'so-nhan.csv').map((f) => [f.code, f.row]);
    expect(got).toEqual([
      ['receipt-log-bad-row', 3],
      ['receipt-log-unknown-file', 2],
    ]);
    expect(fileOf(r)?.dateSource).toBe('date-line');
  });
});

describe('Vietnam’s day of an e-mail’s Date', () => {
  it('turns at 17:00 UTC, not at midnight UTC', () => {
    expect(vietnamDate(new Date('2022-06-14T16:59:59Z'))).toBe('2022-06-14');
    expect(vietnamDate(new Date('2022-06-14T17:00:00Z'))).toBe('2022-06-15');
    expect(vietnamDate(new Date('Tue, 14 Jun 2022 23:40:00 -0500'))).toBe('2022-06-15');
    expect(vietnamDate(new Date('Wed, 15 Jun 2022 00:10:00 +0700'))).toBe('2022-06-15');
  });

  it('reads a Date header as written by mail programs; a zone left out is Vietnam’s; junk is none', () => {
    const mailDay = (t: string) => {
      const d = mailInstant(t);
      return d && vietnamDate(d);
    };
    expect(mailDay('Tue, 14 Jun 2022 17:40:00 +0000')).toBe('2022-06-15');
    expect(mailDay('Tue, 14 Jun 2022 16:40:00 GMT')).toBe('2022-06-14');
    expect(mailDay('Mon, 13 Jun 2022 23:30:00 +0700 (ICT)')).toBe('2022-06-13');
    expect(mailDay('14 Jun 2022 23:30:00')).toBe('2022-06-14');
    expect(mailDay('hôm qua')).toBeNull();
    expect(mailDay('Mon, 13 Jun 1970 09:00:00 +0700')).toBeNull();
  });
});

describe('the receipt log', () => {
  it('reads Vietnamese or English headers, a BOM, CRLF, commas or semicolons, dd/mm/yyyy or ISO', () => {
    const vi = logOf('\uFEFFTệp,Ngày nhận\r\nA.xlsx,5/6/2022\r\n"B, C.csv",2022-06-14\r\n', 'l');
    expect(vi.findings).toEqual([]);
    expect(vi.entries.map((e) => [e.file, e.date, e.line])).toEqual([
      ['A.xlsx', '2022-06-05', 2],
      ['B, C.csv', '2022-06-14', 3],
    ]);
    const en = logOf('note;File;Received\n;x.xlsx;15.06.2022\n', 'l');
    expect(en.entries.map((e) => e.date)).toEqual(['2022-06-15']);
  });

  it('a stray quote costs its own line only', () => {
    const r = logOf('tệp;ngày nhận\n"A.xlsx;10/06/2022\nB.xlsx;11/06/2022\n', 'l');
    expect(r.entries.map((e) => [e.file, e.line])).toEqual([['B.xlsx', 3]]);
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([['receipt-log-bad-row', 2]]);
  });

  it('a log without the two columns is one finding, and gives no date', () => {
    const r = logOf('a,b\nx.xlsx,10/06/2022\n', 'l');
    expect(r.entries).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['receipt-log-header']);
    expect(logOf('', 'l').findings.map((f) => f.code)).toEqual(['receipt-log-header']);
  });

  it('dates: real days only', () => {
    expect(parseReceiptDate('29/02/2024')).toBe('2024-02-29');
    expect(parseReceiptDate('29/02/2023')).toBeNull();
    expect(parseReceiptDate('2022-13-01')).toBeNull();
    expect(parseReceiptDate('hôm qua')).toBeNull();
  });

  it('names a file by its name or its path in the inbox, either slash, any case; an e-mail names its attachments', () => {
    expect(entryNames('Luc Yen.xlsx', 'hop-thu/2022-H1/Luc Yen.xlsx')).toBe(true);
    expect(entryNames('2022-H1\\luc yen.XLSX', 'hop-thu/2022-H1/Luc Yen.xlsx')).toBe(true);
    expect(entryNames('Yen.xlsx', 'hop-thu/2022-H1/Luc Yen.xlsx')).toBe(false);
    const att = 'hop-thu/Văn Chấn.eml › VanChan_Bieu01.csv';
    expect(entryNames('Văn Chấn.eml', att)).toBe(true);
    expect(entryNames('Văn Chấn.eml › VanChan_Bieu01.csv', att)).toBe(true);
    expect(entryNames('VanChan_Bieu01.csv', att)).toBe(true);
    // NFD (as some keyboards type) and NFC spellings are one name.
    expect(entryNames('Văn Chấn.eml'.normalize('NFD'), att)).toBe(true);
    const log = logOf('file,received\nLuc Yen.xlsx,10/06/2022\nLuc Yen.xlsx,11/06/2022\n', 'l');
    expect(receiptDateOf('x/Luc Yen.xlsx', log)).toBe('2022-06-11');
  });
});
