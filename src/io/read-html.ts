/**
 * Reads an HTML page that stands in for a workbook. The "Xuất Excel" button of many Vietnamese
 * web systems writes an HTML page with one or more `<table>`s and names it `.xls`; Excel opens
 * it as a one-sheet workbook. This reader lays the page out the way Excel does: every table's
 * cells on the grid as a browser places them (colspan/rowspan become merged ranges, later cells
 * shifted right past earlier rowspans), tables one under the other with a blank row between,
 * and text outside the tables (a title in an `<h3>`) on rows of its own.
 *
 * Parser: htmlparser2, not parse5. It is a streaming (SAX-style) parser, so no DOM of a hostile
 * 50 MB page is ever built and the cell budget stops it early; it closes `<td>`/`<tr>` left open
 * the way sloppy exports write them; and the same package is widely used (cheerio) and kept up.
 * Its open-element stack costs time in proportion to its depth, so nesting is capped (browsers
 * cap it too). Pinned to 10.1.0: the 11 and 12 lines need Node 20.19 or later, and this tool
 * promises any Node 20.
 */
import path from 'node:path';

import { Parser } from 'htmlparser2';

import type { CellRange, SheetCell, SheetGrid } from '../core/grid.js';
import type { GridLimits } from './grid-limits.js';
import {
  clipMerges,
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  LayoutBudget,
  padRows,
  placeCell,
} from './grid-limits.js';
import { decodeMarkup } from './markup-text.js';
import { ReadError } from '../core/errors.js';

/** What {@link readHtml} made of a page. */
export interface HtmlRead {
  /** One sheet holding every table of the page; empty when the page has no table. */
  sheets: SheetGrid[];
  /** How many top-level tables the page has (0: not a spreadsheet at all). */
  tables: number;
  /** The encoding the page was read in (see {@link decodeMarkup}). */
  encoding: string;
}

/** Deeper nesting than any page a browser builds (Chromium stops at 512 too). */
const MAX_DEPTH = 512;
/** The HTML standard's limits of `colspan` and `rowspan`. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/**
 * Elements whose text nobody sees in the page; `comment` is how LibreOffice's HTML export writes
 * a cell's note (hidden by its style sheet).
 */
const HIDDEN = new Set([
  'script',
  'style',
  'title',
  'template',
  'noscript',
  'xml',
  'object',
  'comment',
]);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'ul',
]);

/** A line break inside collected text (`<br>`, a block element, an inner table's row). */
const BREAK = Symbol('break');
type Piece = string | typeof BREAK;

interface RawCell {
  text: string;
  colspan: number;
  /** 0: down to the end of its row group, as the HTML standard says. */
  rowspan: number;
  /**
   * The typed value the writing program saved: Excel's `x:num` ("" when written without a
   * value), LibreOffice's `sdval`.
   */
  xnum?: string;
  classes?: string;
  /** The `mso-number-format` of the cell's own `style` attribute. */
  inlineFormat?: string;
}

interface RawGroup {
  foot: boolean;
  rows: RawCell[][];
}

interface RawTable {
  caption: Piece[];
  groups: RawGroup[];
}

type Item = { kind: 'line'; text: string } | { kind: 'table'; table: RawTable };

interface OpenCell {
  raw: RawCell;
  pieces: Piece[];
  /** How many tables are open inside this cell: their text is the cell's text. */
  nested: number;
}

interface OpenTable {
  table: RawTable;
  group: RawGroup | null;
  row: RawCell[] | null;
  cell: OpenCell | null;
  inCaption: number;
}

/**
 * Reads an HTML page into one sheet named after the file (or after the sheet name Excel wrote
 * into the page's `<x:Name>`).
 *
 * @param bytes - The whole file.
 * @param fileName - The file's name, for the sheet name.
 * @param limits - The cell budget.
 * @throws {@link ReadError} for a page nested deeper than any browser builds.
 * @throws {@link GridLimitError} past the cell budget.
 */
