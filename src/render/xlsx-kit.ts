/**
 * What the two workbooks povreport makes — the provincial report (report-xlsx.ts) and the blank
 * templates (template-xlsx.ts) — share: the font, the official title block with the national
 * motto and the number line, the signature block and the recipients' lines, A4 landscape print
 * set-up, borders, column widths, number formats, the workbook's properties, and cell texts cut
 * to what Excel opens. A change of look is made here once, for both.
 */
import type ExcelJS from 'exceljs';
import { vietnamWallClock } from '../core/dates-and-numbers.js';
import { repackZip } from '../io/zip-write.js';
import { NATIONAL_MOTTO, NATIONAL_NAME } from './official-document.js';
import { EXCEL_CELL_LIMIT, fitText, type BookSheet } from './xlsx-book.js';

export { CUT_NOTE, EXCEL_CELL_LIMIT, fitText } from './xlsx-book.js';

/**
 * What the kit needs of a cell: its value and style. exceljs's cells (the templates) and our own
 * writer's (xlsx-book.ts: the report, the trend table) both are one.
 */
export interface KitCell {
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
}

/** What the kit needs of a worksheet, in either writer. */
export interface KitSheet<C extends KitCell = KitCell> {
  getRow(row: number): { height: number | undefined; getCell(col: number): C };
  getColumn(col: number): { width?: number };
  mergeCells(top: number, left: number, bottom: number, right: number): void;
}

/** What the kit needs of a workbook, in either writer. */
export interface KitBook {
  creator: string;
  lastModifiedBy: string;
  created: Date;
  modified: Date;
  calcProperties: { fullCalcOnLoad?: boolean };
}

/** The font of every official document of the department. */
export const FONT = 'Times New Roman';

/**
 * A4, as the number: `ExcelJS.PaperSize` is a `const enum` in exceljs' typings with no run-time
 * object, so files compiled one by one (esbuild, vitest) cannot inline it and would throw.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- see above
export const A4 = 9 as ExcelJS.PaperSize;

/** Number formats: household counts with thousands separators, rates with two decimals. */
export const COUNT_FORMAT = '#,##0';
export const RATE_FORMAT = '0.00';

// The document's texts live in official-document.ts (no workbook there, so the HTML can use them);
// re-exported for the workbook writers that have always taken them from here.
export {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  NUMBER_BLANK,
  RECIPIENTS_HEADING,
  documentNumberLine,
  recipientLines,
  upperVi,
} from './official-document.js';
/** The line under each signature title: who signs on the left, who signs and stamps on the right. */
export const SIGNATURE_HINTS = {
  left: '(Ký, ghi rõ họ tên)',
  right: '(Ký tên, đóng dấu)',
} as const;

/** Print margins (inches) of the landscape sheets of the blank templates. */
const MARGINS: ExcelJS.Margins = {
  left: 0.4,
  right: 0.4,
  top: 0.5,
  bottom: 0.5,
  header: 0.3,
  footer: 0.3,
};

/**
 * Print margins (inches) of an official document (Decree 30/2020, Phụ lục I: top and bottom
 * 20–25 mm, left 30–35 mm, right 15–20 mm), a little inside each range so that no rounding of
 * inches to millimetres puts them outside (1.18 in is 29.97 mm). The page number sits in the top
 * margin, 10 mm from the edge.
 */
export const DOCUMENT_MARGINS: ExcelJS.Margins = {
  top: 0.8,
  bottom: 0.8,
  left: 1.2,
  right: 0.6,
  header: 0.4,
  footer: 0.4,
};

/**
 * The page number as Decree 30/2020 prints it: Arabic, centred in the top margin, 13 pt upright
 * Times New Roman, none on page 1 (`differentFirst` with no first-page header). Each sheet counts
 * from 1 (`firstPageNumber`), even when the whole workbook is printed at once.
 */
export const DOCUMENT_PAGE_NUMBERS: Partial<ExcelJS.HeaderFooter> = {
  differentFirst: true,
  oddHeader: `&C&"${FONT},Regular"&13&P`,
};

/**
 * A4 landscape, centred, one page wide and as many pages tall as the rows need: how a form sheet
 * prints. Callers add the rows repeated on every page.
 */
