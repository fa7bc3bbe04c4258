import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { cellAt, type SheetGrid } from '../../src/core/grid.js';
import { readCsv, sniffDelimiter } from '../../src/io/read-csv.js';
import { ReadError } from '../../src/core/errors.js';

/** The text of every row, as the user would read it back. */
function texts(sheet: SheetGrid): (string | undefined)[][] {
  return sheet.rows.map((r) => r.map((c) => (c === undefined ? undefined : String(c.value))));
}

/**
 * Encodes text the way Vietnamese Windows does in code page 1258: letters the code page lacks
 * ("ổ", "ã", "ộ") are a base letter it has plus combining tone marks, i.e. decomposed text.
 */
function encodeWindows1258(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text) {
    const direct = iconv.encode(ch, 'windows1258');
    if (ch === '?' || direct.toString('latin1') !== '?') {
      parts.push(direct);
      continue;
    }
    const [base = '', ...marks] = Array.from(ch.normalize('NFD'));
    // Find the mark that composes with the base into a letter of the code page (ô, ơ, ư, â…).
    const i = marks.findIndex(
      (m) => iconv.encode((base + m).normalize('NFC'), 'windows1258').toString('latin1') !== '?',
    );
    const head = i < 0 ? base : (base + (marks[i] ?? '')).normalize('NFC');
    const rest = i < 0 ? marks : marks.filter((_, j) => j !== i);
    parts.push(iconv.encode(head + rest.join(''), 'windows1258'));
  }
  return Buffer.concat(parts);
}

const SEMICOLON_FILE = [
  'UBND HUYỆN TRẠM TẤU;;;',
  'STT;"Xã, phường, thị trấn";Số hộ nghèo;Tỷ lệ hộ nghèo (%)',
  '1;Xã Pá Hu;223;18,07',
  '2;Xã Làng Nhì, thôn A;1.234;9,5',
  '3;Xã Bản Mù;-;0',
  ';Tổng cộng;1.457;12,3',
].join('\r\n');

describe('readCsv', () => {
  it('reads UTF-8 without BOM, keeping every field as raw text', () => {
    const { sheet, encoding, delimiter } = readCsv(Buffer.from(SEMICOLON_FILE, 'utf8'));
    expect(encoding).toBe('utf-8');
    expect(delimiter).toBe(';');
    expect(sheet.name).toBeNull();
    expect(sheet.hidden).toBe(false);
    expect(sheet.merges).toEqual([]);
    expect(texts(sheet)[2]).toEqual(['1', 'Xã Pá Hu', '223', '18,07']);
    expect(cellAt(sheet, 3, 2)).toEqual({ value: '1.234' });
  });

  it('does not split a semicolon file on the commas inside its cells (CRLF lines)', () => {
    const { sheet, delimiter } = readCsv(Buffer.from(SEMICOLON_FILE, 'utf8'));
    expect(delimiter).toBe(';');
    expect(texts(sheet)[1]).toEqual([
      'STT',
      'Xã, phường, thị trấn',
      'Số hộ nghèo',
      'Tỷ lệ hộ nghèo (%)',
    ]);
    expect(texts(sheet)[3]?.[1]).toBe('Xã Làng Nhì, thôn A');
    expect(texts(sheet)[0]).toEqual(['UBND HUYỆN TRẠM TẤU']);
    expect(sheet.rows).toHaveLength(6);
  });

  it('reads UTF-8 with a BOM and drops the BOM from the first cell', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEMICOLON_FILE)]);
    const { sheet, encoding } = readCsv(bytes);
    expect(encoding).toBe('utf-8-bom');
    expect(cellAt(sheet, 0, 0)?.value).toBe('UBND HUYỆN TRẠM TẤU');
  });

  it('reads Excel "Unicode text": UTF-16LE with a BOM, tab-separated', () => {
    const text = 'STT\tĐơn vị\tSố hộ nghèo\r\n1\tXã Pá Hu\t223\r\n\tTổng cộng\t223\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { sheet, encoding, delimiter } = readCsv(bytes);
    expect(encoding).toBe('utf-16le');
    expect(delimiter).toBe('\t');
    expect(texts(sheet)).toEqual([
      ['STT', 'Đơn vị', 'Số hộ nghèo'],
      ['1', 'Xã Pá Hu', '223'],
      [undefined, 'Tổng cộng', '223'],
    ]);
  });

  it('reads Windows-1258 and gives composed (NFC) Vietnamese text', () => {
    const bytes = encodeWindows1258('Đơn vị;Số hộ\r\nXã Pá Hu;12\r\nTổng cộng;12\r\n');
    // The code page really stores decomposed letters: this is what the reader has to undo.
    expect(iconv.decode(bytes, 'windows1258')).not.toBe(
      iconv.decode(bytes, 'windows1258').normalize('NFC'),
    );
    const { sheet, encoding } = readCsv(bytes);
    expect(encoding).toBe('windows-1258');
    const paHu = cellAt(sheet, 1, 0)?.value;
    const total = cellAt(sheet, 2, 0)?.value;
    expect(paHu).toBe('Xã Pá Hu'.normalize('NFC'));
    expect(total).toBe('Tổng cộng'.normalize('NFC'));
    expect((total as string).length).toBe(9);
  });

  it('normalises decomposed UTF-8 (some keyboards type NFD) to NFC', () => {
    const { sheet } = readCsv(Buffer.from('Tổng cộng;1\n'.normalize('NFD'), 'utf8'));
    expect(cellAt(sheet, 0, 0)?.value).toBe('Tổng cộng'.normalize('NFC'));
  });

  it('reads a comma file, old Mac CR line endings, and trims fields', () => {
    const { sheet, delimiter } = readCsv(Buffer.from('a, b ,c\r1,"2,5", 3 \r\r4,5,6\r'));
    expect(delimiter).toBe(',');
    expect(texts(sheet)).toEqual([['a', 'b', 'c'], ['1', '2,5', '3'], [], ['4', '5', '6']]);
  });

  it('reads a file whose lines end in CRLF and in LF both, line by line', () => {
    // A title line added in Notepad (CRLF) over rows another program wrote (LF), and the reverse.
    for (const text of [
      'BIỂU 01\r\nSTT;Xã;Số hộ\n1;Xã A;113\n2;Xã B;12\n',
      'STT;Xã\r\n1;113\r\n2;12\n3;7\n',
    ]) {
      const rows = texts(readCsv(Buffer.from(text, 'utf8')).sheet);
      expect(rows.flat().some((t) => t?.includes('\n') || t?.includes('\r'))).toBe(false);
      expect(rows.length).toBe(text.split(/\r?\n/).length - 1);
    }
  });

  it('keeps a stray quote inside a field as text', () => {
    const { sheet } = readCsv(Buffer.from('Ghi chú;Ống 2" mới;5\n', 'utf8'));
    expect(texts(sheet)).toEqual([['Ghi chú', 'Ống 2" mới', '5']]);
  });

  it('reports a quote that is never closed as a ReadError naming the line', () => {
    const bytes = Buffer.from('a;b\n1;2\n3;"Xã Pá Hu;4\n5;6\n', 'utf8');
    let err: unknown;
    try {
      readCsv(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).reason.vi).toContain('dòng 3');
    expect((err as ReadError).reason.en).toContain('line 3');
  });
});

