/**
 * A hidden column beside the one it copies, holding other figures under the same heading (last
 * period's figures a clerk hid instead of deleting): the form as printed and signed has no hidden
 * column, so the one shown is read and the hidden one said, not an ambiguity that rejects the
 * report (prober F). The files are the shipped SYNTHETIC Mù Cang Chải report with a column
 * inserted by openpyxl (skipped when it is not installed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-hidden-col-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');

/**
 * The shipped report with a copy of Biểu 01's column `source` (1-based, before the insertion)
 * inserted at `at`: its heading, each commune's figure less a few households (rows 2–15) and
 * their sum on the total's row 16; hidden when `hide`.
 */
async function withColumnCopy(at: number, source: number, hide: boolean, resaved = false) {
  const dest = editedByOpenpyxl(
    SHIPPED,
    freshCopyPath(tmp.path, SHIPPED),
    [
      'from openpyxl.utils import get_column_letter',
      'from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder',
      "ws = wb['Bieu01']",
      'at, src = int(sys.argv[3]), int(sys.argv[4])',
      'ws.insert_cols(at)',
      's = src + 1 if src >= at else src',
      'ws.cell(1, at).value = ws.cell(1, s).value',
      'total = 0',
      'for r in range(2, 16):',
      '    v = max(0, ws.cell(r, s).value - r % 5 - 1)',
      '    ws.cell(r, at).value = v',
      '    total += v',
      'ws.cell(16, at).value = total',
      // One width per column (openpyxl does not move the widths with the columns it inserts).
      'dims = DimensionHolder(worksheet=ws)',
      'for i in range(1, ws.max_column + 1):',
      '    name = get_column_letter(i)',
      "    hidden = i == at and sys.argv[5] == '1'",
      '    dims[name] = ColumnDimension(ws, index=name, width=13, hidden=hidden)',
      'ws.column_dimensions = dims',
    ],
    { args: [String(at), String(source), hide ? '1' : '0'] },
  );
  let file = dest;
  if (resaved) {
    // Saved again by LibreOffice, which writes a hidden column its own way (hidden="true").
    const out = path.join(path.dirname(dest), 'libreoffice');
    await convertWithLibreOffice([dest], out, { recalc: false });
    file = path.join(out, path.basename(dest));
  }
  const run = (file: string) => consolidatedUnit(file, '2022-H1', '137', { lang: 'en', now });
  return { unit: await run(file), original: await run(SHIPPED) };
}

describe.skipIf(!hasOpenpyxl())('a hidden column headed like another', () => {
  it.each([
    ['after the column it copies', 9, 8, 'I1', 'H'],
    ['before the column it copies', 8, 8, 'H1', 'I'],
    ['of the near-poor, after it', 10, 9, 'J1', 'I'],
  ])(
    'with other figures, %s: the shown column is read, the hidden one said (warning), the unit accepted',
    async (_, at, source, cell, other) => {
      const { unit, original } = await withColumnCopy(at, source, true);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original?.subunits.map((s) => [s.name, s.values]),
      );
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const said = unit?.findings.filter((f) => f.code === 'duplicate-column-hidden');
      expect(said?.map((f) => [f.severity, f.sheet, f.cell, f.params.other])).toEqual([
        ['warning', 'Bieu01', cell, other],
      ]);
    },
  );

  it.skipIf(libreOfficeSkipReason() !== null)(
    'saved again by LibreOffice: the same reading',
    async () => {
      const { unit, original } = await withColumnCopy(9, 8, true, true);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const said = unit?.findings.filter((f) => f.code === 'duplicate-column-hidden');
      expect(said?.map((f) => [f.severity, f.cell, f.params.other])).toEqual([
        ['warning', 'I1', 'H'],
      ]);
    },
    120_000,
  );

  it('shown, the same copy is an ambiguity: two columns say one indicator with different figures', async () => {
    const { unit } = await withColumnCopy(9, 8, false);
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).toContain('columns-ambiguous');
    expect(unit?.findings.map((f) => f.code)).not.toContain('duplicate-column-hidden');
  });
});

