/**
 * Reads an Excel 2003 XML Spreadsheet (SpreadsheetML, `<Workbook xmlns="urn:schemas-microsoft-
 * com:office:spreadsheet">`), the other form web systems' "Xuất Excel" takes, usually named `.xls`.
 * Each `<Worksheet>` becomes a grid: `<Row ss:Index>`/`<Cell ss:Index>` place cells (an index
 * skips empty rows and columns), `ss:MergeAcross`/`ss:MergeDown` make merged ranges, `<Data
 * ss:Type>` gives the value's type, `<x:Visible>SheetHidden</x:Visible>` hides a sheet and
 * `<Column ss:Hidden="1">` a column (`ss:Index` and `ss:Span` say which, as for cells), and
 * `<Row ss:Hidden="1">` a row.
 *
 * Parser: saxes, a strict streaming XML parser (the one exceljs uses for xlsx parts, so no new
 * code comes in). Strict is what this format needs: Excel refuses a malformed or cut-off file
 * instead of guessing, and so do we, with a `file-corrupt` finding; and saxes expands no entities
 * declared in a DTD, so a "billion laughs" file cannot blow up.
 */
import { SaxesParser } from 'saxes';

import type { CellRange, SheetCell, SheetGrid } from '../core/grid.js';
import type { GridLimits } from './grid-limits.js';
import {
  clipMerges,
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  LayoutBudget,
  placeCell,
} from './grid-limits.js';
import { decodeMarkup } from './markup-text.js';
import { GridLimitError, ReadError } from '../core/errors.js';
import type { Bilingual } from '../core/finding-codes.js';

const NOT_XML2003: Bilingual = {
  vi: 'không phải bảng tính Excel 2003 XML',
  en: 'not an Excel 2003 XML spreadsheet',
};
const OUTSIDE_ROWS: Bilingual = {
  vi: 'có dòng nằm ngoài giới hạn trang tính của Excel',
  en: 'a row lies outside the limits of an Excel sheet',
};
const OUTSIDE_COLUMNS: Bilingual = {
  vi: 'có cột nằm ngoài giới hạn trang tính của Excel',
  en: 'a column lies outside the limits of an Excel sheet',
};

/** What {@link readXml2003} made of a file. */
export interface Xml2003Read {
  /** The worksheets, in tab order, hidden ones included. */
  sheets: SheetGrid[];
  /** The encoding the file was read in. */
  encoding: string;
}

interface OpenCell {
  row: number;
  col: number;
  mergeAcross: number;
  mergeDown: number;
  styleId: string | undefined;
  type: string | undefined;
  text: string[];
}

/**
 * Reads every worksheet of an Excel 2003 XML file.
 *
 * @param bytes - The whole file.
 * @param limits - The cell budget.
 * @throws {@link ReadError} when the XML is malformed, cut off or not a SpreadsheetML workbook.
 * @throws {@link GridLimitError} past the cell budget.
 */
