/**
 * Counts what a workbook's parts will cost before exceljs builds anything from them. exceljs
 * makes an object for every cell, row, shared string and style it parses, so a 16 MB workbook of
 * filler sheets costs gigabytes and minutes; it also expands every merged range cell by cell
 * (`Z1:Z1048576` in each sheet is a million cells each) and checks each new range against all
 * earlier ones (20 000 merged ranges take over a minute). The zip guard hands every inflated part
 * to {@link XlsxCensus.inspect}, which scans the bytes (no XML parser: a few comparisons per tag)
 * and spends the file's {@link LayoutBudget}: past it, a `GridLimitError` stops the read before
 * exceljs starts. The merged ranges are collected here, so exceljs is told to skip them and the
 * reader clips them to the cells the sheet actually holds.
 */
import path from 'node:path';

import type { CellRange } from '../core/grid.js';
import { LayoutBudget, type GridLimits } from './grid-limits.js';
import { columnNumber } from './xlsx-scan.js';

/** Elements exceljs turns into an object each, outside a sheet's rows and cells. */
const COUNTED = new Set([
  'si', // shared strings
  'xf',
  'dxf',
  'font',
  'fill',
  'border',
  'numFmt',
  'comment',
  'definedName',
]);

/** A worksheet relationship's type ends so (transitional and strict namespaces alike). */
const WORKSHEET_TYPE = /\/worksheet$/;
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
/** Most bytes of a tag read to find an attribute: attributes of interest come early. */
const TAG_WINDOW = 1024;

/** The merged ranges of each worksheet, by its `sheetId` (exceljs's `worksheet.id`). */
export type SheetMerges = Map<number, CellRange[]>;

/**
 * The inflated size up to which a worksheet's cells are left to the reader that lays them out:
 * the tool's own reader ({@link readXlsx}) spends the same budget cell by cell as it reads, so
 * counting a small sheet first only reads it twice (on a district's forms the census cost as
 * much as the read). 1 MB of XML is at most some fifty thousand cells, a tenth of the default
 * budget; a larger sheet is still counted here, and refused before it is laid out.
 */
export const SMALL_SHEET_BYTES = 1024 * 1024;

/** What the census counts. */
export interface CensusOptions {
  /**
   * Whether every worksheet's cells are counted (true), or only those of sheets larger than
   * {@link SMALL_SHEET_BYTES} (false: the reader counts the others). Default true: exceljs,
   * which builds every cell before anyone can count, needs them all counted first.
   */
  everySheet?: boolean;
}

/** Counts a workbook's parts against a budget and collects its merged ranges. */
export class XlsxCensus {
  private readonly budget: LayoutBudget;
  private readonly everySheet: boolean;
  private readonly mergesByPart = new Map<string, CellRange[]>();
  private sheets: { sheetId: number; rId: string }[] = [];
  private readonly rels = new Map<string, { type: string; target: string }>();

  /** @param limits - The file's cell budget. */
  constructor(limits: GridLimits = {}, options: CensusOptions = {}) {
    this.budget = new LayoutBudget(limits);
    this.everySheet = options.everySheet ?? true;
  }

  /**
   * Scans one inflated part. Throws `GridLimitError` as soon as the workbook holds more than the
   * budget allows.
   */
  readonly inspect = (name: string, data: Buffer): void => {
    const part = name.replace(/^\/+/, '');
    if (!/\.(xml|rels)$/i.test(part)) return;
    const root = rootName(data);
    if (root === 'worksheet')
      this.mergesByPart.set(
        part,
        this.everySheet || data.length > SMALL_SHEET_BYTES
          ? scanSheet(data, this.budget)
          : sheetMergesOnly(data),
      );
    else if (part === WORKBOOK_PART) this.sheets = readSheets(data);
    else if (part === WORKBOOK_RELS) readRels(data, this.rels);
    else countElements(data, this.budget);
  };

  /**
   * Each worksheet's merged ranges (0-based, as written), found through the workbook's
   * relationships as exceljs finds the sheet; a sheetId given twice keeps the later sheet, as
   * exceljs does.
   */
  sheetMerges(): SheetMerges {
    const out: SheetMerges = new Map();
    for (const s of this.sheets) {
      const rel = this.rels.get(s.rId);
      if (!rel || !WORKSHEET_TYPE.test(rel.type)) continue;
      const target = rel.target.trim();
      const part = target.startsWith('/')
        ? target.replace(/^\/+/, '')
        : path.posix.normalize(path.posix.join('xl', target));
      out.set(s.sheetId, this.mergesByPart.get(part) ?? []);
    }
    return out;
  }
}

/** Calls `visit` with the start of each element's local name (after `<` and any prefix). */
function eachElement(
  data: Buffer,
  visit: (nameStart: number, nameEnd: number, tagStart: number) => void,
): void {
  let i = data.indexOf(0x3c);
  while (i >= 0) {
    const first = data[i + 1];
    // Not an end tag, a declaration, a comment or a processing instruction.
    if (first !== undefined && first !== 0x2f && first !== 0x21 && first !== 0x3f) {
      let end = i + 1;
      let local = i + 1;
      for (; end < data.length; end++) {
        const b = data[end];
        if (b === 0x3a) local = end + 1;
        else if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d)
          break;
      }
      visit(local, end, i);
    }
    i = data.indexOf(0x3c, i + 1);
  }
}

function nameIs(data: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (data[start + k] !== name.charCodeAt(k)) return false;
  return true;
}

/** The root element's local name (within the first 4 KiB), or ''. */
function rootName(data: Buffer): string {
  const head = data.toString('latin1', 0, 4096);
  const m = /<(?![?!/])(?:[^\s>/:]*:)?([^\s>/:]+)/.exec(head);
  return m?.[1] ?? '';
}