export function landscapeOnePageWide(margins = MARGINS): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { ...margins },
  };
}

/**
 * A4 landscape at a fixed scale across as many pages as the columns need, for a sheet too wide to
 * shrink onto one page (its figures would be a few points high); `titleColumns` repeat on each.
 */
export function landscapeAtScale(
  scale: number,
  titleColumns: string,
  margins = MARGINS,
): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4,
    orientation: 'landscape',
    horizontalCentered: false,
    margins: { ...margins },
    fitToPage: false,
    scale,
    printTitlesColumn: titleColumns,
  };
}

/** A thin box around a cell, in `argb` when given (else the spreadsheet's default, black). */
export function thinBox(argb?: string): Partial<ExcelJS.Borders> {
  const side: Partial<ExcelJS.Border> = argb
    ? { style: 'thin', color: { argb } }
    : { style: 'thin' };
  return { top: side, left: side, bottom: side, right: side };
}

/** Sets the widths (in characters) of the columns from A on. */
export function setColumnWidths(ws: KitSheet, widths: number[]): void {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

/**
 * Makes the workbook's properties: made by povreport at `now` (exceljs stamps both dates with the
 * clock otherwise; the caller's time keeps runs reproducible), and every formula recomputed by
 * Excel on opening, so a figure never shows a stale cache. LibreOffice ignores that flag (it
 * follows its own "recalculation on load" setting).
 */
export function stampWorkbook(wb: KitBook, now: Date): void {
  wb.creator = 'povreport';
  wb.lastModifiedBy = 'povreport';
  wb.created = now;
  wb.modified = now;
  wb.calcProperties.fullCalcOnLoad = true;
}

/**
 * An exceljs workbook's bytes (the templates), its texts first cut to what Excel opens. exceljs
 * writes its parts stored (its zip library deflates in JavaScript); they are deflated by zlib
 * when packed again.
 */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  fitWorkbookTexts(wb);
  const out = (await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } })) as unknown;
  // exceljs types its result as its own `Buffer` (an ArrayBuffer); on Node it is a Buffer.
  const bytes = Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
  // Dated as the workbook is (stampWorkbook), in Vietnam's time: the same report made at the same
  // time, the same bytes, whatever the machine's time zone.
  return repackZip(
    bytes,
    6,
    new Map(),
    wb.modified instanceof Date ? vietnamWallClock(wb.modified) : undefined,
  );
}

/**
 * Starts a new printed page at each of `columns` (1-based: the first column of the new page), so
 * that a wide sheet printed across pages breaks where its headings do, not inside a merged one.
 */
export function setColumnBreaks(ws: BookSheet, columns: number[]): void {
  ws.columnBreaks = [...columns];
}

/** How a cell looks: a few dozen looks serve every cell of a workbook. */
export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  mono?: boolean;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Vertical alignment; middle when not given. */
  valign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  border?: boolean;
  /** A thin bottom border alone: the short rules of a document's head (Decree 30/2020). */
  rule?: boolean;
  numFmt?: string;
}

const THIN = thinBox();

// One style object per look spares the garbage collector on a report of thousands of cells.
const styles = new Map<string, Partial<ExcelJS.Style>>();

/** A look's key: equal for looks that make the same style (a field left out is its default). */
function lookKey(look: CellLook): string {
  const on = (b: boolean | undefined): string => (b ? '1' : '0');
  return (
    on(look.bold) +
    on(look.italic) +
    on(look.underline) +
    on(look.mono) +
    on(look.wrap) +
    on(look.border) +
    on(look.rule) +
    `|${look.size ?? ''}|${look.align ?? ''}|${look.valign ?? ''}|${look.numFmt ?? ''}`
  );
}

/**
 * The style of each look object already asked for (a look made once and used for many cells). A
 * look is frozen once used: changed afterwards, it would keep the style it had.
 */
const styleOfLook = new WeakMap<CellLook, Partial<ExcelJS.Style>>();

