import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findingMessage } from '../../src/core/finding.js';
import { cellAt } from '../../src/core/grid.js';
import { formatSize, readSubmissionFile, type ReadOutcome } from '../../src/io/read-file.js';
import { sniffFile } from '../../src/io/sniff.js';
import { NO_CONVERT_ENV } from '../../src/io/office-convert.js';
import { guardZip } from '../../src/io/zip-guard.js';
import { SUBMISSION_EXTENSIONS } from '../../src/io/walk.js';
import { findSoffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';

const MiB = 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'povreport-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

async function read(file: string, extra: { maxBytes?: number } = {}): Promise<ReadOutcome> {
  return readSubmissionFile(file, { displayPath: path.basename(file), ...extra });
}

/** The one finding of a file that could not be read, with its Vietnamese message. */
function onlyFinding(out: ReadOutcome): { code: string; vi: string; params: object } {
  expect(out.findings).toHaveLength(1);
  const f = out.findings[0];
  if (!f) throw new Error('no finding');
  expect(out.sheets).toEqual([]);
  expect(f.sheet).toBeNull();
  return { code: f.code, vi: findingMessage(f, 'vi'), params: f.params };
}

async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu 01');
  ws.getCell('A1').value = 'Xã Pá Hu';
  ws.getCell('B1').value = 223;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ZipEntrySpec {
  name: string;
  data?: Buffer;
  /** What the central directory claims the entry inflates to (a lie, for zip bombs). */
  claimUncompressed?: number;
  /** Write the claimed size in a Zip64 extra field, with Zip64 end records. */
  zip64?: boolean;
}

/** Builds a zip archive by hand (stored entries), so its directory can say anything. */
function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const zip64 = entries.some((e) => e.zip64);
  for (const e of entries) {
    const data = e.data ?? Buffer.from(`<x>${e.name}</x>`);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);

    const claimed = e.claimUncompressed ?? data.length;
    const extra = Buffer.alloc(e.zip64 ? 12 : 0);
    if (e.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(claimed), 4);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.zip64 ? 0xffffffff : claimed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  eocd.writeUInt32LE(zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, ...tail, eocd]);
}

/** The start of an OLE compound file holding streams of the given names. */
function oleFile(...streams: string[]): Buffer {
  const magic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([
    magic,
    Buffer.alloc(504),
    ...streams.map((s) => Buffer.from(`${s}\0`, 'utf16le')),
    Buffer.alloc(512),
  ]);
}

