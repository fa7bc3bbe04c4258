/**
 * Reads an `.xlsx`/`.xlsm` workbook into grids with exceljs. The whole-document reader is used,
 * not the streaming one: the streaming reader drops merged ranges, and the forms' multi-row
 * headers are made of merged cells.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from './exceljs-workbook.js';

import type { CellRange, SheetCell, SheetGrid } from '../core/grid.js';
import { clipMerges, LayoutBudget, placeCell, type GridLimits } from './grid-limits.js';
import { normalizeXlsx } from './normalize-xlsx.js';
import type { Bilingual } from '../core/finding-codes.js';
import { XlsxCensus, type SheetMerges } from './xlsx-census.js';
import { guardZip } from './zip-guard.js';
import { GridLimitError, ReadError } from '../core/errors.js';

/** The cell values a formula result or a plain cell can hold once converted. */
type Converted = { value: SheetCell['value']; error?: string };

/**
 * Worksheet parts exceljs need not parse for our purposes. A data validation over a whole
 * column (`A1:A1048576`, common in issued templates) makes exceljs expand every cell address,
 * which takes minutes or exhausts memory (exceljs issue #1842); conditional formats and the
 * extension list are styling only. Tables, pictures and hyperlinks hold no figure the reports
 * need, and exceljs follows each through a relationship it crashes on when another writer named
 * the part otherwise (openpyxl, for one): not parsing them removes that way of failing. Merged
 * ranges are read by the census (xlsx-census.ts) instead: exceljs expands each one cell by cell
 * and compares it with every earlier one, so a range over a whole column, or twenty thousand
 * small ranges, cost gigabytes or minutes.
 */
const IGNORED_NODES = [
  'mergeCells',
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'tableParts',
  'drawing',
  'picture',
  'hyperlinks',
];

/** What the zip guard and the census learnt of a package, for {@link readXlsx}. */
export interface XlsxPackage {
  /** The package's part names, as the zip guard read them. */
  names: string[];
  /** Each worksheet's merged ranges, from the census. */
  merges: SheetMerges;
}

/**
 * Reads every worksheet of a workbook, in tab order, hidden ones included. Most workbooks are read
 * as they are; a package laid out another way (parts under other names, which exceljs would drop
 * without a word) is ironed out first, and one exceljs fails on, or finds no sheet in, is ironed
 * out and read again (see normalize-xlsx.ts): the extra pass costs only the files that need it.
 *
 * @param bytes - The whole file.
 * @param pkg - What `guardZip` with an {@link XlsxCensus} found; without it, the guard and the
 *   census run here (and their refusal is a ReadError).
 * @param limits - The cell budget, for the grids as read.
 * @throws {@link ReadError} when exceljs cannot load the file; `GridLimitError` past the budget.
 */
export async function readXlsx(
  bytes: Buffer,
  pkg?: XlsxPackage,
  limits: GridLimits = {},
): Promise<{ sheets: SheetGrid[] }> {
  const { names, merges } = pkg ?? surveyPackage(bytes, limits);
  const read = (workbook: ExcelJS.Workbook): SheetGrid[] => {
    const budget = new LayoutBudget(limits);
    return workbook.worksheets.map((ws) => readWorksheet(ws, merges.get(ws.id) ?? [], budget));
  };
  let failure: unknown = null;
  if (!irregularParts(names))
    try {
      const workbook = await load(bytes);
      if (workbook.worksheets.length > 0) return { sheets: read(workbook) };
    } catch (e) {
      if (e instanceof GridLimitError) throw e;
      failure = e;
    }
  try {
    const normalized = await normalizeXlsx(bytes);
    // Nothing to iron out: exceljs's own failure is the one to tell.
    if (normalized === bytes && failure !== null)
      throw new ReadError(xlsxErrorReason(failure), { cause: failure });
    const workbook = await load(normalized);
    return { sheets: read(workbook) };
  } catch (e) {
    if (e instanceof ReadError || e instanceof GridLimitError) throw e;
    throw new ReadError(xlsxErrorReason(e), { cause: e });
  }
}

/** Runs the zip guard with a census, for a caller that has not. */
function surveyPackage(bytes: Buffer, limits: GridLimits): XlsxPackage {
  const census = new XlsxCensus(limits);
  const guard = guardZip(bytes, { inspect: census.inspect });
  if (!guard.ok) {
    if (guard.code === 'file-corrupt') throw new ReadError(guard.reason);
    if (guard.code === 'file-not-spreadsheet')
      throw new ReadError({
        vi: 'tệp nén không có bảng tính',
        en: 'the archive holds no workbook',
      });
    throw new ReadError({
      vi: 'tệp nén bung ra quá lớn, không đọc để bảo vệ máy',
      en: 'the archive inflates too much; not read, to protect the machine',
    });
  }
  return { names: guard.names, merges: census.sheetMerges() };
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = newWorkbook();
  // exceljs declares its own `Buffer` (an ArrayBuffer) in its typings; a Node Buffer is what it
  // actually expects at run time (it hands it to JSZip).
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_NODES });
  return workbook;
}

