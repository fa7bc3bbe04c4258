/**
 * Packing a workbook again with zlib (src/io/zip-write.ts): every part comes back byte for byte,
 * in its order, deflated, with a CRC another zip reader checks; an edit changes its part only;
 * an exceljs workbook (a template) is dated in Vietnam's time. Parts are generated (fast-check)
 * and synthetic.
 */
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { vietnamWallClock } from '../../src/core/dates-and-numbers.js';
import { dosDateTime, repackZip, tableCrc32 } from '../../src/io/zip-write.js';
import { stampWorkbook, workbookBytes } from '../../src/render/xlsx-kit.js';

/** A zip of `parts` written by JSZip (as exceljs writes), stored or deflated. */
async function jszip(parts: [string, Uint8Array][], deflate: boolean): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of parts) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: deflate ? 'DEFLATE' : 'STORE' });
}

/** The parts of a zip, read by JSZip with its CRC check. */
async function partsOf(bytes: Buffer): Promise<[string, Buffer][]> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const files = Object.values(zip.files).filter((f) => !f.dir);
  return Promise.all(
    files.map(async (f) => [f.name, await f.async('nodebuffer')] as [string, Buffer]),
  );
}

const partName = fc
  .array(fc.constantFrom('xl', 'worksheets', 'sheet1.xml', 'Biểu 01', '_rels', 'a.b'), {
    minLength: 1,
    maxLength: 3,
  })
  .map((xs) => xs.join('/'));
const parts = fc.uniqueArray(fc.tuple(partName, fc.uint8Array({ maxLength: 3000 })), {
  minLength: 1,
  maxLength: 8,
  selector: ([name]) => name,
});

describe('repackZip', () => {
  it('gives back every part, in order, deflated, with CRCs another reader checks', async () => {
    await fc.assert(
      fc.asyncProperty(parts, fc.boolean(), fc.integer({ min: 1, max: 9 }), async (ps, d, lv) => {
        const out = repackZip(await jszip(ps, d), lv);
        const back = await partsOf(out);
        expect(back.map(([n]) => n)).toEqual(ps.map(([n]) => n));
        for (const [i, [, data]] of back.entries())
          expect(data.equals(ps[i]?.[1] ?? Buffer.alloc(0))).toBe(true);
        // Every local header says deflate (method 8).
        expect(out.readUInt16LE(8)).toBe(8);
      }),
      { numRuns: 60 },
    );
  });

  it('changes the part an edit names and no other', async () => {
    const zip = await jszip(
      [
        ['a.xml', Buffer.from('<a>xã Tân Nguyên</a>')],
        ['b.xml', Buffer.from('<b/>')],
      ],
      false,
    );
    const out = repackZip(zip, 6, new Map([['a.xml', (t: string) => t.replace('Tân', 'Mới')]]));
    const back = new Map(await partsOf(out));
    expect(back.get('a.xml')?.toString('utf8')).toBe('<a>xã Mới Nguyên</a>');
    expect(back.get('b.xml')?.toString('utf8')).toBe('<b/>');
  });

  it('dates every part as asked, in Vietnam time, so a report packs the same at any moment', async () => {
    const zip = await jszip(
      [
        ['a.xml', Buffer.from('<a/>')],
        ['b.xml', Buffer.from('<b/>')],
      ],
      false,
    );
    // 20:00 UTC on 26 November is 03:00 on the 27th in Vietnam.
    const when = vietnamWallClock(new Date('2026-11-26T20:00:00Z'));
    const first = repackZip(zip, 6, new Map(), when);
    await new Promise((r) => setTimeout(r, 2100));
    const again = repackZip(zip, 6, new Map(), when);
    expect(again.equals(first)).toBe(true);
    const { time, date } = dosDateTime(when);
    expect(time).toBe(3 << 11);
    expect(date).toBe(((2026 - 1980) << 9) | (11 << 5) | 27);
    expect(first.readUInt16LE(10)).toBe(time);
    expect(first.readUInt16LE(12)).toBe(date);
    // Before 1980 (no DOS date says it): 1 January 1980.
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ time: 0, date: 0x21 });
  });

  it('refuses what is no zip, rather than write a broken one', () => {
    expect(() => repackZip(Buffer.from('not a zip at all'), 6)).toThrow(/repackZip/);
  });

  it('computes the CRC-32 zlib computes, for a Node without zlib.crc32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        expect(tableCrc32(data)).toBe(crc32(data));
      }),
    );
  });
});

describe('workbookBytes', () => {
  it('dates its parts with the time the report was made, in Vietnam', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Báo cáo').getCell('A1').value = 'Sở (dữ liệu tổng hợp)';
    // 20:00 UTC on 26 November is 03:00 on the 27th in Vietnam, whatever this machine's zone.
    stampWorkbook(wb, new Date('2026-11-26T20:00:00Z'));
    const bytes = await workbookBytes(wb);
    expect(bytes.readUInt16LE(10)).toBe(3 << 11);
    expect(bytes.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (11 << 5) | 27);
  });
});
