/**
 * An inbox holding a report saved in a spreadsheet format other than the usual ones. A folder's
 * walk used to skip every name it did not list, so an Excel template (.xltx) holding a unit's
 * report, or a SYLK or DIF file, vanished without a word and the unit showed as not reported
 * (found by an outside tester, theme T). Now a template is read by what it holds, and a format
 * the tool does not read is said by name (`file-not-spreadsheet`). The files are the shipped
 * SYNTHETIC Trạm Tấu 2022-H1 report saved by LibreOffice in each format, beside the shipped Lục
 * Yên report.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { validateJson } from '../helpers/validate-json.js';

const tmp = useTempFolder('povreport-inbox-formats-');
const TRAM_TAU = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
const LUC_YEN = path.resolve('fixtures/2022-H1/BC 6T2022 - Luc Yen.xlsx');
const skip = libreOfficeSkipReason();
let inbox = '';

beforeAll(async () => {
  if (skip !== null) return;
  inbox = path.join(tmp.path, 'hộp thư');
  mkdirSync(inbox, { recursive: true });
  copyFileSync(LUC_YEN, path.join(inbox, path.basename(LUC_YEN)));
  const src = path.join(tmp.path, 'src', 'Trạm Tấu 6 tháng.xlsx');
  mkdirSync(path.dirname(src), { recursive: true });
  copyFileSync(TRAM_TAU, src);
  for (const to of ['xltx', 'slk', 'dif'])
    await convertWithLibreOffice([src], inbox, { to, recalc: false });
}, 240_000);

describe.skipIf(skip !== null)(
  `a folder with other spreadsheet formats${skip ? ` (${skip})` : ''}`,
  () => {
    it('lists every one: a template read by its content, the others said by name', async () => {
      expect(readdirSync(inbox).sort()).toEqual([
        'BC 6T2022 - Luc Yen.xlsx',
        'Trạm Tấu 6 tháng.dif',
        'Trạm Tấu 6 tháng.slk',
        'Trạm Tấu 6 tháng.xltx',
      ]);
      const doc = await validateJson([inbox], 'en');
      const byName = new Map(doc.files.map((f) => [path.basename(f.file), f]));
      expect([...byName.keys()].sort()).toEqual(readdirSync(inbox).sort());
      const template = byName.get('Trạm Tấu 6 tháng.xltx');
      expect([template?.unit?.code, template?.valid]).toEqual(['139', true]);
      for (const [name, format] of [
        ['Trạm Tấu 6 tháng.slk', 'SYLK'],
        ['Trạm Tấu 6 tháng.dif', 'DIF'],
      ] as const) {
        const said = doc.findings.filter((f) => path.basename(f.file) === name);
        expect(said.map((f) => [f.code, f.severity])).toEqual([['file-not-spreadsheet', 'error']]);
        expect(said[0]?.message).toContain(format);
      }
    });
  },
);