/**
 * The same in an Excel 2003 XML Spreadsheet (a web system's "Xuất Excel"), which hides a column
 * with `<Column ss:Index="10" ss:Hidden="1"/>`: the shipped SYNTHETIC Trạm Tấu form with a copy of
 * its households column (C) added as column J, each commune's figure less a few households and
 * their sum on the total's row.
 */
describe('a hidden column in an Excel 2003 XML Spreadsheet', () => {
  const XML2003 = path.resolve('fixtures/formats/Trạm Tấu - Biểu 01 (Excel 2003 XML).xls');

  function withCopyOfHouseholds(hidden: boolean): string {
    const cell = (type: string, v: string | number): string =>
      `<Cell ss:Index="10"><Data ss:Type="${type}">${v}</Data></Cell>`;
    let text = readFileSync(XML2003, 'utf8');
    const column = `<Column ss:Index="10" ss:Width="60"${hidden ? ' ss:Hidden="1"' : ''}/>`;
    text = text.replace(/(<Column [^>]*\/>)(?!\s*<Column)/, `$1${column}`);
    let total = 0;
    // Each commune's row: its households less a few, then the total row gets their sum.
    text = text.replace(
      /(<Row><Cell><Data ss:Type="Number">(\d+)<\/Data><\/Cell><Cell><Data ss:Type="String">[^<]+<\/Data><\/Cell><Cell><Data ss:Type="Number">(\d+)<\/Data><\/Cell>.*?)<\/Row>/g,
      (_, row: string, stt: string, households: string) => {
        const v = Number(households) - (Number(stt) % 5) - 1;
        total += v;
        return `${row}${cell('Number', v)}</Row>`;
      },
    );
    text = text
      .replace(
        /(<Row ss:Index="6">.*?)<\/Row>/,
        (_, row: string) =>
          `${row}<Cell ss:Index="10" ss:MergeDown="1"><Data ss:Type="String">Tổng số hộ dân cư</Data></Cell></Row>`,
      )
      .replace(
        /(<Row><Cell><Data ss:Type="String">A<\/Data><\/Cell>.*?)<\/Row>/,
        (_, row: string) => `${row}${cell('String', '1')}</Row>`,
      )
      .replace(
        /(<Row><Cell ss:Index="2"><Data ss:Type="String">Tổng cộng<\/Data><\/Cell>.*?)<\/Row>/,
        (_, row: string) => `${row}${cell('Number', total)}</Row>`,
      );
    const file = path.join(tmp.path, `${hidden ? 'ẩn' : 'hiện'} - ${path.basename(XML2003)}`);
    writeFileSync(file, text);
    return file;
  }
  const run = (file: string) => consolidatedUnit(file, '2022-H1', '139', { lang: 'en', now });

  // The form alone is sent (Biểu 01 only): the other four are missing, as in the original.
  const errors = (u: Awaited<ReturnType<typeof run>>) =>
    u?.findings.filter((f) => f.severity === 'error').map((f) => f.code);

  it('hidden: the shown column is read, the hidden one said as hidden, figures as the original', async () => {
    const unit = await run(withCopyOfHouseholds(true));
    const original = await run(XML2003);
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
      original?.subunits.map((s) => [s.name, s.values]),
    );
    expect(errors(unit)).toEqual(errors(original));
    const said = unit?.findings.filter((f) => f.code.startsWith('duplicate-column'));
    expect(said?.map((f) => [f.code, f.severity, f.cell, f.params.other])).toEqual([
      ['duplicate-column-hidden', 'warning', 'J7', 'C'],
    ]);
  });

  it('shown, the copy is told from the households column by the rates, and said so', async () => {
    const unit = await run(withCopyOfHouseholds(false));
    const original = await run(XML2003);
    expect(unit?.values).toEqual(original?.values);
    expect(errors(unit)).toEqual(errors(original));
    const said = unit?.findings.filter((f) => f.code.startsWith('duplicate-column'));
    expect(said?.map((f) => [f.code, f.cell])).toEqual([['duplicate-column-by-arithmetic', 'J7']]);
  });
});
