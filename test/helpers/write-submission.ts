/**
 * Writers of generated submissions: exceljs in-process, and LibreOffice (its own xlsx writer) for
 * a batch of exceljs files in one `soffice` call.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BookSpec } from './generate-submission.js';
import { convertWithLibreOffice } from './libreoffice.js';

/** Writes a generated workbook with exceljs. */
export async function writeBook(book: BookSpec, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    s.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (!cell) return;
        const target = ws.getCell(r + 1, c + 1);
        target.value =
          cell.formula !== undefined
            ? ({ formula: cell.formula, result: cell.v } as ExcelJS.CellFormulaValue)
            : cell.v;
        if (cell.fmt) target.numFmt = cell.fmt;
        if (cell.wrap) target.alignment = { wrapText: true, vertical: 'middle' };
      });
    });
    for (const [top, left, bottom, right] of s.merges)
      ws.mergeCells(top + 1, left + 1, bottom + 1, right + 1);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

/**
 * Re-saves files with LibreOffice in one `soffice` call, keeping the cached formula results
 * (recalc off), and puts each result at its destination. Sources must have distinct base names.
 */
export async function resaveWithLibreOffice(
  jobs: { source: string; dest: string }[],
  workDir: string,
): Promise<void> {
  if (jobs.length === 0) return;
  const out = path.join(workDir, 'lo-out');
  await mkdir(out, { recursive: true });
  await convertWithLibreOffice(
    jobs.map((j) => j.source),
    out,
    { recalc: false },
  );
  for (const j of jobs) {
    await mkdir(path.dirname(j.dest), { recursive: true });
    await rename(path.join(out, path.basename(j.source)), j.dest);
  }
  await rm(out, { recursive: true, force: true });
}
