/**
 * Reads an `.xlsx`/`.xlsm` workbook into grids, straight from the package's bytes
 * ({@link readXlsx}): every xlsx the tool reads, a district's two-sheet form and a province's
 * hundred-thousand-row one, goes through it. The exceljs reader of the earlier releases
 * ({@link readXlsxWithExceljs}) is kept only as the oracle the tests compare it with; exceljs
 * is loaded when a workbook is written, never to read one.
 */
import type ExcelJS from 'exceljs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { newWorkbook } from './exceljs-workbook.js';

import { cellAddress, type CellRange, type SheetCell, type SheetGrid } from '../core/grid.js';
import {
  clipMerges,
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  LayoutBudget,
  placeCell,
  type GridLimits,
} from './grid-limits.js';
import { normalizeXlsx } from './normalize-xlsx.js';
import type { Bilingual } from '../core/finding-codes.js';
import { XlsxCensus, type SheetMerges } from './xlsx-census.js';
import { guardZip, isReason, readDirectory, type ZipEntry } from './zip-guard.js';
import { decodeEntities, SharedStringsScanner, SheetScanner, type RowCells } from './xlsx-scan.js';
import { GridLimitError, ReadError } from '../core/errors.js';
import { memoText } from '../core/text.js';

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
 * The reader of the exceljs days, kept as the oracle the byte-level reader ({@link readXlsx}) is
 * compared with (test/integration/read-xlsx-compare.test.ts); nothing else calls it, and exceljs
 * is loaded only when it is called.
 *
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
export async function readXlsxWithExceljs(
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
  return finishGrid(
    {
      name: ws.name,
      hidden: ws.state === 'hidden' || ws.state === 'veryHidden',
      rows,
      merges,
    },
    budget,
  );
}

/** Clips a grid's merged ranges and clears what lies hidden under them. */
function finishGrid(grid: SheetGrid, budget: LayoutBudget): SheetGrid {
  const { rows } = grid;
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

// ---------------------------------------------------------------------------------------------
// The byte-level reader: the package's parts found through its relationships, each worksheet
// scanned by xlsx-scan.ts as it inflates, cells converted as exceljs converted them.
// ---------------------------------------------------------------------------------------------

const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

/** exceljs's table of built-in number formats (ECMA-376 Part 1, §18.8.30), en-US. */
const BUILTIN_NUM_FMTS: Partial<Record<number, string>> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Whether a number format shows a date or a time (exceljs's test: a date letter outside quotes and brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  return fmt ? dateFormat(fmt) : false;
}

/** A workbook has a few dozen formats, asked of every cell: each is looked at once. */
const dateFormat = memoText(
  (fmt) => /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '')),
  1000,
);

