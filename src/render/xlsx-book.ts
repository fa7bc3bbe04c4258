/**
 * povreport's own writer of the workbooks it makes from nothing (the provincial report, the trend
 * table): the few parts of SpreadsheetML those workbooks use — text, numbers and formulas with
 * their results, fonts, alignment, thin borders, number formats, merged cells, column widths, row
 * heights, frozen panes, an auto-filter, page set-up with print titles, page numbers and column
 * breaks, the workbook's properties — written straight to XML and packed by zlib.
 *
 * Why not exceljs: loading exceljs takes longer than reading the nine districts' files, and its
 * writer builds a model of every cell before it writes a byte; the report was 150–200 ms of
 * exceljs after the reading was done (issue 11). This writer keeps exceljs's object shape for the
 * part it covers (`getRow(r).getCell(c).value`, `.style`, `mergeCells`, `pageSetup`…), so the
 * sheet-building code in xlsx-kit.ts serves both writers, and exceljs's reader reads what it
 * writes back as the same workbook (test/unit/xlsx-book.test.ts). The blank templates still
 * come from exceljs: they need cell protection and data validation, which this writer lacks.
 *
 * A value or style this writer cannot write is a programming error and throws; it never writes
 * something else instead.
 */
import type ExcelJS from 'exceljs';
import { vietnamWallClock } from '../core/dates-and-numbers.js';
import { cellAddress } from '../core/grid.js';
import { packZip } from '../io/zip-write.js';
import { escapeHtml } from './svg-chart.js';

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

type Style = Partial<ExcelJS.Style>;

const NO_STYLE: Style = Object.freeze({});

/** One cell: its value and style; a cell covered by a merge reads and writes its master's value. */
export class BookCell {
  #value: ExcelJS.CellValue = null;
  style: Style = NO_STYLE;
  /** The merge's top-left cell when this one is covered by a merge (not the master itself). */
  #master: BookCell | null = null;

  get value(): ExcelJS.CellValue {
    return this.#master ? this.#master.value : this.#value;
  }

  set value(v: ExcelJS.CellValue) {
    if (this.#master) this.#master.value = v;
    else this.#value = v;
  }

  /** Whether the cell is part of a merged range (the master included). */
  isMerged = false;

  /** The merge's top-left cell, or the cell itself. */
  get master(): BookCell {
    return this.#master ?? this;
  }

  /** Covers this cell by `master`'s merge: it takes the master's look, its own value goes. */
  coverBy(master: BookCell): void {
    this.#master = master === this ? null : master;
    this.isMerged = true;
    if (master !== this) {
      this.#value = null;
      this.style = master.style;
    }
  }

  /** The value written in this cell's own slot (null for a covered cell). */
  get ownValue(): ExcelJS.CellValue {
    return this.#master ? null : this.#value;
  }
}

/** The item at 1-based `index` of `list`, made when first asked for. */
function slot<T>(list: (T | undefined)[], index: number, what: string, make: () => T): T {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`${what} ${index}`);
  let item = list[index];
  if (item === undefined) {
    item = make();
    list[index] = item;
  }
  return item;
}

/** One row: its height (points; undefined: the default) and its cells by column. */
export class BookRow {
  height: number | undefined = undefined;
  readonly cells: (BookCell | undefined)[] = [];

  getCell(col: number): BookCell {
    return slot(this.cells, col, 'column', () => new BookCell());
  }
}

/** A range of cells, 1-based and inclusive. */
interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One worksheet. */
export class BookSheet {
  readonly rows: (BookRow | undefined)[] = [];
  readonly columns: ({ width?: number } | undefined)[] = [];
  readonly merges: Range[] = [];
  pageSetup: Partial<ExcelJS.PageSetup> = {};
  headerFooter: Partial<ExcelJS.HeaderFooter> = {};
  views: Partial<ExcelJS.WorksheetView>[] = [];
  autoFilter: {
    from: { row: number; column: number };
    to: { row: number; column: number };
  } | null = null;
  /** Columns (1-based) that start a new printed page. */
  columnBreaks: number[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
  ) {}

  getRow(row: number): BookRow {
    return slot(this.rows, row, 'row', () => new BookRow());
  }