/** Parts under names exceljs does not look for (a sheet called `sheet.xml`, absolute names). */
function irregularParts(names: string[]): boolean {
  return names.some(
    (n) =>
      n.startsWith('/') ||
      (/^xl\/worksheets\/[^/]+\.xml$/i.test(n) && !/^xl\/worksheets\/sheet\d+\.xml$/.test(n)) ||
      (/^xl\/[^/]*(sharedstrings|styles)[^/]*\.xml$/i.test(n) &&
        !/^xl\/(sharedStrings|styles)\.xml$/.test(n)),
  );
}

function readWorksheet(
  ws: ExcelJS.Worksheet,
  merges: CellRange[],
  budget: LayoutBudget,
): SheetGrid {
  const rows: (SheetCell | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const converted = readCell(cell);
      if (!converted) return;
      budget.cell();
      placeCell(rows, rowNumber - 1, colNumber - 1, converted, budget);
    });
  });
  const grid: SheetGrid = {
    name: ws.name,
    hidden: ws.state === 'hidden' || ws.state === 'veryHidden',
    rows,
    merges,
  };
  grid.merges = clipMerges(grid, budget);
  // Excel keeps a merged range's value in its top-left cell; what a writer left in the others
  // is hidden under the range, so it is not read (exceljs did the same when it merged them).
  for (const m of grid.merges)
    for (let r = m.top; r <= m.bottom; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.left; c <= Math.min(m.right, row.length - 1); c++)
        if ((r !== m.top || c !== m.left) && row[c] !== undefined) row[c] = undefined;
    }
  return grid;
}

/** Converts one exceljs cell, or returns undefined when it holds nothing worth reporting. */
function readCell(cell: ExcelJS.Cell): SheetCell | undefined {
  const v = cell.value;
  let out: SheetCell;
  if (isFormula(v)) {
    // `cell.formula` also gives a shared formula's text, translated to this cell's position.
    const formula = cell.formula;
    // `cell.value.result` drops a saved result of 0 (or false, or ""); `cell.result` keeps it.
    const result: unknown = cell.result;
    if (result === undefined || result === null) {
      out = { value: null, formula, noResult: true };
    } else {
      out = { ...convert(result), formula };
    }
  } else {
    const converted = convert(v);
    if (converted.error === undefined && isBlank(converted.value)) return undefined;
    out = converted;
  }
  const numFmt = cell.numFmt;
  if (numFmt && numFmt !== 'General') out.numFmt = numFmt;
  return out;
}

/** An empty or whitespace-only text is a blank cell, as Excel's COUNTA-users see it. */
function isBlank(value: SheetCell['value']): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

function isFormula(
  v: ExcelJS.CellValue,
): v is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

/** Converts a cell value or a formula result to the grid's value (or error). */
function convert(v: unknown): Converted {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { value: v };
  // Dates come back as UTC midnight of the day Excel shows; kept as Date for the core.
  if (v instanceof Date) return { value: v };
  if (typeof v === 'object') {
    if ('error' in v && typeof v.error === 'string') return { value: null, error: v.error };
    if ('richText' in v) return { value: richText(v.richText) };
    // A hyperlink cell's shown text may itself be rich text.
    if ('hyperlink' in v && 'text' in v) return convert(v.text);
  }
  return { value: null };
}

function richText(runs: unknown): string {
  if (!Array.isArray(runs)) return '';
  return runs
    .map((run: unknown) =>
      typeof run === 'object' && run !== null && 'text' in run && typeof run.text === 'string'
        ? run.text
        : '',
    )
    .join('');
}

/**
 * Says in plain words why exceljs (or JSZip, or the XML parser underneath) could not load the
 * file. The library's own message is kept only when it fits none of the known kinds; it stays
 * available as the ReadError's `cause`.
 */
function xlsxErrorReason(e: unknown): Bilingual {
  const message = e instanceof Error ? e.message : String(e);
  if (/crc32/i.test(message))
    return {
      vi: 'dữ liệu bên trong bị sai lệch (sai mã kiểm tra CRC)',
      en: 'the data inside is altered (wrong CRC checksum)',
    };
  if (/end of data|corrupted zip|central directory|signature|zip/i.test(message)) {
    return { vi: 'cấu trúc tệp nén bị hỏng', en: 'the archive’s structure is damaged' };
  }
  if (/invalid (distance|code|block|stored)|inflate|header check|unexpected end/i.test(message)) {
    return { vi: 'dữ liệu nén bên trong bị hỏng', en: 'the compressed data inside is damaged' };
  }
  if (
    /close tag|unclosed|invalid character|attribute|first tag|outside of root|xml/i.test(message)
  ) {
    return { vi: 'nội dung XML bên trong bị hỏng', en: 'the XML inside is damaged' };
  }
  const short = message.length > 160 ? `${message.slice(0, 157)}...` : message;
  return {
    vi: `cấu trúc bảng tính không hợp lệ (${short})`,
    en: `the workbook’s structure is invalid (${short})`,
  };
}
