import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { neutralise, reportToCsv } from '../../src/render/report-csv.js';
import type { ConsolidatedReport } from '../../src/core/consolidate.js';
import { shippedRun } from '../helpers/build.js';

describe('csv output', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(neutralise('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    for (const s of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralise(s).startsWith("'")).toBe(true);
    expect(neutralise('Xã Pá Hu')).toBe('Xã Pá Hu');
    // After spaces, in full width, and after a semicolon a Vietnamese Excel splits at.
    expect(neutralise(' =1+1')).toBe("' =1+1");
    expect(neutralise('＝1+1')).toBe("'＝1+1");
    expect(neutralise('Xã A;=2+2')).toBe("Xã A;'=2+2");
    expect(neutralise('Xã A; @SUM(1)')).toBe("Xã A;' @SUM(1)");
    expect(neutralise('Xã A; Xã B')).toBe('Xã A; Xã B');
  });

  it('writes a BOM, CRLF lines, one value a line, and quotes commas', async () => {
    const { cat } = await shippedRun();
    const report = {
      period: '2022-H1',
      province: { code: '15', name: 'Tỉnh Yên Bái' },
      units: [
        {
          code: '139',
          name: 'Huyện Trạm Tấu',
          status: 'accepted',
          values: { households: 10, poor: 2 },
          subunits: [{ name: '=cmd|"/c calc"!A1, xã', values: { households: 10 } }],
        },
        { code: '141', name: 'Huyện Yên Bình', status: 'missing', values: {}, subunits: [] },
      ],
      total: { households: 10, poor: 2 },
    } as unknown as ConsolidatedReport;
    const csv = reportToCsv(report, cat.forms);
    expect(
      csv.startsWith('\uFEFFperiod,unit_code,unit_name,subunit,form,indicator,value\r\n'),
    ).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toContain('2022-H1,139,Huyện Trạm Tấu,,01,households,10');
    expect(lines).toContain('2022-H1,139,Huyện Trạm Tấu,,04,poor,2');
    expect(lines).toContain(
      '2022-H1,139,Huyện Trạm Tấu,"\'=cmd|""/c calc""!A1, xã",01,households,10',
    );
    expect(lines).toContain('2022-H1,15,Tỉnh Yên Bái,,01,poor,2');
    expect(lines.some((l) => l.includes(',141,'))).toBe(false);
  });
});

describe('atomic writes', () => {
  it('replaces the file whole, and leaves neither a half file nor a temporary one when writing fails', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'povreport ghi '));
    const file = path.join(dir, 'tổng hợp.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    // A folder where the report should go: the rename fails, the folder is untouched.
    const blocked = path.join(dir, 'blocked.json');
    await mkdir(blocked);
    await expect(writeFileAtomic(blocked, 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['blocked.json', 'tổng hợp.json']);
    // A new folder is made when needed.
    await writeFileAtomic(path.join(dir, 'out', 'a.csv'), 'a');
    expect(await readFile(path.join(dir, 'out', 'a.csv'), 'utf8')).toBe('a');
  });
});
