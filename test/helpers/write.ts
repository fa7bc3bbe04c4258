/**
 * Writes in-memory grids to a real .xlsx with exceljs, for tests that need files on disk.
 * (Our own writer agrees with our reader; fixtures made by LibreOffice cover the other side.)
 */
import ExcelJS from 'exceljs';
import type { SheetGrid } from '../../src/core/grid.js';

/** Writes the grids as sheets of one workbook. */
export async function writeXlsx(grids: SheetGrid[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  grids.forEach((g, i) => {
    const ws = wb.addWorksheet(g.name ?? `Sheet${i + 1}`, g.hidden ? { state: 'hidden' } : {});
    g.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (!cell) return;
        const target = ws.getCell(r + 1, c + 1);
        if (cell.formula !== undefined)
          target.value = {
            formula: cell.formula,
            ...(cell.noResult ? {} : { result: cell.error ? { error: cell.error } : cell.value }),
          } as ExcelJS.CellFormulaValue;
        else target.value = cell.value;
        if (cell.numFmt) target.numFmt = cell.numFmt;
      });
    });
    for (const m of g.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  });
  await wb.xlsx.writeFile(file);
}
