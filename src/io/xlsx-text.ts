/**
 * Text cells Excel opens: Excel refuses a workbook with a cell over 32,767 characters ("We found a
 * problem with some content"), and a file name, a heading or a message quoting a cell can be
 * that long. Both xlsx writers pass their workbook through here before writing it.
 */
import type ExcelJS from 'exceljs';

/** Excel's limit on the characters (UTF-16 code units) of one cell. */
export const EXCEL_CELL_LIMIT = 32_767;

/** What ends a text cut to fit, so the reader knows there was more. */
export const CUT_NOTE = '… (cắt bớt)';

/**
 * `text` cut to at most `limit` UTF-16 code units, ending with `note` when cut; a character is
 * never split in half (a lone surrogate would be invalid XML).
 */
export function fitText(text: string, limit = EXCEL_CELL_LIMIT, note = CUT_NOTE): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - note.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + note;
}

/** Cuts every text cell of the workbook to Excel's limit, with a note where it cut. */
export function fitWorkbookTexts(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        // Merged cells other than the first report the first one's value: written once, there.
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        if (typeof v === 'string' && v.length > EXCEL_CELL_LIMIT) cell.value = fitText(v);
      });
    });
  });
}