  getColumn(col: number): { width?: number } {
    return slot(this.columns, col, 'column', () => ({}));
  }

  /** Merges the range: the top-left cell keeps its value and look, the others take its look. */
  mergeCells(top: number, left: number, bottom: number, right: number): void {
    const range = { top, left, bottom, right };
    for (const m of this.merges)
      if (m.top <= bottom && top <= m.bottom && m.left <= right && left <= m.right)
        throw new Error(`merge ${rangeRef(range)} overlaps ${rangeRef(m)} on ${this.name}`);
    const master = this.getRow(top).getCell(left);
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) this.getRow(r).getCell(c).coverBy(master);
    this.merges.push(range);
  }
}

/** The workbook: its sheets and properties. */
export class Book {
  creator = '';
  lastModifiedBy = '';
  created = new Date(0);
  modified = new Date(0);
  title = '';
  company = '';
  readonly calcProperties = { fullCalcOnLoad: false };
  readonly worksheets: BookSheet[] = [];

  addWorksheet(
    name: string,
    opts: {
      views?: Partial<ExcelJS.WorksheetView>[];
      pageSetup?: Partial<ExcelJS.PageSetup>;
    } = {},
  ): BookSheet {
    if (this.worksheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`sheet ${name} twice`);
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]|^'|'$/.test(name))
      throw new Error(`sheet name ${name} is not one Excel accepts`);
    const ws = new BookSheet(this.worksheets.length + 1, name);
    if (opts.views) ws.views = opts.views;
    if (opts.pageSetup) ws.pageSetup = opts.pageSetup;
    this.worksheets.push(ws);
    return ws;
  }

  /**
   * The workbook's bytes: every part deflated at `level` (1 for a large report of small texts),
   * each dated with the workbook's `modified` time as Vietnam's wall clock, so the same report
   * made at the same time is the same bytes whatever the machine's time zone.
   */
  toBuffer(level = 6): Buffer {
    const styles = new StyleTable();
    const strings = new StringTable();
    const sheets = this.worksheets.map((ws) => sheetXml(ws, styles, strings));
    const parts: { name: string; data: string }[] = [
      { name: '[Content_Types].xml', data: contentTypes(this.worksheets.length) },
      { name: '_rels/.rels', data: ROOT_RELS },
      { name: 'docProps/app.xml', data: appXml(this) },
      { name: 'docProps/core.xml', data: coreXml(this) },
      { name: 'xl/_rels/workbook.xml.rels', data: workbookRels(this.worksheets.length) },
      { name: 'xl/workbook.xml', data: workbookXml(this) },
      { name: 'xl/styles.xml', data: styles.xml() },
      { name: 'xl/sharedStrings.xml', data: strings.xml() },
      ...sheets.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
    ];
    return packZip(
      parts.map((p) => ({ name: p.name, data: Buffer.from(p.data, 'utf8') })),
      level,
      vietnamWallClock(this.modified),
    );
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * Text as XML character data or an attribute's value: the characters XML 1.0 forbids (controls
 * other than tab, newline, return; lone surrogates) left out, the markup escaped as for HTML, and
 * a carriage return kept as a reference (a reader would turn a raw one into a line feed, XML 1.0
 * 2.11).
 */
export function xmlText(s: string): string {
  const clean = s
    // eslint-disable-next-line no-control-regex -- the controls XML 1.0 forbids are the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return escapeHtml(clean).replace(/\r/g, '&#13;');
}

/** "B7" for row 7, column 2 (both 1-based, as the sheet's API counts). */
function cellRef(row: number, col: number): string {
  return cellAddress(row - 1, col - 1);
}

function rangeRef(r: Range): string {
  return `${cellRef(r.top, r.left)}:${cellRef(r.bottom, r.right)}`;
}

/** A number as SpreadsheetML writes it (the shortest text that reads back as the same double). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`a cell cannot hold ${n}`);
  return String(n);
}

/** The shared strings, each once, in the order first written. */
class StringTable {
  readonly #index = new Map<string, number>();
  readonly #list: string[] = [];
  #uses = 0;