function styleFor(look: CellLook): Partial<ExcelJS.Style> {
  const same = styleOfLook.get(look);
  if (same) return same;
  const key = lookKey(look);
  const hit = styles.get(key);
  if (hit) {
    styleOfLook.set(Object.freeze(look), hit);
    return hit;
  }
  const style: Partial<ExcelJS.Style> = {
    font: {
      name: look.mono ? 'Courier New' : FONT,
      size: look.size ?? (look.mono ? 9 : 11),
      bold: look.bold ?? false,
      italic: look.italic ?? false,
      underline: look.underline ?? false,
    },
    alignment: {
      horizontal: look.align ?? 'left',
      vertical: look.valign ?? 'middle',
      wrapText: look.wrap ?? false,
    },
  };
  if (look.border) style.border = { ...THIN };
  else if (look.rule) style.border = { bottom: { style: 'thin' } };
  if (look.numFmt) style.numFmt = look.numFmt;
  styles.set(key, style);
  styleOfLook.set(Object.freeze(look), style);
  return style;
}

/**
 * Writes a value with its look. exceljs shares style objects between cells (merged cells get the
 * master's very object), so a style is always assigned whole, never mutated afterwards.
 */
export function put<C extends KitCell>(
  ws: KitSheet<C>,
  row: number,
  col: number,
  value: ExcelJS.CellValue,
  look: CellLook = {},
): C {
  // The row's own getCell: the sheet's parses an address it first spells ("BA190").
  const cell = ws.getRow(row).getCell(col);
  cell.value = value;
  cell.style = styleFor(look);
  return cell;
}

/** Writes the master cell, then merges: the other cells take its look (borders included). */
export function putMerged(
  ws: KitSheet,
  top: number,
  left: number,
  bottom: number,
  right: number,
  value: ExcelJS.CellValue,
  look: CellLook = {},
): void {
  put(ws, top, left, value, look);
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
}

/** Columns `from` to `to` (1-based, inclusive). */
export interface ColumnSpan {
  from: number;
  to: number;
}

/** The official title block: the issuer on the left, the national motto on the right. */
export interface TitleBlock {
  /** The issuer's lines, from row 1 down ("UBND TỈNH YÊN BÁI", then the department, in bold). */
  issuer: { text: string; bold?: boolean }[];
  /** The columns the issuer spans. */
  left: ColumnSpan;
  /** The columns the national name, the motto and the dateline span. */
  right: ColumnSpan;
  /** "Yên Bái, ngày … tháng … năm …", under the motto; none on a blank form. */
  dateline?: string;
  /** "Số:        /BC-SNNMT", under the issuer's lines, upright; none when not given. */
  number?: string;
}

/**
 * Writes the title block as Decree 30/2020 lays out an administrative document, from row 1: the
 * issuer on the left and the number line under it; the national name (row 1), the underlined
 * motto (row 2) and the dateline (row 3) on the right. Every line is 12 pt, centred and wrapped
 * over its merged columns.
 */
export function writeTitleBlock(ws: KitSheet, block: TitleBlock): void {
  const side: CellLook = { size: 12, align: 'center', wrap: true };
  const line = (row: number, span: ColumnSpan, text: string, look: CellLook): void => {
    putMerged(ws, row, span.from, row, span.to, text, { ...side, ...look });
  };
  block.issuer.forEach((l, i) => {
    line(i + 1, block.left, l.text, { bold: l.bold ?? false });
  });
  line(1, block.right, NATIONAL_NAME, { bold: true });
  line(2, block.right, NATIONAL_MOTTO, { bold: true, underline: true });
  if (block.dateline !== undefined) line(3, block.right, block.dateline, { italic: true });
  if (block.number !== undefined) line(block.issuer.length + 1, block.left, block.number, {});
}

/** One side of the signature block. */
export interface SignatureSide extends ColumnSpan {
  /** The title, in bold: "NGƯỜI LẬP BIỂU", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC". */
  title: string;
  /** A line above the title, in bold, when a deputy signs for the head: "KT. GIÁM ĐỐC". */
  above?: string;
  /** The signer's name, in bold, under the space left for the signature. */
  name?: string;
}

/** Empty rows between the line saying how to sign and the signer's name: room for the signature. */
const SIGNING_ROWS = 4;

/**
 * Writes the signature block at `row`: each side's title in bold (who prepared the sheet on the
 * left, who signs for the office on the right), after the line above it if any ("KT. GIÁM ĐỐC"),
 * the line saying how to sign under it, empty rows to sign in and, when given, the signer's name;
 * 12 pt and centred over its merged columns. Returns the first row below the block (below the
 * room for the signatures, so that what comes next does not take it).
 */
