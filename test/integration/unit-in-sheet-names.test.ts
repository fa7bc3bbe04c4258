/**
 * A commune named only in its sheets' names ("B01 Khao Mang 2026"): no title block, a date line
 * without its place, a file named "export.xlsx" by the software that wrote it. An outside tester's
 * file was left without a unit (unit-unknown). The file is the shipped SYNTHETIC Xã Khao Mang
 * report (fixtures/lists-2026/agree) so changed by openpyxl; its copy with two communes' names in
 * its sheets is ambiguous, as two units named anywhere are.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { KHAO_MANG } from '../helpers/khao-mang.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-sheet-names-');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

const namedBySheets = (dir: string, names: string[]) =>
  editedByOpenpyxl(
    KHAO_MANG,
    path.join(tmp.path, dir, 'export.xlsx'),
    [
      'names = json.loads(sys.argv[3])',
      'for i, ws in enumerate(wb.worksheets):',
      '    ws.title = names[i % len(names)].replace("#", str(i + 1))',
      '    for row in ws.iter_rows():',
      '        for c in row:',
      '            if isinstance(c.value, str) and "KHAO MANG" in c.value.upper() and (c.row < 4 or "ngày" in c.value):',
      '                c.value = "Ngày 07 tháng 12 năm 2026" if "ngày" in c.value else None',
    ],
    { args: [JSON.stringify(names)] },
  );

describe('the unit named in the sheets’ names only', () => {
  it.skipIf(!hasOpenpyxl())('is the report’s unit, said as read from the sheet names', async () => {
    const file = namedBySheets('a', ['B0# Khao Mang 2026']);
    const [f] = await checkFiles([file], setup.run, { lang: 'vi', period: '2026' });
    expect([f?.unit?.code, f?.unitSource]).toEqual(['04465', 'sheet-name']);
    expect(f?.findings.map((x) => x.code)).not.toContain('unit-unknown');
    expect(f?.valid).toBe(true);
  });

  it.skipIf(!hasOpenpyxl())('two communes named in them: no unit is guessed', async () => {
    const file = namedBySheets('b', ['B0# Khao Mang 2026', 'B0# Nam Co 2026']);
    const [f] = await checkFiles([file], setup.run, { lang: 'vi', period: '2026' });
    expect(f?.unit).toBeNull();
    expect(f?.valid).toBe(false);
  });
});