/** An Excel serial day as the Date of that day at UTC (1900 or 1904 system), as exceljs gives it. */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** The attributes of one XML tag's text (`<x:sheet name="…" r:id="…"/>`), names as written. */
function tagAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1] ?? '';
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** The tags of element `local` (any prefix) in `xml`. */
function tagsOf(xml: string, local: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}(?=[\\s/>])[^>]*>`, 'g');
  return [...xml.matchAll(re)].map((m) => tagAttrs(m[0].slice(local.length + 1)));
}

/**
 * The columns a worksheet hides (`<col min max hidden="1">` before its rows), as 0-based ranges
 * within the sheet's columns.
 */
export function hiddenColumnsOf(xml: Buffer): [number, number][] {
  const end = xml.indexOf('sheetData');
  if (end < 0) return [];
  const out: [number, number][] = [];
  for (const a of tagsOf(xml.toString('utf8', 0, end), 'col')) {
    const hidden = a.get('hidden');
    if (hidden !== '1' && hidden !== 'true') continue;
    const min = Number.parseInt(a.get('min') ?? '', 10);
    const max = Number.parseInt(a.get('max') ?? '', 10);
    if (!Number.isFinite(min) || !Number.isFinite(max) || min < 1 || max < min) continue;
    out.push([min - 1, Math.min(max, EXCEL_MAX_COLUMNS) - 1]);
  }
  return out;
}

/**
 * The rows a worksheet hides (`<row r="7" hidden="1">`; LibreOffice writes `hidden="true"`), as
 * 0-based indices, ascending. A row without its address is not counted (writers give hidden rows
 * one).
 */
export function hiddenRowsOf(xml: Buffer): number[] {
  if (xml.indexOf('hidden=') < 0) return [];
  const start = xml.indexOf('sheetData');
  if (start < 0) return [];
  const out: number[] = [];
  const text = xml.toString('utf8', start);
  for (const m of text.matchAll(/<(?:[\w.-]+:)?row\b([^>]*)>/g)) {
    const a = m[1] ?? '';
    if (!/\bhidden\s*=\s*["'](?:1|true)["']/.test(a)) continue;
    const r = /\br\s*=\s*["'](\d{1,7})["']/.exec(a);
    const n = r?.[1] !== undefined ? Number(r[1]) : 0;
    if (n >= 1 && n <= EXCEL_MAX_ROWS) out.push(n - 1);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The texts of a worksheet's printed page header (`<oddHeader>`, `<firstHeader>` in its
 * `<headerFooter>`, after its rows): each part (`&L`, `&C`, `&R`) and line a text, Excel's codes
 * left out (`&P` page number, `&"Arial,Bold"` font, `&12` size, `&K…` colour; `&&` is "&").
 */
export function pageHeaderOf(xml: Buffer): string[] {
  // The element comes after the rows: its opening tag is its name's first mention after them.
  const start = xml.indexOf('headerFooter', Math.max(0, xml.lastIndexOf('sheetData')));
  if (start < 0) return [];
  const text = xml.toString('utf8', start, Math.min(xml.length, start + 16_384));
  const out: string[] = [];
  for (const m of text.matchAll(/<(?:[\w.-]+:)?(oddHeader|firstHeader)\b[^>]*>([^<]*)</g)) {
    const codes = decodeEntities(m[2] ?? '')
      .replace(/&&/g, '\uE000')
      .replace(/&"[^"]*"/g, '')
      .replace(/&K[0-9A-Fa-f]{6}|&K\d{2}[+-]\d{3}/g, '')
      .replace(/&\d+/g, '');
    for (const part of codes.split(/&[LCR]/))
      for (const line of part.replace(/&[A-Za-z]/g, ' ').split(/[\r\n]+/)) {
        const t = line
          .replace(/\uE000/g, '&')
          .replace(/\s+/g, ' ')
          .trim();
        if (t !== '' && !out.includes(t)) out.push(t);
      }
  }
  return out;
}

/** The value of the attribute whose local name is `local` (`r:id`, `ns1:id`…). */
function attrLocal(attrs: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attrs) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** An archive held in memory: its entries by name, inflated on demand. */
class MemoryZip implements PartSource {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly lower = new Map<string, string>();

  constructor(private readonly bytes: Buffer) {
    const dir = readDirectory(bytes);
    if (isReason(dir)) throw new ReadError(dir);
    for (const e of dir.entries) {
      const name = e.name.replace(/^\/+/, '');
      this.entries.set(name, e);
      this.lower.set(name.toLowerCase(), name);
    }
  }

  /** The part's name as the archive spells it (names compared without case, as Excel does). */
  find(part: string): string | null {
    const name = part.replace(/^\/+/, '');
    return this.entries.has(name) ? name : (this.lower.get(name.toLowerCase()) ?? null);
  }

  /** The part's inflated bytes; null when it is missing. */
  read(part: string): Buffer | null {
    const name = this.find(part);
    const e = name === null ? undefined : this.entries.get(name);
    if (!e) return null;
    if (e.flags & 1)
      throw new ReadError({
        vi: 'tệp nén được đặt mật khẩu',
        en: 'the archive is password-protected',
      });
    try {
      const b = this.bytes;
      if (b.readUInt32LE(e.local) !== 0x04034b50) throw new RangeError('no local header');
      const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
      const data = b.subarray(start, start + e.compressed);
      if (e.method === 0) return data;
      if (e.method !== 8)
        throw new ReadError({
          vi: 'tệp nén dùng kiểu nén không được hỗ trợ',
          en: 'the archive uses an unsupported compression method',
        });
      // The guard has inflated this very entry within its limits; the output is bounded again.
      return inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressed, 1) * 2 + 1024 });
    } catch (err) {
      if (err instanceof ReadError) throw err;
      throw new ReadError(
        { vi: 'dữ liệu nén bên trong bị hỏng', en: 'the compressed data inside is damaged' },
        { cause: err },
      );
    }
  }

  /** The relationships of `part`, targets resolved. */
  rels(part: string): { id: string; type: string; target: string }[] {
    return readRels(this, part);
  }
}

/** The number format of each cell style (`s` attribute), as exceljs resolves it. */
export function readStyles(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  for (const a of tagsOf(xml, 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    const code = a.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[0] ?? '';
  return tagsOf(cellXfs, 'xf').map((a) => {
    const id = Number.parseInt(a.get('numFmtId') ?? '', 10);
    if (!id) return undefined;
    return custom.get(id) ?? BUILTIN_NUM_FMTS[id];
  });
}

/** `AB` → 28 (1-based). */
function letters(col: string): number {
  let n = 0;
  for (const ch of col.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * A shared formula's text as it reads in another cell of its group: relative references moved
 * by the offset between the cells (exceljs's `slideFormula`, so the texts are the same).
 */
export function slideFormula(
  formula: string,
  from: { row: number; col: number },
  to: { row: number; col: number },
): string {
  return formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (whole, sheet: string | undefined, _s: string, addr: string, paren: string | undefined) => {
      if (paren) return whole;
      const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr);
      if (!m) return whole;
      const colStr = (m[2] ?? '').toUpperCase();
      if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return whole;
      let col = letters(colStr);
      let row = Number.parseInt(m[4] ?? '', 10);
      if (!m[1]) col += to.col - from.col;
      if (!m[3]) row += to.row - from.row;
      return `${sheet ?? ''}${m[1] ?? ''}${cellAddress(0, col - 1).replace(/\d+$/, '')}${m[3] ?? ''}${row}`;
    },
  );
}

/** What a worksheet needs from the rest of the package. */
export interface SheetContext {
  /** The shared string of an index; undefined past the table. */
  string: (index: number) => string | undefined;
  numFmts: (string | undefined)[];
  date1904: boolean;
}

/**
 * Reads one cell of a scanned row into the grid's shape, exactly as the exceljs reader did (see
 * `readCell`), or returns undefined when it holds nothing worth reporting.
 */
export function convertScanned(
  rc: RowCells,
  k: number,
  ctx: SheetContext,
  shared: Map<string, { formula: string; row: number; col: number }>,
): SheetCell | undefined {
  const type = rc.typeName(k);
  const num = rc.num[k] ?? NaN;
  const text = rc.text[k] ?? null;
  const numFmt = ctx.numFmts[rc.style[k] ?? 0];
  const isDate = isDateFormat(numFmt);
  const fAttrs = rc.formulaAttrs[k];
  const fText = rc.formula[k] ?? null;
  let out: SheetCell;
  if (fAttrs && (fText || fAttrs.t)) {
    let formula: string | undefined = fText || undefined;
    if (fAttrs.t === 'shared' && fAttrs.si !== null) {
      if (fAttrs.ref !== null) {
        shared.set(fAttrs.si, { formula: fText ?? '', row: rc.row, col: rc.col[k] ?? 0 });
      } else {
        const master = shared.get(fAttrs.si);
        formula = master
          ? slideFormula(master.formula, master, { row: rc.row, col: rc.col[k] ?? 0 })
          : undefined;
      }
    }
    const raw = Number.isNaN(num) ? text : String(num);
    // A text result saved empty (`<v></v>`: `=IF(D11=0,"",…)` where D11 is 0) is a result, a
    // blank one; no `<v>` at all is none.
    if (raw === null || (raw === '' && type !== 'str')) {
      out = { value: null, noResult: true };
    } else if (type === 'str' || type === 'inlineStr') {
      out = { value: raw };
    } else if (type === 'b') {
      out = { value: Number.isNaN(num) ? Number.parseInt(raw, 10) !== 0 : num !== 0 };
    } else if (type === 'e') {
      out = { value: null, error: raw };
    } else {
      const n = Number.isNaN(num) ? Number.parseFloat(raw) : num;
      out = { value: isDate && !Number.isNaN(n) ? excelDate(n, ctx.date1904) : n };
    }
    if (formula !== undefined) out.formula = formula;
  } else {
    if (Number.isNaN(num) && (text === null || text === '')) return undefined;
    switch (type) {
      case 's': {
        const s = ctx.string(num);
        if (s === undefined) return undefined;
        out = { value: s };
        break;
      }
      case 'str':
      case 'inlineStr':
        out = { value: text ?? String(num) };
        break;
      case 'b':
        out = {
          value: Number.isNaN(num) ? Number.parseInt(text ?? '', 10) !== 0 : num !== 0,
        };
        break;
      case 'e':
        out = { value: null, error: text ?? String(num) };
        break;
      case 'd': {
        // An ISO 8601 date (ECMA-376 §18.18.11): exceljs read its year as a number; read as the date.
        const raw = (text ?? '').trim();
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
        out = { value: Number.isNaN(d.getTime()) ? raw : d };
        break;
      }
      default: {
        const n = Number.isNaN(num) ? Number.parseFloat(text ?? '') : num;
        out = { value: isDate && !Number.isNaN(n) ? excelDate(n, ctx.date1904) : n };
      }
    }
    if (out.error === undefined && isBlank(out.value)) return undefined;
  }
  if (numFmt && numFmt !== 'General') out.numFmt = numFmt;
  return out;
}

/** Scans one worksheet part into a grid. */
function scanWorksheet(
  xml: Buffer,
  ctx: SheetContext,
  budget: LayoutBudget,
): (SheetCell | undefined)[][] {
  const rows: (SheetCell | undefined)[][] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const scanner = new SheetScanner((rc) => {
    for (let k = 0; k < rc.count; k++) {
      const cell = convertScanned(rc, k, ctx, shared);
      if (!cell) continue;
      budget.cell();
      placeCell(rows, rc.row, rc.col[k] ?? 0, cell, budget);
    }
  });
  // Fed in slices: the scanner's cost does not depend on it, and a slice is what it copies at most.
  const SLICE = 1 << 20;
  for (let i = 0; i < xml.length; i += SLICE) scanner.push(xml.subarray(i, i + SLICE));
  scanner.end();
  return rows;
}

/**
 * Reads every worksheet of a workbook, in tab order, hidden ones included, straight from the
 * package's bytes: the parts are found through the workbook's relationships (whatever their
 * names, prefixed namespaces and rows without addresses included), each worksheet is scanned
 * byte by byte (xlsx-scan.ts) and its cells converted as the exceljs reader converted them
 * ({@link readXlsxWithExceljs}: values, types, dates of the 1900 and 1904 systems, formulas and
 * their saved results, number formats). A form of a hundred thousand rows costs seconds and the
 * memory of its grid, not of exceljs's object per cell.
 *
 * @param bytes - The whole file.
 * @param pkg - What `guardZip` with an {@link XlsxCensus} found; without it, the guard and the
 *   census run here (and their refusal is a ReadError).
 * @param limits - The cell budget, for the grids as read.
 * @throws {@link ReadError} when the package cannot be read; `GridLimitError` past the budget.
 */
export async function readXlsx(
  bytes: Buffer,
  pkg?: XlsxPackage,
  limits: GridLimits = {},
): Promise<{ sheets: SheetGrid[] }> {
  const { merges } = pkg ?? surveyPackage(bytes, limits);
  await Promise.resolve();
  const zip = new MemoryZip(bytes);
  const book = describeWorkbook(zip);
  const stylesXml = book.stylesPart === null ? null : zip.read(book.stylesPart);
  let strings: string[] = [];
  const stringsXml = book.stringsPart === null ? null : zip.read(book.stringsPart);
  if (stringsXml) {
    const sc = new SharedStringsScanner();
    sc.push(stringsXml);
    strings = sc.end();
  }
  const ctx: SheetContext = {
    string: (i) => strings[i],
    numFmts: stylesXml ? readStyles(stylesXml.toString('utf8')) : [],
    date1904: book.date1904,
  };
  const budget = new LayoutBudget(limits);
  const sheets: SheetGrid[] = [];
  for (const s of book.sheets) {
    const xml = zip.read(s.part);
    if (!xml) continue;
    const rows = scanWorksheet(xml, ctx, budget);
    const hiddenColumns = hiddenColumnsOf(xml);
    const hiddenRows = hiddenRowsOf(xml);
    const pageHeader = pageHeaderOf(xml);
    sheets.push(
      finishGrid(
        {
          name: s.name,
          hidden: s.state === 'hidden' || s.state === 'veryHidden',
          rows,
          merges: merges.get(s.sheetId) ?? [],
          ...(hiddenColumns.length > 0 ? { hiddenColumns } : {}),
          ...(hiddenRows.length > 0 ? { hiddenRows } : {}),
          ...(pageHeader.length > 0 ? { pageHeader } : {}),
        },
        budget,
      ),
    );
  }
  return { sheets };
}

/** Where the parts of a package are read from: an archive in memory, or one on disk. */
export interface PartSource {
  /** The part's name as the archive spells it (without case), or null when missing. */
  find(part: string): string | null;
  /** A small part's inflated bytes; null when it is missing. */
  read(part: string): Buffer | null;
  /** The relationships of `part`, targets resolved. */
  rels(part: string): { id: string; type: string; target: string }[];
}

/**
 * The relationships of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), targets
 * resolved against the part's folder; external targets left out.
 */
export function readRels(
  zip: Pick<PartSource, 'read'>,
  part: string,
): { id: string; type: string; target: string }[] {
  const dir = part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '';
  const file = part.slice(dir.length ? dir.length + 1 : 0);
  const xml = zip.read(`${dir ? dir + '/' : ''}_rels/${file}.rels`)?.toString('utf8') ?? '';
  return tagsOf(xml, 'Relationship').flatMap((a) => {
    const id = a.get('Id');
    const target = a.get('Target');
    if (id === undefined || target === undefined || a.get('TargetMode') === 'External') return [];
    const t = target.trim();
    const resolved = t.startsWith('/')
      ? t.replace(/^\/+/, '')
      : path.posix.normalize(path.posix.join(dir, t));
    return [{ id, type: a.get('Type') ?? '', target: resolved }];
  });
}

/** A workbook's sheets (in tab order) and the parts they need. */
export interface WorkbookParts {
  date1904: boolean;
  stylesPart: string | null;
  stringsPart: string | null;
  sheets: { sheetId: number; name: string; state: string; part: string }[];
}

/**
 * Reads the workbook part through its relationships (whatever the parts are named): its date
 * system, its styles and shared strings, and its worksheets in tab order, a sheetId given twice
 * keeping the later sheet at the earlier's place, as exceljs did.
 */
export function describeWorkbook(zip: PartSource): WorkbookParts {
  const officeDoc = zip.rels('').find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target;
  const workbookPart =
    (officeDoc !== undefined ? zip.find(officeDoc) : null) ?? zip.find('xl/workbook.xml');
  if (workbookPart === null)
    throw new ReadError({ vi: 'tệp nén không có bảng tính', en: 'the archive holds no workbook' });
  const workbookXml = zip.read(workbookPart)?.toString('utf8') ?? '';
  const rels = zip.rels(workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const date1904 = tagsOf(workbookXml, 'workbookPr').some((a) => {
    const v = a.get('date1904');
    return v === '1' || v === 'true';
  });
  const found = (part: string | undefined): string | null =>
    part === undefined ? null : zip.find(part);
  const bySheetId = new Map<number, { order: number; name: string; state: string; part: string }>();
  tagsOf(workbookXml, 'sheet').forEach((a, order) => {
    const sheetId = Number.parseInt(a.get('sheetId') ?? '', 10);
    const rel = relById.get(attrLocal(a, 'id') ?? '');
    if (!Number.isFinite(sheetId) || !rel || !REL_WORKSHEET.test(rel.type)) return;
    const first = bySheetId.get(sheetId)?.order ?? order;
    bySheetId.set(sheetId, {
      order: first,
      name: a.get('name') ?? '',
      state: a.get('state') ?? 'visible',
      part: rel.target,
    });
  });
  return {
    date1904,
    stylesPart: found(rels.find((r) => REL_STYLES.test(r.type))?.target),
    stringsPart: found(rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target),
    sheets: [...bySheetId]
      .sort((x, y) => x[1].order - y[1].order)
      .map(([sheetId, v]) => ({ sheetId, name: v.name, state: v.state, part: v.part })),
  };
}