export function readXml2003(bytes: Buffer, limits: GridLimits = {}): Xml2003Read {
  const { text, encoding } = decodeMarkup(bytes);
  const budget = new LayoutBudget(limits);
  const sheets: SheetGrid[] = [];
  const styles = new Map<string, string>();
  const path: string[] = [];
  let sheet: SheetGrid | null = null;
  let nextRow = 0;
  let row = -1;
  let rowSpan = 0;
  let nextCol = 0;
  let cell: OpenCell | null = null;
  let dataDepth = 0;
  let styleId: string | undefined;
  let visibleText: string[] | null = null;
  let rootSeen = false;
  // Per column, the last row a MergeDown from an earlier row covers, and that merge's right edge:
  // a cell written without ss:Index goes to the next column no merge from above covers.
  let downBottom: number[] = [];
  let downRight: number[] = [];
  // The next column a `<Column>` without ss:Index describes.
  let nextColumn = 0;

  // Without an error handler saxes throws at the first error, which is what is wanted.
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attr = plainAttributes(tag.attributes);
    if (!rootSeen) {
      rootSeen = true;
      if (name !== 'Workbook') throw new ReadError(NOT_XML2003);
    }
    path.push(name);
    const parent = path[path.length - 2];
    switch (name) {
      case 'Style':
        styleId = attr.ID;
        return;
      case 'NumberFormat': {
        const numFmt = percentFormat(attr.Format);
        if (styleId !== undefined && numFmt) styles.set(styleId, numFmt);
        return;
      }
      case 'Worksheet':
        sheet = {
          name: (attr.Name ?? `Sheet${sheets.length + 1}`).normalize('NFC'),
          hidden: false,
          rows: [],
          merges: [],
        };
        sheets.push(sheet);
        nextRow = 0;
        nextColumn = 0;
        downBottom = [];
        downRight = [];
        return;
      case 'Column': {
        if (!sheet || parent !== 'Table') return;
        const first = index(attr.Index, nextColumn, EXCEL_MAX_COLUMNS, OUTSIDE_COLUMNS);
        const last = first + clip(int(attr.Span) ?? 0, EXCEL_MAX_COLUMNS - 1 - first);
        nextColumn = last + 1;
        if (attr.Hidden === '1' || attr.Hidden === 'true') {
          const hidden = (sheet.hiddenColumns ??= []);
          const prev = hidden[hidden.length - 1];
          if (prev && prev[1] + 1 === first) prev[1] = last;
          else hidden.push([first, last]);
        }
        return;
      }
      case 'Row': {
        if (!sheet || parent !== 'Table') return;
        row = index(attr.Index, nextRow, EXCEL_MAX_ROWS, OUTSIDE_ROWS);
        rowSpan = Math.min(Math.max(0, int(attr.Span) ?? 0), EXCEL_MAX_ROWS);
        if (attr.Hidden === '1' || attr.Hidden === 'true')
          for (let r = row; r <= Math.min(row + rowSpan, EXCEL_MAX_ROWS - 1); r++) {
            budget.spend(1);
            (sheet.hiddenRows ??= []).push(r);
          }
        nextCol = 0;
        return;
      }
      case 'Cell': {
        if (!sheet || parent !== 'Row' || row < 0) return;
        let implicit = nextCol;
        while (implicit < EXCEL_MAX_COLUMNS && (downBottom[implicit] ?? -1) >= row) {
          implicit = (downRight[implicit] ?? implicit) + 1;
          budget.spend(1);
        }
        const col = index(attr.Index, implicit, EXCEL_MAX_COLUMNS, OUTSIDE_COLUMNS);
        cell = {
          row,
          col,
          mergeAcross: clip(int(attr.MergeAcross) ?? 0, EXCEL_MAX_COLUMNS - 1 - col),
          mergeDown: clip(int(attr.MergeDown) ?? 0, EXCEL_MAX_ROWS - 1 - row),
          styleId: attr.StyleID,
          type: undefined,
          text: [],
        };
        return;
      }
      case 'Data':
        // A cell's comment holds Data too; only the cell's own Data is its value.
        if (cell && parent === 'Cell') {
          cell.type = attr.Type;
          dataDepth = 1;
        } else if (dataDepth > 0) dataDepth++;
        return;
      case 'Visible':
        if (parent === 'WorksheetOptions') visibleText = [];
        return;
      default:
        if (dataDepth > 0) dataDepth++;
    }
  });
  parser.on('text', (t) => {
    if (dataDepth > 0 && cell) cell.text.push(t);
    else if (visibleText) visibleText.push(t);
  });
  parser.on('cdata', (t) => {
    if (dataDepth > 0 && cell) cell.text.push(t);
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    path.pop();
    if (dataDepth > 0) dataDepth--;
    switch (name) {
      case 'Style':
        styleId = undefined;
        return;
      case 'Cell':
        if (cell && sheet) {
          addCell(sheet, cell, styles, budget);
          if (cell.mergeDown > 0) {
            budget.spend(cell.mergeAcross + 1);
            for (let c = cell.col; c <= cell.col + cell.mergeAcross; c++) {
              downBottom[c] = cell.row + cell.mergeDown;
              downRight[c] = cell.col + cell.mergeAcross;
            }
          }
          nextCol = cell.col + cell.mergeAcross + 1;
        }
        cell = null;
        return;
      case 'Row':
        if (row >= 0) nextRow = Math.min(row + rowSpan + 1, EXCEL_MAX_ROWS);
        row = -1;
        return;
      case 'Visible':
        if (sheet && visibleText && /^SheetVeryHidden|^SheetHidden/.test(visibleText.join(''))) {
          sheet.hidden = true;
        }
        visibleText = null;
        return;
      case 'Worksheet':
        sheet = null;
        return;
    }
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof ReadError || e instanceof GridLimitError || !(e instanceof Error)) throw e;
    throw new ReadError(xmlErrorReason(e.message), { cause: e });
  }
  if (!rootSeen) throw new ReadError(NOT_XML2003);
  for (const s of sheets) s.merges = clipMerges(s, budget);
  return { sheets, encoding };
}