  id(s: string): number {
    this.#uses++;
    let i = this.#index.get(s);
    if (i === undefined) {
      i = this.#list.length;
      this.#index.set(s, i);
      this.#list.push(s);
    }
    return i;
  }

  xml(): string {
    const items = this.#list.map((s) => {
      const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${xmlText(s)}</t></si>`;
    });
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.#uses}" uniqueCount="${this.#list.length}">${items.join('')}</sst>`;
  }
}

/** Number formats Excel knows by id, which a workbook names without declaring them. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

const HORIZONTAL = new Set(['left', 'center', 'right', 'fill', 'justify', 'centerContinuous']);
const VERTICAL: Readonly<Record<string, string>> = {
  top: 'top',
  middle: 'center',
  bottom: 'bottom',
  justify: 'justify',
  distributed: 'distributed',
};
const BORDER_STYLES = new Set(['thin', 'medium', 'thick', 'dotted', 'dashed', 'double', 'hair']);

/** Fonts, borders, number formats and the cell formats made of them, each once. */
class StyleTable {
  readonly #fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  readonly #borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  readonly #formats: string[] = [];
  readonly #xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  readonly #byText = new Map<string, number>();
  /** The cell format of each style object already seen (the kit shares one per look). */
  readonly #byObject = new WeakMap<object, number>();

  /** The index of `style`'s cell format (0: the default). */
  id(style: Style): number {
    if (style === NO_STYLE) return 0;
    const seen = this.#byObject.get(style);
    if (seen !== undefined) return seen;
    const font = this.#font(style.font);
    const border = this.#border(style.border);
    const numFmt = this.#numFmt(style.numFmt);
    const align = this.#alignment(style.alignment);
    onlyKeys(style, ['font', 'border', 'numFmt', 'alignment'], 'style');
    const applies =
      (font ? ' applyFont="1"' : '') +
      (border ? ' applyBorder="1"' : '') +
      (numFmt ? ' applyNumberFormat="1"' : '') +
      (align ? ' applyAlignment="1"' : '');
    const xf =
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="${border}" xfId="0"${applies}` +
      (align ? `>${align}</xf>` : '/>');
    const id = intern(this.#xfs, this.#byText, `xf:${xf}`, xf);
    this.#byObject.set(style, id);
    return id;
  }

  #font(f: Partial<ExcelJS.Font> | undefined): number {
    if (!f) return 0;
    onlyKeys(f, ['name', 'size', 'bold', 'italic', 'underline'], 'font');
    if (f.underline !== undefined && typeof f.underline !== 'boolean')
      throw new Error(`underline ${f.underline} is not written`);
    const xml =
      '<font>' +
      (f.bold ? '<b/>' : '') +
      (f.italic ? '<i/>' : '') +
      (f.underline ? '<u/>' : '') +
      `<sz val="${numberText(f.size ?? 11)}"/>` +
      `<name val="${xmlText(f.name ?? 'Calibri')}"/>` +
      '</font>';
    return intern(this.#fonts, this.#byText, `font:${xml}`, xml);
  }

  #border(b: Partial<ExcelJS.Borders> | undefined): number {
    if (!b) return 0;
    const side = (name: 'left' | 'right' | 'top' | 'bottom'): string => {
      const s = b[name];
      if (!s?.style) return `<${name}/>`;
      if (!BORDER_STYLES.has(s.style)) throw new Error(`border ${s.style} is not written`);
      const argb = s.color?.argb;
      return argb
        ? `<${name} style="${s.style}"><color rgb="${xmlText(argb)}"/></${name}>`
        : `<${name} style="${s.style}"/>`;
    };
    onlyKeys(b, ['left', 'right', 'top', 'bottom'], 'border');
    const xml = `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
    return intern(this.#borders, this.#byText, `border:${xml}`, xml);
  }

  #numFmt(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const at = this.#formats.indexOf(code);
    if (at >= 0) return 164 + at;
    this.#formats.push(code);
    return 164 + this.#formats.length - 1;
  }