export function writeSignatureBlock(
  ws: KitSheet,
  row: number,
  sides: { left: SignatureSide; right: SignatureSide },
  opts: { wrap?: boolean } = {},
): number {
  const look: CellLook = { size: 12, align: 'center', ...(opts.wrap ? { wrap: true } : {}) };
  let next = row;
  for (const side of ['left', 'right'] as const) {
    const s = sides[side];
    const line = (r: number, text: string, extra: CellLook): void => {
      putMerged(ws, r, s.from, r, s.to, text, { ...look, ...extra });
    };
    let r = row;
    if (s.above !== undefined) line(r++, s.above, { bold: true });
    line(r++, s.title, { bold: true });
    line(r++, SIGNATURE_HINTS[side], { italic: true });
    r += SIGNING_ROWS;
    if (s.name !== undefined) line(r++, s.name, { bold: true });
    next = Math.max(next, r);
  }
  return next;
}

/** Advance widths of Times New Roman (thousandths of an em) for A–Z and a–z: its AFM metrics. */
const TNR_UPPER = [
  722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
  611, 722, 722, 944, 722, 722, 611,
];
const TNR_LOWER = [
  444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
  278, 500, 500, 722, 500, 500, 444,
];
const TNR_BOLD_UPPER = [
  722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556,
  667, 722, 722, 1000, 722, 722, 667,
];
const TNR_BOLD_LOWER = [
  500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
  333, 556, 500, 722, 500, 500, 444,
];
const TNR_OTHER: Record<string, number> = {
  ' ': 250,
  ',': 250,
  '.': 250,
  ':': 278,
  ';': 278,
  '/': 278,
  '-': 333,
  '(': 333,
  ')': 333,
  '%': 833,
};

/**
 * The advance width of a Times New Roman character, in ems: enough to tell how many lines a
 * wrapped cell takes, which exceljs cannot measure and Excel does not re-measure on opening.
 * Letters with diacritics take their base letter's width (đ, Đ: d, D); digits are 0.5 em.
 */
function emWidth(ch: string, bold: boolean): number {
  const base = ch.normalize('NFD').charAt(0).replace('đ', 'd').replace('Đ', 'D');
  const code = base.charCodeAt(0);
  if (code >= 65 && code <= 90)
    return ((bold ? TNR_BOLD_UPPER : TNR_UPPER)[code - 65] ?? 722) / 1000;
  if (code >= 97 && code <= 122)
    return ((bold ? TNR_BOLD_LOWER : TNR_LOWER)[code - 97] ?? 500) / 1000;
  return (TNR_OTHER[base] ?? 500) / 1000;
}

/** Width in points of `text` in Times New Roman of `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += emWidth(ch, bold);
  return em * size;
}

/**
 * Points of text across columns `widths` (Excel's units: about 7 pixels of the default font's
 * digit each, at 96 pixels per inch), less the cell's padding.
 */
export function columnsPoints(widths: readonly number[]): number {
  const pixels = widths.reduce((a, b) => a + b, 0) * 7 - 6;
  return (pixels * 72) / 96;
}

/**
 * How many lines `text` takes when wrapped at whole words in `points` (a word longer than a line
 * is cut, as Excel does). Newlines start new lines.
 */
export function wrappedLines(text: string, points: number, size: number, bold = false): number {
  const space = textWidth(' ', size, bold);
  let lines = 0;
  for (const part of text.split('\n')) {
    let n = 1;
    let used = 0;
    for (const word of part.split(' ')) {
      const w = textWidth(word, size, bold);
      const need = used === 0 ? w : used + space + w;
      if (need <= points || used === 0) used = need;
      else {
        n++;
        used = w;
      }
      while (used > points) {
        n++;
        used -= points;
      }
    }
    lines += n;
  }
  return lines;
}

/**
 * Cuts every text cell of the workbook to Excel's limit, with a note where it cut: Excel refuses
 * a workbook with a longer cell ("We found a problem with some content"), and a file name, a
 * heading or a message quoting a cell can be that long.
 */
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