describe('readSubmissionFile', () => {
  it('reads a workbook from a path with spaces and Vietnamese letters', async () => {
    const bytes = await smallWorkbook();
    const sub = path.join(dir, 'Huyện Trạm Tấu', 'đợt 1');
    await mkdir(sub, { recursive: true });
    const file = path.join(sub, 'Báo cáo hộ nghèo 2022.xlsx');
    await writeFile(file, bytes);
    const before = await stat(file);

    const out = await read(file);
    expect(out.findings).toEqual([]);
    expect(out.info).toEqual({ format: 'xlsx' });
    expect(out.sheets.map((s) => s.name)).toEqual(['Biểu 01']);
    expect(out.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(out.size).toBe(bytes.length);
    expect(out.mtime?.getTime()).toBe(before.mtime.getTime());
    // Read-only: the district's file is left exactly as it was.
    expect(await readFile(file)).toEqual(bytes);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('reads a ".xlsx" that is really CSV text as CSV', async () => {
    const out = await read(await put('renamed.xlsx', 'Đơn vị;Số hộ\nXã Pá Hu;223\n'));
    expect(out.findings).toEqual([]);
    expect(out.info).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';' });
    expect(out.sheets[0] && cellAt(out.sheets[0], 1, 0)?.value).toBe('Xã Pá Hu');
  });

  it('says when a CSV lost its Vietnamese letters to "?" (saved in a code page without them)', async () => {
    // As LibreOffice writes decomposed Vietnamese text to a Windows-1258 CSV: the tone marks it
    // cannot combine become "?"; the words are counted, never quoted (a list's cells hold names).
    const lost = [
      'BIỂU 01: KẾT QUẢ RÀ SOÁT HỘ? NGHÈO, HỘ? CẠ?N NGHÈO',
      'STT;Tên xã;Tổ?ng số? hộ?;Số? hộ? nghèo',
      '1;Xã Pá Hu;223;97',
    ].join('\r\n');
    const out = await read(await put('mất chữ.csv', lost));
    expect(out.findings.map((f) => [f.code, f.severity, f.params.count])).toEqual([
      ['csv-letters-lost', 'warning', 8],
    ]);
    const [said] = out.findings;
    if (said) expect(findingMessage(said, 'vi')).not.toContain('Pá Hu');
    // A question or two in a note is no such file.
    const note = 'Đơn vị;Số hộ;Ghi chú\nXã Pá Hu;223;Đã rà soát lại?\nXã A;5;Vì sao giảm?\n';
    expect((await read(await put('ghi chú.csv', note))).findings).toEqual([]);
  });

  it('reads a ".csv" that is really a workbook as a workbook', async () => {
    const out = await read(await put('renamed.csv', await smallWorkbook()));
    expect(out.info).toEqual({ format: 'xlsx' });
    expect(out.sheets[0] && cellAt(out.sheets[0], 0, 1)?.value).toBe(223);
  });

  it('says an old .xls needs saving as .xlsx', async () => {
    const out = await read(await put('bao-cao.xlsx', oleFile('Root Entry', 'Workbook')));
    expect(onlyFinding(out).code).toBe('file-xls');
    expect(out.sha256).not.toBeNull();
  });

  // An outside tester: a damaged .xls said "this machine has no LibreOffice" where it has one.
  it('says why the .xls was not converted: no LibreOffice, or LibreOffice could not open it', async () => {
    const file = await put('hong.xls', oleFile('Root Entry', 'Workbook'));
    const was = process.env[NO_CONVERT_ENV];
    process.env[NO_CONVERT_ENV] = '1';
    try {
      expect(onlyFinding(await read(file)).vi).toContain('mà máy này không có LibreOffice');
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- put back as it was
      if (was === undefined) delete process.env[NO_CONVERT_ENV];
      else process.env[NO_CONVERT_ENV] = was;
    }
    if (findSoffice() === null || was === '1') return;
    expect(onlyFinding(await read(file)).vi).toContain('mà LibreOffice không mở được tệp này');
  }, 120_000);

  it('names a Word 97-2003 document and a password-protected workbook', async () => {
    const doc = onlyFinding(await read(await put('a.xls', oleFile('WordDocument', '1Table'))));
    expect(doc).toMatchObject({ code: 'file-not-spreadsheet', params: { detected: 'Word .doc' } });
    const enc = onlyFinding(
      await read(await put('b.xlsx', oleFile('EncryptionInfo', 'EncryptedPackage'))),
    );
    expect(enc.code).toBe('file-not-spreadsheet');
    expect(enc.vi).toContain('mật khẩu');
  });

  it('refuses a PDF, a photo and an HTML page without a table saved as .xls', async () => {
    // LibreOffice's flat OpenDocument, which a folder walk now reads to name it.
    const fods = onlyFinding(
      await read(
        await put(
          'Trạm Tấu.fods',
          '<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"></office:document>',
        ),
      ),
    );
    expect(fods.code).toBe('file-not-spreadsheet');
    expect(fods.vi).toContain('OpenDocument phẳng (.fods)');
    expect(SUBMISSION_EXTENSIONS).toContain('.fods');
    const pdf = onlyFinding(await read(await put('bao cao.xlsx', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n')));
    expect(pdf.code).toBe('file-not-spreadsheet');
    expect(pdf.vi).toBe(
      'Tệp này là PDF, không phải bảng tính Excel (.xlsx) hay CSV mà phần mềm đọc được.',
    );
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect(onlyFinding(await read(await put('anh.csv', jpeg))).params).toEqual({
      detected: 'JPEG',
      detectedEn: 'JPEG',
    });
    const html = '<html><body><p>Xem báo cáo đính kèm</p></body></html>';
    expect(onlyFinding(await read(await put('export.xls', html))).params).toEqual({
      detected: 'HTML',
      detectedEn: 'HTML',
    });
    // `<table` only in a script: still a web page, not an export.
    const script = '<html><head><script>var t = "<table>";</script></head><body></body></html>';
    expect(onlyFinding(await read(await put('trang.xls', script))).code).toBe(
      'file-not-spreadsheet',
    );
  });

  it('reads an HTML table saved as .xls (a web system\'s "Xuất Excel")', async () => {
    const html = '<html><body><table><tr><td>Xã Pá Hu</td><td>223</td></tr></table></body></html>';
    const out = await read(await put('xuat excel.xls', html));
    expect(out.findings).toEqual([]);
    expect(out.info).toEqual({ format: 'html', encoding: 'utf-8' });
    expect(out.sheets[0]?.name).toBe('xuat excel');
    expect(out.sheets[0]?.rows).toEqual([[{ value: 'Xã Pá Hu' }, { value: '223' }]]);
  });

  it('reports an empty file', async () => {
    const out = await read(await put('rong.xlsx', Buffer.alloc(0)));
    expect(onlyFinding(out).code).toBe('file-empty');
    expect(out.size).toBe(0);
  });

  it('reports a half-downloaded workbook as damaged, without calling exceljs', async () => {
    const bytes = await smallWorkbook();
    const out = await read(await put('dang-tai.xlsx', bytes.subarray(0, bytes.length / 2)));
    const f = onlyFinding(out);
    expect(f.code).toBe('file-corrupt');
    expect(f.vi).toContain('tải về chưa hết');
  });

  it('reports a zip without a workbook part (a .docx renamed) as not a spreadsheet', async () => {
    const docx = buildZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml' }]);
    const f = onlyFinding(await read(await put('bao-cao.xlsx', docx)));
    expect(f).toMatchObject({ code: 'file-not-spreadsheet', params: { detected: 'Word .docx' } });
  });

  it('refuses a zip whose directory says it inflates past the limit', async () => {
    const bomb = buildZip([
      { name: 'xl/workbook.xml' },
      { name: 'xl/worksheets/sheet1.xml', claimUncompressed: 3_000_000_000 },
    ]);
    const f = onlyFinding(await read(await put('bomb.xlsx', bomb)));
    expect(f.code).toBe('archive-too-large');
    expect(f.params).toEqual({ size: '2,8 GB', limit: '200 MB', limitEn: '200 MB' });
  });

  it('reads Zip64 sizes and refuses a part packed far tighter than a real sheet', async () => {
    const zip64 = buildZip([
      { name: 'xl/workbook.xml', zip64: true },
      { name: 'xl/worksheets/sheet1.xml', zip64: true, claimUncompressed: 300 * 1024 * MiB },
    ]);
    expect(guardZip(zip64)).toMatchObject({ ok: false, code: 'archive-too-large' });
    const ratio = buildZip([
      { name: 'xl/workbook.xml' },
      { name: 'xl/worksheets/sheet1.xml', claimUncompressed: 20 * MiB },
    ]);
    const f = onlyFinding(await read(await put('ratio.xlsx', ratio)));
    expect(f.params).toEqual({
      size: '20 MB',
      limit: 'tỷ lệ nén 200:1',
      limitEn: 'compression ratio 200:1',
    });
  });

  it('refuses a file over the size limit without reading it', async () => {
    const out = await read(await put('lon.xlsx', Buffer.alloc(3 * 1024, 0x41)), {
      maxBytes: 1024,
    });
    const f = onlyFinding(out);
    expect(f.code).toBe('file-too-large');
    expect(f.params).toEqual({ size: '3 KB', limit: '1 KB' });
    expect(out.sha256).toBeNull();
    expect(out.size).toBe(3 * 1024);
  });

  it('reports a missing file and a folder as unreadable, in words', async () => {
    const missing = onlyFinding(await read(path.join(dir, 'không có.xlsx')));
    expect(missing.vi).toBe('Không mở được tệp: không tìm thấy tệp.');
    const folder = onlyFinding(await read(dir));
    expect(folder.code).toBe('file-unreadable');
    expect(folder.vi).toContain('thư mục');
  });

  it('reports a CSV it cannot split as damaged', async () => {
    const f = onlyFinding(await read(await put('quote.csv', 'a;b\n1;"Xã Pá Hu;2\n')));
    expect(f.code).toBe('file-corrupt');
    expect(f.vi).toContain('dòng 2');
  });

  it('reads a CSV converted to .xlsx by LibreOffice', async (ctx) => {
    const skip = libreOfficeSkipReason();
    if (skip !== null) {
      ctx.skip(skip);
      return;
    }
    const work = await mkdtemp(path.join(os.tmpdir(), 'povreport-lo-'));
    const profile = path.join(os.tmpdir(), `lo-${randomUUID()}`);
    try {
      const csv = path.join(work, 'Trạm Tấu.csv');
      await writeFile(
        csv,
        'STT,Đơn vị,Số hộ nghèo,Tỷ lệ\n1,Xã Pá Hu,223,18.07\n2,Xã Bản Mù,100,9.5\n,Tổng cộng,=SUM(C2:C3),\n',
      );
      await promisify(execFile)(
        findSoffice() ?? 'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          // Comma-separated, double quotes, UTF-8 (76), from line 1: no guessing by locale.
          '--infilter=CSV:44,34,76,1',
          '--convert-to',
          'xlsx',
          '--outdir',
          work,
          csv,
        ],
        { timeout: 50_000 },
      );
      const out = await read(path.join(work, 'Trạm Tấu.xlsx'));
      expect(out.findings).toEqual([]);
      const sheet = out.sheets[0];
      if (!sheet) throw new Error('no sheet');
      expect(sheet.name).toBe('Trạm Tấu');
      expect(cellAt(sheet, 1, 1)).toEqual({ value: 'Xã Pá Hu' });
      expect(cellAt(sheet, 1, 3)?.value).toBe(18.07);
      // LibreOffice saves the computed result with the formula, as Excel does.
      expect(cellAt(sheet, 3, 2)).toMatchObject({ value: 323, formula: 'SUM(C2:C3)' });
    } finally {
      await rm(work, { recursive: true, force: true });
      await rm(profile, { recursive: true, force: true });
    }
  });
});

describe('sniffFile', () => {
  it('decides by content, not by extension', () => {
    expect(sniffFile(Buffer.from('PK\x03\x04rest', 'latin1'), 'a.csv')).toEqual({ kind: 'zip' });
    expect(sniffFile(Buffer.from('a;b\n', 'utf8'), 'a.xlsx')).toEqual({ kind: 'text' });
    expect(sniffFile(Buffer.alloc(0), 'a.xlsx')).toEqual({ kind: 'empty' });
    expect(sniffFile(oleFile('Workbook'), 'a.xlsx')).toEqual({ kind: 'xls' });
    expect(sniffFile(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), 'a.xlsx')).toEqual({
      kind: 'other',
      detected: { vi: 'PNG', en: 'PNG' },
    });
  });

  it('takes UTF-16 and Windows-1258 bytes as text, and binary junk as not', () => {
    expect(sniffFile(Buffer.from('a\tb\r\n', 'utf16le'), 'a.txt').kind).toBe('text');
    expect(sniffFile(Buffer.from([0x58, 0x61, 0xde, 0x3b, 0x31, 0x0a]), 'a.csv').kind).toBe('text');
    const junk = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7) % 32));
    expect(sniffFile(junk, 'data.bin')).toEqual({
      kind: 'other',
      detected: {
        vi: 'dữ liệu nhị phân không rõ dạng (tên tệp có đuôi .bin)',
        en: 'binary data of no known kind (named .bin)',
      },
    });
  });
});

describe('guardZip', () => {
  it('accepts a real workbook, even with bytes stuck in front of it', async () => {
    const bytes = await smallWorkbook();
    expect(guardZip(bytes)).toMatchObject({ ok: true });
    const prefixed = Buffer.concat([Buffer.from('X-Mailer banner\r\n'), bytes]);
    expect(guardZip(prefixed)).toMatchObject({ ok: true });
  });

  it('calls a directory pointing outside the file damaged, never throws', async () => {
    const bytes = Buffer.from(await smallWorkbook());
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bytes.writeUInt32LE(0x7fffffff, eocd + 12);
    expect(guardZip(bytes)).toMatchObject({ ok: false, code: 'file-corrupt' });
  });
});

describe('formatSize', () => {
  it('writes sizes the Vietnamese way', () => {
    expect(formatSize(900)).toBe('900 byte');
    expect(formatSize(61.2 * MiB)).toBe('61,2 MB');
    expect(formatSize(50 * MiB)).toBe('50 MB');
    expect(formatSize(1536)).toBe('1,5 KB');
  });
});
