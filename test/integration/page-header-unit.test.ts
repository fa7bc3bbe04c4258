/**
 * A commune's report that names the commune only in its printed page header (Page Layout →
 * Header: "UBND XÃ TRẠM TẤU"), its sheets with no title block naming it, its date line without
 * the place, and a file name that says nothing ("export.xlsx"): an outside tester's layout, the
 * unit was unknown and the report left out. The page header is read as the last source of whose
 * report it is, after the sheets' names. The file is the shipped SYNTHETIC Trạm Tấu report of
 * 2026 (fixtures/lao-cai-2026) with its title and date line changed, and the header written, by
 * openpyxl.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-page-header-');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const now = new Date('2026-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

/** Every sheet's title cell and date line without the commune; `header` as its page header. */
const exported = (folder: string, header: string | null) =>
  editedByOpenpyxl(
    TRAM_TAU,
    path.join(tmp.path, folder, 'export.xlsx'),
    [
      'header = json.loads(sys.argv[3])',
      'for ws in wb.worksheets:',
      '    ws["A1"] = None',
      '    ws["F16"] = "Ngày 07 tháng 12 năm 2026"',
      '    if header: ws.oddHeader.center.text = header',
      '    if header: ws.oddHeader.right.text = "Trang &P"',
    ],
    { args: [JSON.stringify(header)], dataOnly: true },
  );

describe('the commune named only in the printed page header', () => {
  it.skipIf(!hasOpenpyxl())('is whose report it is', async () => {
    const report = async (file: string) =>
      consolidateFiles(setup, [file], { period: '2026', lang: 'vi', now });
    const original = (await report(TRAM_TAU)).units.find((u) => u.code === '04606');
    expect(original?.status).toBe('accepted');
    const withHeader = await report(exported('co tieu de trang', 'UBND XÃ TRẠM TẤU'));
    const unit = withHeader.units.find((u) => u.code === '04606');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
      original?.subunits.map((s) => [s.name, s.values]),
    );
    // Without it nothing says whose report the file is: no unit takes its figures.
    const without = await report(exported('khong tieu de trang', null));
    expect(without.units.find((u) => u.code === '04606')?.status).not.toBe('accepted');
    expect(without.units.some((u) => u.status === 'accepted')).toBe(false);
  });
});