/** The text of the tag starting at `tagStart`, up to its `>` (at most {@link TAG_WINDOW}). */
function tagText(data: Buffer, tagStart: number): string {
  const window = data.subarray(tagStart, tagStart + TAG_WINDOW);
  const close = window.indexOf(0x3e);
  return window.toString('utf8', 0, close < 0 ? window.length : close);
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`, 's').exec(tag);
  return m?.[2];
}

function countElements(data: Buffer, budget: LayoutBudget): void {
  eachElement(data, (s, e) => {
    if (COUNTED.has(data.toString('latin1', s, e))) budget.cell();
  });
}

const CELL_REF = /\sr\s*=\s*["']\s*([A-Za-z]+)(\d+)\s*["']/;

/**
 * Counts a worksheet's cells, rows and merged ranges into the budget, with the grid the reader
 * will lay out (each row as long as its last cell, the sheet as tall as its last row), and
 * returns its merged ranges. Rows and cells without an address follow the previous one, as
 * ECMA-376 says and as the reader's normaliser writes them in.
 */
function scanSheet(data: Buffer, budget: LayoutBudget): CellRange[] {
  const merges: CellRange[] = [];
  let row = 0;
  let col = 0;
  let rowWidth = 0;
  let height = 0;
  const endRow = (): void => {
    if (rowWidth > 0) budget.spend(rowWidth);
    rowWidth = 0;
  };
  eachElement(data, (s, e, tagStart) => {
    if (nameIs(data, s, e, 'c')) {
      budget.cell();
      const ref = CELL_REF.exec(tagText(data, tagStart));
      col = ref?.[1] ? columnNumber(ref[1]) : col + 1;
      const r = ref?.[2] ? Number(ref[2]) : row;
      if (col > rowWidth) rowWidth = col;
      height = Math.max(height, r, row);
    } else if (nameIs(data, s, e, 'row')) {
      endRow();
      budget.spend(1);
      const r = attribute(tagText(data, tagStart), 'r');
      row = r !== undefined && /^\s*\d+\s*$/.test(r) ? Number(r) : row + 1;
      col = 0;
    } else if (nameIs(data, s, e, 'mergeCell')) {
      budget.cell();
      const ref = attribute(tagText(data, tagStart), 'ref');
      const range = ref === undefined ? null : parseRange(ref);
      if (range) merges.push(range);
    }
  });
  endRow();
  budget.spend(height);
  return merges;
}

const MERGE_CELL = Buffer.from('mergeCell', 'latin1');

/**
 * A worksheet's merged ranges, found as {@link scanSheet} finds them (every `mergeCell` element,
 * with or without a namespace prefix), without visiting the sheet's other elements.
 */
function sheetMergesOnly(data: Buffer): CellRange[] {
  const merges: CellRange[] = [];
  for (let at = data.indexOf(MERGE_CELL); at >= 0; at = data.indexOf(MERGE_CELL, at + 1)) {
    // The name ends there (not `mergeCells`) …
    const after = data[at + MERGE_CELL.length];
    if (after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x09)
      if (after !== 0x0a && after !== 0x0d) continue;
    // … and begins a start tag: `<` right before it, or `<prefix:`.
    let tagStart = at - 1;
    if (data[tagStart] === 0x3a) {
      while (tagStart > 0 && isPrefixByte(data[tagStart - 1])) tagStart--;
      tagStart--;
    }
    if (tagStart < 0 || data[tagStart] !== 0x3c) continue;
    const ref = attribute(tagText(data, tagStart), 'ref');
    const range = ref === undefined ? null : parseRange(ref);
    if (range) merges.push(range);
  }
  return merges;
}

/** A byte of an element's name before its local part: not `<`, `/`, `>`, `!`, `?`, white space. */
function isPrefixByte(b: number | undefined): boolean {
  if (b === undefined) return false;
  return ![0x3c, 0x2f, 0x3e, 0x21, 0x3f, 0x20, 0x09, 0x0a, 0x0d].includes(b);
}

/** The workbook's sheets in tab order: their `sheetId` and relationship id. */
function readSheets(data: Buffer): { sheetId: number; rId: string }[] {
  const out: { sheetId: number; rId: string }[] = [];
  eachElement(data, (s, e, tagStart) => {
    if (!nameIs(data, s, e, 'sheet')) return;
    const tag = tagText(data, tagStart);
    // exceljs reads exactly these attribute names.
    const rId = attribute(tag, 'r:id');
    const sheetId = Number.parseInt(attribute(tag, 'sheetId') ?? '', 10);
    if (rId !== undefined && Number.isFinite(sheetId)) out.push({ sheetId, rId });
  });
  return out;
}

function readRels(data: Buffer, into: Map<string, { type: string; target: string }>): void {
  eachElement(data, (s, e, tagStart) => {
    if (!nameIs(data, s, e, 'Relationship')) return;
    const tag = tagText(data, tagStart);
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id !== undefined && target !== undefined)
      into.set(id, { type: attribute(tag, 'Type') ?? '', target: decodeEntities(target) });
  });
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Parses `B2:D3` (or a single `B2`, or `$B$2`) to a 0-based range, or null. */
export function parseRange(ref: string): CellRange | null {
  const m = /^\s*\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?\s*$/i.exec(ref);
  if (!m?.[1] || !m[2]) return null;
  const top = Number(m[2]) - 1;
  const left = columnNumber(m[1]) - 1;
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnNumber(m[3]) - 1 : left;
  if (top < 0 || bottom < 0) return null;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}