  #alignment(a: Partial<ExcelJS.Alignment> | undefined): string {
    if (!a) return '';
    onlyKeys(a, ['horizontal', 'vertical', 'wrapText'], 'alignment');
    let attrs = '';
    if (a.horizontal !== undefined) {
      if (!HORIZONTAL.has(a.horizontal)) throw new Error(`alignment ${a.horizontal}`);
      attrs += ` horizontal="${a.horizontal}"`;
    }
    if (a.vertical !== undefined) {
      const v = VERTICAL[a.vertical];
      if (v === undefined) throw new Error(`alignment ${a.vertical}`);
      attrs += ` vertical="${v}"`;
    }
    if (a.wrapText) attrs += ' wrapText="1"';
    return attrs ? `<alignment${attrs}/>` : '';
  }

  xml(): string {
    const formats = this.#formats.length
      ? `<numFmts count="${this.#formats.length}">${this.#formats
          .map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(f)}"/>`)
          .join('')}</numFmts>`
      : '';
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">${formats}` +
      `<fonts count="${this.#fonts.length}">${this.#fonts.join('')}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      `<borders count="${this.#borders.length}">${this.#borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.#xfs.length}">${this.#xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/**
 * Throws when `obj` sets anything but `known`: a setting this writer does not write is a
 * programming error, never silently left out of the file.
 */
function onlyKeys(obj: object, known: readonly string[], what: string): void {
  const unknown = Object.keys(obj).filter(
    (k) => !known.includes(k) && (obj as Record<string, unknown>)[k] !== undefined,
  );
  if (unknown.length > 0) throw new Error(`${what} ${unknown.join(', ')} is not written`);
}

/** The index of `xml` in `list`, added when new (`key` tells the tables apart in one map). */
function intern(list: string[], index: Map<string, number>, key: string, xml: string): number {
  let i = index.get(key);
  if (i === undefined) {
    i = list.length;
    list.push(xml);
    index.set(key, i);
  }
  return i;
}

/** A cell's XML: its value by kind, with its style; null when it has neither. */
function cellXml(
  ref: string,
  cell: BookCell,
  styles: StyleTable,
  strings: StringTable,
): string | null {
  const s = styles.id(cell.style);
  const sAttr = s ? ` s="${s}"` : '';
  const v = cell.ownValue;
  if (v === null || v === undefined || v === '') return s ? `<c r="${ref}"${sAttr}/>` : null;
  if (typeof v === 'string')
    return `<c r="${ref}"${sAttr} t="s"><v>${strings.id(fitText(v))}</v></c>`;
  if (typeof v === 'number') return `<c r="${ref}"${sAttr}><v>${numberText(v)}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'object' && 'formula' in v && typeof v.formula === 'string') {
    const f = `<f>${xmlText(v.formula)}</f>`;
    const r: unknown = v.result;
    if (r === undefined || r === null) return `<c r="${ref}"${sAttr}>${f}</c>`;
    if (typeof r === 'number') return `<c r="${ref}"${sAttr}>${f}<v>${numberText(r)}</v></c>`;
    if (typeof r === 'string')
      return `<c r="${ref}"${sAttr} t="str">${f}<v>${xmlText(fitText(r))}</v></c>`;
    throw new Error(`formula result ${typeof r} at ${ref} is not written`);
  }
  throw new Error(`the value at ${ref} is not one this writer writes`);
}

/** `<col>` elements, neighbouring columns of the same width in one. */
function colsXml(columns: readonly ({ width?: number } | undefined)[]): string {
  const out: string[] = [];
  let i = 1;
  while (i < columns.length) {
    const w = columns[i]?.width;
    if (w === undefined) {
      i++;
      continue;
    }
    let j = i;
    while (columns[j + 1]?.width === w) j++;
    out.push(`<col min="${i}" max="${j}" width="${numberText(w)}" customWidth="1"/>`);
    i = j + 1;
  }
  return out.length ? `<cols>${out.join('')}</cols>` : '';
}

function viewsXml(views: readonly Partial<ExcelJS.WorksheetView>[]): string {
  if (views.length > 1) throw new Error('more than one sheet view is not written');
  const v = views[0] ?? {};
  onlyKeys(v, ['state', 'xSplit', 'ySplit', 'showGridLines'], 'view');
  const grid = v.showGridLines === false ? ' showGridLines="0"' : '';
  const x = v.state === 'frozen' ? (v.xSplit ?? 0) : 0;
  const y = v.state === 'frozen' ? (v.ySplit ?? 0) : 0;
  if (x === 0 && y === 0) return `<sheetViews><sheetView workbookViewId="0"${grid}/></sheetViews>`;
  const pane = x && y ? 'bottomRight' : x ? 'topRight' : 'bottomLeft';
  const split = (x ? ` xSplit="${x}"` : '') + (y ? ` ySplit="${y}"` : '');
  return (
    `<sheetViews><sheetView workbookViewId="0"${grid}>` +
    `<pane${split} topLeftCell="${cellRef(y + 1, x + 1)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

/** What a sheet's page set-up may hold: what the sheet's XML and the defined names write. */
const PAGE_SETUP_KEYS = [
  'paperSize',
  'orientation',
  'fitToPage',
  'fitToWidth',
  'fitToHeight',
  'scale',
  'horizontalCentered',
  'margins',
  'firstPageNumber',
  'printArea',
  'printTitlesRow',
  'printTitlesColumn',
] as const;

const HEADER_FOOTER_PARTS = ['oddHeader', 'oddFooter', 'firstHeader', 'firstFooter'] as const;

function sheetXml(ws: BookSheet, styles: StyleTable, strings: StringTable): string {
  const ps = ws.pageSetup;
  onlyKeys(ps, PAGE_SETUP_KEYS, 'page setup');
  onlyKeys(ws.headerFooter, ['differentFirst', ...HEADER_FOOTER_PARTS], 'header or footer');
  const rowsXml: string[] = [];
  let maxRow = 0;
  let maxCol = 0;
  ws.rows.forEach((row, r) => {
    if (!row) return;
    const cells: string[] = [];
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      const x = cellXml(cellRef(r, c), cell, styles, strings);
      if (x !== null) {
        cells.push(x);
        maxCol = Math.max(maxCol, c);
      }
    });
    const ht = row.height === undefined ? '' : ` ht="${numberText(row.height)}" customHeight="1"`;
    if (cells.length === 0 && !ht) return;
    maxRow = Math.max(maxRow, r);
    rowsXml.push(
      cells.length ? `<row r="${r}"${ht}>${cells.join('')}</row>` : `<row r="${r}"${ht}/>`,
    );
  });
  const dimension = maxRow && maxCol ? `A1:${cellRef(maxRow, maxCol)}` : 'A1';
  const filter = ws.autoFilter
    ? `<autoFilter ref="${rangeRef({
        top: ws.autoFilter.from.row,
        left: ws.autoFilter.from.column,
        bottom: ws.autoFilter.to.row,
        right: ws.autoFilter.to.column,
      })}"/>`
    : '';
  const merges = ws.merges.length
    ? `<mergeCells count="${ws.merges.length}">${ws.merges
        .map((m) => `<mergeCell ref="${rangeRef(m)}"/>`)
        .join('')}</mergeCells>`
    : '';
  const m = ps.margins;
  const margins = m
    ? `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`
    : '';
  const print = ps.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : '';
  const setupAttrs =
    (ps.paperSize !== undefined ? ` paperSize="${ps.paperSize}"` : '') +
    (ps.orientation ? ` orientation="${ps.orientation}"` : '') +
    (!ps.fitToPage && ps.scale !== undefined && ps.scale !== 100 ? ` scale="${ps.scale}"` : '') +
    (ps.fitToPage
      ? ` fitToWidth="${ps.fitToWidth ?? 1}" fitToHeight="${ps.fitToHeight ?? 1}"`
      : '') +
    (ps.firstPageNumber !== undefined
      ? ` firstPageNumber="${ps.firstPageNumber}" useFirstPageNumber="1"`
      : '');
  const setup = setupAttrs ? `<pageSetup${setupAttrs}/>` : '';
  const hf = ws.headerFooter;
  const hfParts = HEADER_FOOTER_PARTS.map((k) =>
    hf[k] ? `<${k}>${xmlText(hf[k])}</${k}>` : '',
  ).join('');
  const headerFooter =
    hf.differentFirst || hfParts
      ? `<headerFooter${hf.differentFirst ? ' differentFirst="1"' : ''}>${hfParts}</headerFooter>`
      : '';
  const brks = ws.columnBreaks;
  const colBreaks = brks.length
    ? `<colBreaks count="${brks.length}" manualBreakCount="${brks.length}">${brks
        .map((c) => `<brk id="${c - 1}" max="1048575" man="1"/>`)
        .join('')}</colBreaks>`
    : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    (ps.fitToPage ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<dimension ref="${dimension}"/>${viewsXml(ws.views)}` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    colsXml(ws.columns) +
    `<sheetData>${rowsXml.join('')}</sheetData>` +
    filter +
    merges +
    print +
    margins +
    setup +
    headerFooter +
    colBreaks +
    '</worksheet>'
  );
}

/** A sheet's name in a reference: quoted, its quotes doubled. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "7:8" (rows) or "A:B" (columns) as an absolute reference on `sheet`. */
function absoluteSpan(sheet: string, span: string): string {
  const [a = '', b = a] = span.split(':');
  return `${quotedSheet(sheet)}!$${a}:$${b}`;
}

/** "A1:X21" as an absolute reference on `sheet`. */
function absoluteArea(sheet: string, area: string): string {
  const abs = area
    .split(':')
    .map((c) => c.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':');
  return `${quotedSheet(sheet)}!${abs}`;
}

function workbookXml(wb: Book): string {
  const sheets = wb.worksheets
    .map((ws, i) => `<sheet name="${xmlText(ws.name)}" sheetId="${ws.id}" r:id="rId${i + 1}"/>`)
    .join('');
  const names: string[] = [];
  wb.worksheets.forEach((ws, i) => {
    const ps = ws.pageSetup;
    if (ps.printArea)
      names.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlText(absoluteArea(ws.name, ps.printArea))}</definedName>`,
      );
    const titles = [
      ps.printTitlesColumn ? absoluteSpan(ws.name, ps.printTitlesColumn) : null,
      ps.printTitlesRow ? absoluteSpan(ws.name, ps.printTitlesRow) : null,
    ].filter((t): t is string => t !== null);
    if (titles.length)
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(titles.join(','))}</definedName>`,
      );
  });
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>' +
    `<sheets>${sheets}</sheets>` +
    (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
    `<calcPr calcId="171027"${wb.calcProperties.fullCalcOnLoad ? ' fullCalcOnLoad="1"' : ''}/>` +
    '</workbook>'
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(
    `<Relationship Id="rId${sheets + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId${sheets + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
}