/**
 * Puts a cell on its sheet. Only cells that show something count against the budget, with the
 * empty rows and columns their position makes the grid hold: LibreOffice writes every one of
 * the 1 048 576 rows of a sheet, each with an empty `<Cell ss:Index="16384"/>`.
 */
function addCell(
  sheet: SheetGrid,
  cell: OpenCell,
  styles: Map<string, string>,
  budget: LayoutBudget,
): void {
  const value = cellValue(cell, styles);
  const merged = cell.mergeAcross > 0 || cell.mergeDown > 0;
  if (!value && !merged) return;
  budget.cell();
  if (value) placeCell(sheet.rows, cell.row, cell.col, value, budget);
  if (merged) {
    const merge: CellRange = {
      top: cell.row,
      left: cell.col,
      bottom: cell.row + cell.mergeDown,
      right: cell.col + cell.mergeAcross,
    };
    sheet.merges.push(merge);
  }
}

function cellValue(cell: OpenCell, styles: Map<string, string>): SheetCell | undefined {
  const raw = cell.text.join('').normalize('NFC');
  switch (cell.type) {
    case 'Number': {
      const n = raw.trim() === '' ? NaN : Number(raw.trim());
      if (!Number.isFinite(n)) break;
      const out: SheetCell = { value: n };
      const numFmt = cell.styleId === undefined ? undefined : styles.get(cell.styleId);
      if (numFmt) out.numFmt = numFmt;
      return out;
    }
    case 'DateTime': {
      // Written as local date-time without a zone (`2022-06-10T00:00:00.000`); kept as UTC
      // midnight of that day, as the xlsx reader gives dates.
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(raw.trim());
      if (!m) break;
      const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
      return { value: new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0)) };
    }
    case 'Boolean':
      return { value: raw.trim() === '1' || raw.trim().toLowerCase() === 'true' };
    case 'Error':
      return { value: null, error: raw.trim() };
  }
  return raw.trim() === '' ? undefined : { value: raw };
}

/** `ss:Index` (1-based), or the next position; past Excel's sheet it is a damaged file. */
function index(value: string | undefined, next: number, max: number, outside: Bilingual): number {
  const n = int(value);
  if (n === undefined) {
    if (next >= max) throw new ReadError(outside);
    return next;
  }
  if (n < 1 || n > max) throw new ReadError(outside);
  return n - 1;
}

function int(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return undefined;
  return Number(value);
}

function clip(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}

/** `ss:Name`, `x:Name` and `Name` alike: the name after any prefix. */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function plainAttributes(attributes: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(attributes)) if (typeof v === 'string') out[local(k)] = v;
  return out;
}

/** A percent number format worth keeping (`Percent` is Excel's named one, shown as 0.00%). */
function percentFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  if (/^percent$/i.test(format)) return '0.00%';
  return format.includes('%') ? format : undefined;
}

/** Says in plain words why the XML could not be read; saxes' message kept in short. */
function xmlErrorReason(message: string): Bilingual {
  if (/unclosed|unexpected end|end of/i.test(message)) {
    return {
      vi: 'nội dung XML bị cắt cụt, có thể tải về chưa hết',
      en: 'the XML is cut short; it may not have been fully downloaded',
    };
  }
  const short = message.length > 120 ? `${message.slice(0, 117)}...` : message;
  return { vi: `nội dung XML bị hỏng (${short})`, en: `the XML is damaged (${short})` };
}