describe('sniffDelimiter', () => {
  it('prefers the delimiter giving a consistent field count', () => {
    expect(sniffDelimiter('a|b|c\n1|2,5|3\n4|5|6\n')).toBe('|');
    expect(sniffDelimiter('STT,Đơn vị,Số hộ\n1,Xã A,12\n')).toBe(',');
    // Equally consistent: the split into more columns wins.
    expect(sniffDelimiter('a,b,c;d\n1,2,3;4\n')).toBe(',');
    expect(sniffDelimiter('STT;Tỷ lệ\n1;12,5\n2;3,75\n')).toBe(';');
  });

  it('a semicolon file with decimal commas whose rows stop at their last filled field', () => {
    // Outside tester AC: a "Ghi chú" filled on one row only, the others written without their
    // trailing empty fields: the comma split (three fields a row, from the decimal commas) was
    // more consistent than the semicolon's 10 and 9, and the form was not found.
    const text = [
      'Số liệu giả lập - SYNTHETIC',
      'STT;Thôn, bản;Tổng số hộ dân cư;Số hộ nghèo;Tỷ lệ hộ nghèo (%);Số hộ cận nghèo;Tỷ lệ hộ cận nghèo (%);Hộ nghèo DTTS;Hộ cận nghèo DTTS;Ghi chú',
      '1;Thôn Dền Nhìu;122;13;10,66;17;13,93;5;6;Thôn ĐBKK',
      '2;Thôn Vàng Lũng;313;25;7,99;41;13,10;8;12',
      ';Tổng cộng;435;38;8,74;58;13,33;13;18',
      '',
    ].join('\r\n');
    expect(sniffDelimiter(text)).toBe(';');
    // A comma file is still one, a title line with a semicolon in it or not.
    expect(sniffDelimiter('Biểu 01; năm 2026\nSTT,Thôn,Số hộ\n1,Thôn A,12\n2,Thôn B,7\n')).toBe(
      ',',
    );
  });

  it('ignores delimiters inside quoted fields', () => {
    expect(sniffDelimiter('"a;b";"c;d";e\n"1;2";3;4\n')).toBe(';');
    expect(sniffDelimiter('"x;y;z",b\n"1;2;3",c\n')).toBe(',');
  });
});