function contentTypes(sheets: number): string {
  const type = (t: string): string => `application/vnd.openxmlformats-officedocument.${t}`;
  const sheetTypes = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${type('spreadsheetml.worksheet+xml')}"/>`,
  ).join('');
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${type('spreadsheetml.sheet.main+xml')}"/>` +
    sheetTypes +
    `<Override PartName="/xl/styles.xml" ContentType="${type('spreadsheetml.styles+xml')}"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${type('spreadsheetml.sharedStrings+xml')}"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${type('extended-properties+xml')}"/>` +
    '</Types>'
  );
}

/** A time as W3CDTF in UTC, to the second ("2022-07-10T03:00:00Z"). */
function w3cdtf(d: Date): string {
  return Number.isNaN(d.getTime())
    ? '1980-01-01T00:00:00Z'
    : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function coreXml(wb: Book): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlText(wb.creator)}</dc:creator>` +
    (wb.title ? `<dc:title>${xmlText(wb.title)}</dc:title>` : '') +
    `<cp:lastModifiedBy>${xmlText(wb.lastModifiedBy)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(wb.created)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(wb.modified)}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function appXml(wb: Book): string {
  const n = wb.worksheets.length;
  const titles = wb.worksheets.map((ws) => `<vt:lpstr>${xmlText(ws.name)}</vt:lpstr>`).join('');
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>povreport</Application>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
    (wb.company ? `<Company>${xmlText(wb.company)}</Company>` : '') +
    '</Properties>'
  );
}