export function readHtml(bytes: Buffer, fileName: string, limits: GridLimits = {}): HtmlRead {
  const { text, encoding } = decodeMarkup(bytes);
  const budget = new LayoutBudget(limits);
  const page = parsePage(text, budget);
  if (page.tables === 0) return { sheets: [], tables: 0, encoding };
  const formats = cssNumberFormats(page.css.join('\n'));
  const sheet: SheetGrid = {
    name: sheetName(page.sheetName ?? path.basename(fileName, path.extname(fileName))),
    hidden: false,
    ...layoutPage(page.items, formats, budget),
  };
  sheet.merges = clipMerges(sheet, budget);
  return { sheets: [sheet], tables: page.tables, encoding };
}

interface ParsedPage {
  items: Item[];
  tables: number;
  css: string[];
  sheetName: string | null;
}

function parsePage(text: string, budget: LayoutBudget): ParsedPage {
  const items: Item[] = [];
  const css: string[] = [];
  const stack: OpenTable[] = [];
  let lineBuf: Piece[] = [];
  let depth = 0;
  let hidden = 0;
  let inStyle = 0;
  let tables = 0;
  let sheetNameFound: string | null = null;

  const top = (): OpenTable | undefined => stack[stack.length - 1];
  const sink = (): Piece[] | null => {
    const t = top();
    if (!t) return lineBuf;
    if (t.cell) return t.cell.pieces;
    if (t.inCaption > 0) return t.table.caption;
    // Text between rows: a browser moves it above the table; an export never has any.
    return null;
  };
  const flushLines = (): void => {
    for (const line of joinPieces(lineBuf).split('\n')) {
      if (line !== '') items.push({ kind: 'line', text: line });
    }
    lineBuf = [];
  };
  const closeCell = (t: OpenTable): void => {
    if (!t.cell) return;
    t.cell.raw.text = joinPieces(t.cell.pieces);
    t.cell = null;
  };
  const endRow = (t: OpenTable): void => {
    closeCell(t);
    t.row = null;
  };
  const startRow = (t: OpenTable): RawCell[] => {
    endRow(t);
    // A row counts as a cell: a flood of empty `<tr>` must not pass where cells would not.
    budget.cell();
    if (!t.group) {
      t.group = { foot: false, rows: [] };
      t.table.groups.push(t.group);
    }
    const row: RawCell[] = [];
    t.group.rows.push(row);
    t.row = row;
    return row;
  };

  const onopentag = (name: string, attribs: Record<string, string>): void => {
    if (++depth > MAX_DEPTH) {
      throw new ReadError({
        vi: `các thẻ HTML lồng nhau quá sâu (hơn ${MAX_DEPTH} tầng)`,
        en: `the HTML tags are nested too deep (more than ${MAX_DEPTH} levels)`,
      });
    }
    if (HIDDEN.has(name)) {
      hidden++;
      if (name === 'style') inStyle++;
      return;
    }
    if (hidden > 0) return;
    const t = top();
    const cell = t?.cell;
    if (cell && cell.nested > 0) {
      // Inside a table inside a cell: its cells and rows are only text of the outer cell.
      if (name === 'table') cell.nested++;
      if (name === 'table' || name === 'tr' || name === 'br' || BLOCK.has(name)) {
        cell.pieces.push(BREAK);
      } else if (name === 'td' || name === 'th') cell.pieces.push(' ');
      return;
    }
    switch (name) {
      case 'table':
        if (t && cell) {
          cell.nested++;
          cell.pieces.push(BREAK);
          return;
        }
        flushLines();
        tables += stack.length === 0 ? 1 : 0;
        {
          const table: RawTable = { caption: [], groups: [] };
          items.push({ kind: 'table', table });
          stack.push({ table, group: null, row: null, cell: null, inCaption: 0 });
        }
        return;
      case 'tr':
        if (t) startRow(t);
        else lineBuf.push(BREAK);
        return;
      case 'td':
      case 'th': {
        if (!t) {
          lineBuf.push(' ');
          return;
        }
        closeCell(t);
        const row = t.row ?? startRow(t);
        budget.cell();
        const raw: RawCell = {
          text: '',
          colspan: Math.min(parseSpan(attribs.colspan, 1) || 1, MAX_COLSPAN),
          rowspan: Math.min(parseSpan(attribs.rowspan, 1), MAX_ROWSPAN),
        };
        const xnum = attribs['x:num'] ?? attribs.sdval;
        if (xnum !== undefined) raw.xnum = xnum.trim();
        if (attribs.class) raw.classes = attribs.class;
        // LibreOffice: sdnum="1033;1033;0.00%" (language; language; format code).
        const sdnum = attribs.sdnum?.split(';').slice(2).join(';');
        const inline = (attribs.style && numberFormatOf(attribs.style)) || sdnum || undefined;
        if (inline) raw.inlineFormat = inline;
        row.push(raw);
        t.cell = { raw, pieces: [], nested: 0 };
        return;
      }
      case 'thead':
      case 'tbody':
      case 'tfoot':
        if (!t) return;
        endRow(t);
        t.group = { foot: name === 'tfoot', rows: [] };
        t.table.groups.push(t.group);
        return;
      case 'caption':
        if (t && !cell) t.inCaption++;
        return;
      default:
        if (name === 'br' || BLOCK.has(name)) sink()?.push(BREAK);
    }
  };

  const onclosetag = (name: string): void => {
    depth--;
    if (HIDDEN.has(name)) {
      if (hidden > 0) hidden--;
      if (name === 'style' && inStyle > 0) inStyle--;
      return;
    }
    if (hidden > 0) return;
    const t = top();
    const cell = t?.cell;
    if (cell && cell.nested > 0) {
      if (name === 'table') cell.nested--;
      if (name === 'table' || name === 'tr' || BLOCK.has(name)) cell.pieces.push(BREAK);
      else if (name === 'td' || name === 'th') cell.pieces.push(' ');
      return;
    }
    if (!t) {
      if (BLOCK.has(name) || name === 'tr') lineBuf.push(BREAK);
      return;
    }
    switch (name) {
      case 'table':
        endRow(t);
        stack.pop();
        return;
      case 'tr':
        endRow(t);
        return;
      case 'td':
      case 'th':
        closeCell(t);
        return;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        endRow(t);
        t.group = null;
        return;
      case 'caption':
        if (t.inCaption > 0) t.inCaption--;
        return;
      default:
        if (BLOCK.has(name)) sink()?.push(BREAK);
    }
  };

  const parser = new Parser(
    {
      onopentag,
      onclosetag,
      ontext(data) {
        if (inStyle > 0) css.push(data);
        if (hidden > 0) return;
        sink()?.push(data);
      },
      oncomment(data) {
        // Excel's own pages carry the sheet name in a data island inside a conditional comment.
        if (sheetNameFound === null) {
          const m = /<x:Name>([^<]{1,200})<\/x:Name>/i.exec(data);
          if (m?.[1]) sheetNameFound = decodeBasicEntities(m[1]).trim() || null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(text);
  parser.end();
  for (const t of stack) endRow(t);
  flushLines();
  return { items, tables, css, sheetName: sheetNameFound };
}

/**
 * Joins collected text as a browser shows it: runs of white space become one space, `<br>` and
 * block boundaries become line breaks, blank lines go.
 */
function joinPieces(pieces: Piece[]): string {
  const lines: string[] = [];
  let cur = '';
  for (const p of pieces) {
    if (p === BREAK) {
      lines.push(cur);
      cur = '';
    } else cur += p;
  }
  lines.push(cur);
  return lines
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')
    .normalize('NFC');
}

/**
 * The HTML standard's "rules for parsing non-negative integers" for colspan/rowspan: leading
 * digits count, anything unreadable is the default.
 */
function parseSpan(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^\s*\+?(\d+)/.exec(value);
  if (!m?.[1]) return fallback;
  // More digits than any limit: clipped by the caller anyway.
  return m[1].length > 7 ? 10_000_000 : Number(m[1]);
}

/** The `mso-number-format` of a CSS declaration block, unquoted and unescaped. */
function numberFormatOf(declarations: string): string | undefined {
  const m = /mso-number-format\s*:\s*("[^"]*"|'[^']*'|[^;}]*)/i.exec(declarations);
  if (!m?.[1]) return undefined;
  const raw = m[1].trim().replace(/^(["'])(.*)\1$/s, '$2');
  // Excel escapes literal characters with a backslash (`0\.00%`) and writes `\0022` for quotes.
  return raw.replace(/\\0022/g, '"').replace(/\\(.)/g, '$1') || undefined;
}

/** Maps CSS class names to the `mso-number-format` of their rules (`.xl65 {…}`). */
function cssNumberFormats(css: string): Map<string, string> {
  const formats = new Map<string, string>();
  for (const rule of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const format = numberFormatOf(rule[2] ?? '');
    if (!format) continue;
    for (const selector of (rule[1] ?? '').split(',')) {
      const cls = /\.([\w-]+)\s*$/.exec(selector.trim());
      if (cls?.[1]) formats.set(cls[1].toLowerCase(), format);
    }
  }
  return formats;
}

/** A percent format worth keeping for the core (which reads 0.1807 with `0.00%` as 18.07 %). */
function percentFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  if (/^percent$/i.test(format)) return '0.00%';
  return format.includes('%') ? format : undefined;
}

/** The grid cell of one table cell, or undefined when it shows nothing. */
function toCell(raw: RawCell, formats: Map<string, string>): SheetCell | undefined {
  if (raw.xnum !== undefined) {
    // `x:num="1234.5"`: Excel's saved value, in invariant notation, whatever the text shows.
    // Bare `x:num`: the text is the value; only a plain integer is unambiguous across locales,
    // anything else ("1.234", "12,5") is left as text for the core's Vietnamese number rules.
    const source = raw.xnum !== '' ? raw.xnum : /^-?\d+$/.test(raw.text) ? raw.text : '';
    const n = source === '' ? NaN : Number(source);
    let format = raw.inlineFormat;
    if (!format && raw.classes) {
      for (const c of raw.classes.toLowerCase().split(/\s+/)) format = formats.get(c) ?? format;
    }
    // A date cell (LibreOffice writes sdval="44725" sdnum="…;DD/MM/YYYY"): its value is a day's
    // serial, what it says is the date shown ("15/06/2022"), as a date line is read in an xlsx.
    if (Number.isFinite(n) && !isDateShape(format)) {
      const cell: SheetCell = { value: n };
      const numFmt = percentFormat(format);
      if (numFmt) cell.numFmt = numFmt;
      return cell;
    }
  }
  return raw.text === '' ? undefined : { value: raw.text };
}

/** Whether a number format shows a date: day, month and year letters between separators. */
function isDateShape(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /(?:d{1,4}|m{1,4}|y{2,4})[/.\- ](?:d{1,4}|m{1,4}|y{2,4})/i.test(bare);
}

/** Places every item of the page on one grid, top to bottom. */
function layoutPage(
  items: Item[],
  formats: Map<string, string>,
  budget: LayoutBudget,
): { rows: (SheetCell | undefined)[][]; merges: CellRange[] } {
  const rows: (SheetCell | undefined)[][] = [];
  const merges: CellRange[] = [];
  const put = (r: number, c: number, cell: SheetCell): void => {
    if (r < EXCEL_MAX_ROWS) placeCell(rows, r, c, cell, budget);
  };
  let next = 0;
  let previous: Item['kind'] | null = null;
  for (const item of items) {
    if (item.kind === 'line') {
      put(next++, 0, { value: item.text });
    } else {
      // Excel leaves one blank row between two tables that follow each other.
      if (previous === 'table') next++;
      const caption = joinPieces(item.table.caption);
      if (caption !== '') put(next++, 0, { value: caption });
      next += layoutTable(item.table, next, formats, budget, put, merges);
    }
    previous = item.kind;
  }
  // Rows the tables made but left empty (an empty `<tr>`) still count, as in Excel.
  padRows(rows, Math.min(next, EXCEL_MAX_ROWS));
  return { rows, merges: merges.filter((m) => m.bottom > m.top || m.right > m.left) };
}

/**
 * Lays out one table from row `top` down, as the HTML standard's table model does: each cell
 * goes to the first column of its row not covered by a rowspan from above; a rowspan stops at
 * the end of its row group (`thead`, `tbody`, `tfoot`, which comes last). Returns the height.
 */
function layoutTable(
  table: RawTable,
  top: number,
  formats: Map<string, string>,
  budget: LayoutBudget,
  put: (r: number, c: number, cell: SheetCell) => void,
  merges: CellRange[],
): number {
  // For each column, the rowspan covering it: first and last row (relative) and its right edge.
  const spanTop: number[] = [];
  const spanBottom: number[] = [];
  const spanRight: number[] = [];
  const groups = [...table.groups.filter((g) => !g.foot), ...table.groups.filter((g) => g.foot)];
  let y = 0;
  for (const group of groups) {
    const groupStart = y;
    const tall: CellRange[] = [];
    const covered = (x: number): boolean =>
      (spanTop[x] ?? -1) >= groupStart && (spanTop[x] ?? -1) < y && (spanBottom[x] ?? -1) >= y;
    for (const row of group.rows) {
      let x = 0;
      for (const raw of row) {
        while (x < EXCEL_MAX_COLUMNS && covered(x)) {
          x = (spanRight[x] ?? x) + 1;
          budget.spend(1);
        }
        if (x >= EXCEL_MAX_COLUMNS) break;
        // A colspan running into a rowspan from above stops there: Excel merges cannot overlap.
        let right = Math.min(x + raw.colspan - 1, EXCEL_MAX_COLUMNS - 1);
        for (let c = x + 1; c <= right; c++) {
          if (covered(c)) {
            right = c - 1;
            break;
          }
        }
        budget.spend(right - x + 1);
        const bottom = raw.rowspan === 0 ? Infinity : y + raw.rowspan - 1;
        if (bottom > y) {
          for (let c = x; c <= right; c++) {
            spanTop[c] = y;
            spanBottom[c] = bottom;
            spanRight[c] = right;
          }
        }
        const cell = toCell(raw, formats);
        if (cell) put(top + y, x, cell);
        if (right > x || bottom > y) {
          const merge = { top: top + y, left: x, bottom: top + bottom, right };
          merges.push(merge);
          if (bottom > y) tall.push(merge);
        }
        x = right + 1;
      }
      y++;
    }
    // A rowspan past the last row of its group ends there (browsers and Excel alike).
    const last = Math.min(top + y - 1, EXCEL_MAX_ROWS - 1);
    for (const m of tall) if (m.bottom > last) m.bottom = last;
  }
  return y;
}

/**
 * A sheet name as Excel allows it: no `[ ] : * ? / \`, at most 31 characters (Excel cuts the
 * file name the same way when it opens such a page).
 */
function sheetName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[[\]:*?/\\]/g, '_')
    .trim();
  // Excel counts UTF-16 units; a pair is not cut in half.
  const cut = cleaned.slice(0, 31).replace(/[\uD800-\uDBFF]$/, '');
  return cut || 'Sheet1';
}

function decodeBasicEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
