/**
 * The provincial consolidated report as an Excel workbook: the file department staff open in
 * Excel or LibreOffice, check, print and take to the director for signature. One sheet per form
 * (Biểu 01…05) with the units, their rates as live formulas and a "Toàn tỉnh" SUM row; then the
 * plan targets, the commune detail, who reported, and every finding.
 *
 * The file is always in Vietnamese: it is an official document of the department, whatever
 * language the operator reads on the terminal. A pure function of the report model: it returns
 * the bytes and the caller writes them (atomically).
 */
import type ExcelJS from 'exceljs';
import { Book, type BookSheet } from './xlsx-book.js';
import type { ColumnSpec, FormSpec, FormsCatalogue, Registry } from '../core/catalogue.js';
import type { ConsolidatedReport, TargetRow, UnitResult, Values } from '../core/consolidate.js';
import type { HouseholdFigures } from '../core/list-compare.js';
import { findingMessage, findingSuggestion } from '../core/finding.js';
import { type Lang } from '../core/lang.js';
import { dmy, formatNumber, vietnamDateline } from '../core/dates-and-numbers.js';
import type { Severity } from '../core/finding-codes.js';
import { DATE_SOURCE_TEXT, SEVERITY_TEXT, STATUS_TEXT, TIMELINESS_TEXT } from './report-words.js';
import { columnLetter } from '../core/grid.js';
import { findingLocation } from './findings.js';
import {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  officialDocument,
  periodPhrase,
  type OfficialDocument,
} from './official-document.js';
import {
  A4,
  COUNT_FORMAT,
  DOCUMENT_MARGINS,
  DOCUMENT_PAGE_NUMBERS,
  RECIPIENTS_HEADING,
  RATE_FORMAT,
  columnsPoints,
  documentNumberLine,
  landscapeAtScale,
  landscapeOnePageWide,
  put,
  putMerged,
  recipientLines,
  setColumnWidths,
  stampWorkbook,
  setColumnBreaks,
  upperVi,
  wrappedLines,
  writeSignatureBlock,
  writeTitleBlock,
  type CellLook,
  type ColumnSpan,
} from './xlsx-kit.js';

export { periodPhrase } from './official-document.js';

/** Options of {@link renderReportXlsx}. */
export interface ReportXlsxOptions {
  /**
   * The operator's language. The workbook itself is always Vietnamese (it is the department's
   * document); kept so a future bilingual annex needs no signature change.
   */
  lang: Lang;
  /** When the report is made: the dateline, and the workbook's created/modified dates. */
  now: Date;
}

/** The catalogue parts the workbook needs: headings and titles, and the issuer's names. */
export interface ReportXlsxCatalogue {
  forms: FormsCatalogue;
  registry: Registry;
}

/** The first sheet: the report as an administrative document, the other sheets its annexes. */
export const DOCUMENT_SHEET = 'Báo cáo';

/** Names of the fixed sheets after the form sheets, in order (see {@link reportSheets}). */
export const REPORT_SHEETS = {
  targets: 'Chỉ tiêu',
  subunits: 'Chi tiết xã',
  submissions: 'Tình hình nộp báo cáo',
  findings: 'Kiểm tra dữ liệu',
} as const;

/**
 * The fixed sheets' names for a registry: the detail sheet is named by its rows' level, the
 * first word of the registry's sub-unit level ("Chi tiết xã"; "Chi tiết thôn" when the units are
 * communes and their rows villages).
 */
export function reportSheets(registry: Registry): Record<keyof typeof REPORT_SHEETS, string> {
  const word = registry.subunitLevel.vi.split(/[\s,]+/)[0] ?? '';
  const subunits = /^\p{L}+$/u.test(word)
    ? `Chi tiết ${word}`.slice(0, 31)
    : REPORT_SHEETS.subunits;
  return { ...REPORT_SHEETS, subunits };
}

/** The sheet comparing the household lists with the summaries (only when lists were given). */
export const LISTS_SHEET = 'Đối chiếu danh sách hộ';

/** Label of the province row on every sheet. */
export const PROVINCE_ROW_LABEL = 'Toàn tỉnh';

/** First row of the table heading; rows 1–6 hold the title block (kept fixed for printTitlesRow). */
const HEAD = 7;
const SHARE_FMT = '0.0';
const W_STT = 6;
const W_NAME = 28;
const W_NUM = 12;
const W_NOTE = 30;
/** The commune detail's print scale: a column per indicator does not fit one page at 100 %. */
const DETAIL_SCALE = 70;

/**
 * Figure columns of `W_NUM` on one printed page of the commune detail, besides the repeated STT
 * and name columns (`repeated` characters): A4 landscape between the Decree 30 margins at
 * {@link DETAIL_SCALE}, less a tenth for the office programs' own rounding of column widths.
 */
function detailPageColumns(repeated: number): number {
  const inches = 11.69 - DOCUMENT_MARGINS.left - DOCUMENT_MARGINS.right;
  const chars = (inches * 96) / (DETAIL_SCALE / 100) / 7;
  return Math.max(1, Math.floor(((chars - repeated) * 0.9) / W_NUM));
}

/** A run of one form's columns on one printed page of the commune detail (indexes into its specs). */
interface DetailPart {
  form: string;
  start: number;
  end: number;
  /** Not the form's first part: its heading says "(tiếp theo)". */
  more: boolean;
}

/**
 * Splits the commune detail's figure columns into printed pages of at most `cap` columns: a form
 * that fits the page it would start on stays whole, else starts a page; a form wider than a page
 * is cut into equal parts. Each part's heading is then whole on its page.
 */
function detailPages(forms: string[], cap: number): DetailPart[][] {
  const pages: DetailPart[][] = [];
  let used = cap;
  for (let i = 0; i < forms.length;) {
    let j = i;
    while (j + 1 < forms.length && forms[j + 1] === forms[i]) j++;
    const n = j - i + 1;
    const form = forms[i] ?? '';
    if (n <= cap - used) {
      pages[pages.length - 1]?.push({ form, start: i, end: j, more: false });
      used += n;
    } else {
      const k = Math.ceil(n / cap);
      const size = Math.ceil(n / k);
      for (let p = 0; p < k; p++) {
        const start = i + p * size;
        const end = Math.min(j, start + size - 1);
        pages.push([{ form, start, end, more: p > 0 }]);
        used = end - start + 1;
      }
    }
    i = j + 1;
  }
  return pages;
}

/** Column letters (1 → A, 27 → AA) for formulas. */
const colName = (n: number): string => columnLetter(n - 1);

/**
 * Row height (points) for wrapped text: a file cannot ask for rows fitted to their text, and Excel
 * does not re-fit rows on load, so a wrapped heading would print cut to one line without an
 * explicit height.
 */
function fitHeight(cells: { text: string; width: number }[], lineHeight = 15): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const perLine = Math.max(1, Math.floor(width * 1.1) - 1);
    const n = text
      .split('\n')
      .reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return Math.max(lineHeight + 3, lines * lineHeight + 4);
}

interface Ctx {
  report: ConsolidatedReport;
  forms: FormsCatalogue;
  registry: Registry;
  now: Date;
  period: string;
}

/** Where the title block's two halves sit: as many columns as make each side wide enough. */
function spans(widths: number[]): { left: number; right: number } {
  const n = widths.length;
  let left = 0;
  for (let acc = 0; left < Math.floor(n / 2) && acc < 40; left++) acc += widths[left] ?? W_NUM;
  let right = 0;
  for (let acc = 0; right < n - left && acc < 48; right++) acc += widths[n - 1 - right] ?? W_NUM;
  return { left: Math.max(1, left), right: Math.max(1, right) };
}

/**
 * Adds a sheet with its columns, the official title block (rows 1–3: the issuer and the number
 * line on the left, the national motto and the dateline on the right, as Decree 30/2020 lays out
 * an administrative document), the title (row 5) and an optional note line (row 6). The table
 * starts at row 7.
 */
function addSheet(
  wb: Book,
  ctx: Ctx,
  name: string,
  widths: number[],
  title: string,
  opts: { note?: string; block?: { cols: number; left: number } } = {},
): BookSheet {
  const ws = wb.addWorksheet(name);
  setColumnWidths(ws, widths);
  const n = Math.min(opts.block?.cols ?? widths.length, widths.length);
  const auto = spans(widths.slice(0, n));
  const left = opts.block?.left ?? auto.left;
  const r0 = n - auto.right + 1;
  const issuer = ctx.registry.issuer;
  writeTitleBlock(ws, {
    issuer: [{ text: issuer.authority }, { text: issuer.department, bold: true }],
    left: { from: 1, to: left },
    right: { from: r0, to: n },
    dateline: vietnamDateline(ctx.registry.province.place, ctx.now),
    ...(issuer.documentNumber ? { number: documentNumberLine(issuer.documentNumber.symbol) } : {}),
  });
  // Each row as tall as its longest wrapped line needs, so that no header text is cut: the
  // department's name over two narrow columns (the commune detail's A:B) takes two lines or three.
  const lines = (text: string, from: number, to: number, size: number, bold: boolean): number =>
    wrappedLines(text, columnsPoints(widths.slice(from - 1, to)) * 0.95, size, bold) * size * 1.25;
  const number = issuer.documentNumber ? documentNumberLine(issuer.documentNumber.symbol) : '';
  const dateline = vietnamDateline(ctx.registry.province.place, ctx.now);
  const heights = [
    Math.max(lines(issuer.authority, 1, left, 12, false), lines(NATIONAL_NAME, r0, n, 12, true)),
    Math.max(lines(issuer.department, 1, left, 12, true), lines(NATIONAL_MOTTO, r0, n, 12, true)),
    Math.max(number ? lines(number, 1, left, 12, false) : 0, lines(dateline, r0, n, 12, false)),
  ];
  heights.forEach((h, i) => {
    ws.getRow(i + 1).height = Math.max(16, Math.ceil(h + 4));
  });
  const heading = upperVi(title);
  putMerged(ws, 5, 1, 5, n, heading, { size: 13, bold: true, align: 'center', wrap: true });
  ws.getRow(5).height = Math.max(18, Math.ceil(lines(heading, 1, n, 13, true) + 5));
  if (opts.note) putMerged(ws, 6, 1, 6, n, opts.note, { italic: true, align: 'right' });
  return ws;
}

/**
 * A4 landscape, one page wide and as many tall as needed, heading rows repeated on every page,
 * panes frozen under the heading (and right of the unit column when `xSplit` is 2).
 *
 * `wide`: a sheet too wide for one page (the commune detail has a column per indicator, ~55)
 * prints at a fixed scale across several pages instead, repeating the STT and name columns;
 * shrunk to one page wide its figures would be a few points high.
 */
function finishSheet(ws: BookSheet, headLast: number, xSplit: number, wide = false): void {
  ws.pageSetup = {
    ...(wide
      ? landscapeAtScale(DETAIL_SCALE, 'A:B', DOCUMENT_MARGINS)
      : landscapeOnePageWide(DOCUMENT_MARGINS)),
    printTitlesRow: `${HEAD}:${headLast}`,
    firstPageNumber: 1,
  };
  // The annexes are numbered as the document is (Decree 30/2020: centred in the top margin, none on
  // the first page), rather than by the "Trang 2/5" footer they had: one rule for every printed
  // page of the report, and each annex's first page carries its own title block like a page 1.
  // Each counts from 1, so a sheet printed alone or in the whole workbook reads the same.
  ws.headerFooter = { ...DOCUMENT_PAGE_NUMBERS };
  ws.views = [{ state: 'frozen', xSplit, ySplit: headLast }];
}

/** Writes a heading row (bold, wrapped, centred, boxed) and sizes it to its longest text. */
function headingRow(ws: BookSheet, row: number, texts: string[], widths: number[]): void {
  texts.forEach((t, i) =>
    put(ws, row, i + 1, t, { bold: true, wrap: true, align: 'center', border: true }),
  );
  ws.getRow(row).height = headingHeight(
    texts.map((text, i) => ({ text, widths: [widths[i] ?? W_NUM] })),
  );
}

/**
 * The height (points) of a row of bold 11 pt headings wrapped at whole words over their columns:
 * a heading of long words ("Diện tích nhà ở bình quân đầu người") takes more lines than its
 * length alone says.
 */
function headingHeight(cells: { text: string; widths: number[] }[]): number {
  let lines = 1;
  for (const { text, widths } of cells)
    lines = Math.max(lines, wrappedLines(text, columnsPoints(widths) * 0.95, 11, true));
  return Math.ceil(lines * 11 * 1.25 + 5);
}

/**
 * Under the table: "NGƯỜI LẬP BIỂU" on the left, the registry's signer on the right ("GIÁM ĐỐC",
 * or "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"), then the registry's recipients under "Nơi nhận:". The
 * recipients go below the signatures rather than beside them (where Decree 30/2020 puts them on a
 * letter): the preparer signs on the left of these sheets.
 */
function signatureBlock(ws: BookSheet, ctx: Ctx, row: number, widths: number[]): void {
  const n = widths.length;
  const { left, right } = spans(widths);
  const { signer, recipients } = ctx.registry.issuer;
  const below = writeSignatureBlock(ws, row, {
    left: { from: 1, to: left, title: 'NGƯỜI LẬP BIỂU' },
    right: {
      from: n - right + 1,
      to: n,
      title: signer.title,
      ...(signer.authority !== undefined ? { above: signer.authority } : {}),
      ...(signer.name !== undefined ? { name: signer.name } : {}),
    },
  });
  if (recipients.length === 0) return;
  // Everything left of the signer's columns: a ministry's name and its office fit on one line.
  const to = Math.max(left, n - right);
  const width = widths.slice(0, to).reduce((a, b) => a + b, 0);
  const head = below;
  putMerged(ws, head, 1, head, to, RECIPIENTS_HEADING, { size: 12, bold: true, italic: true });
  let r = head + 1;
  for (const text of recipientLines(recipients)) {
    putMerged(ws, r, 1, r, to, text, { wrap: true });
    ws.getRow(r).height = fitHeight([{ text, width }]);
    r++;
  }
}

/**
 * The document sheet's grid: narrow columns of equal width, so that the head's two blocks, its
 * short rules and the signature can sit on fractions of the line. 24 × 3.5 characters is about
 * 6.1 inches, inside A4 portrait's 6.47 between the Decree 30 margins: printed at 100 %, the text
 * keeps its 13–14 points.
 */
const DOC_COLS = 24;
const DOC_WIDTHS: number[] = Array.from({ length: DOC_COLS }, () => 3.5);
const ALL: ColumnSpan = { from: 1, to: DOC_COLS };
/** Top left: the parent body, the issuing body, the number line (about 3/8 of the line). */
const HEAD_LEFT: ColumnSpan = { from: 1, to: 9 };
/** Top right: the national name (12 pt bold capitals need about 3.5 in), the motto, the date. */
const HEAD_RIGHT: ColumnSpan = { from: 10, to: DOC_COLS };
/** The rule under the issuing body: a third of its block, centred. */
const ISSUER_RULE: ColumnSpan = { from: 4, to: 6 };
/** The rule under the summary: a third of the line, centred. */
const SUMMARY_RULE: ColumnSpan = { from: 9, to: 16 };
/** Under the body: the recipients on the left, the signature on the right. */
const SIGN_LEFT: ColumnSpan = { from: 1, to: 11 };
const SIGN_RIGHT: ColumnSpan = { from: 12, to: DOC_COLS };
/**
 * The body's first-line indent: ten spaces of 13 pt, about 1.15 cm (Decree 30: 1–1.27 cm). No-break
 * spaces: a justified line stretches its ordinary spaces, which would make each paragraph's indent
 * as wide as its first line's stretch.
 */
const FIRST_LINE_INDENT = '\u00a0'.repeat(10);
/** Rows (points) left empty for the signature and the seal. */
const SIGNING_ROOM = [18, 18, 18, 18];

/** One line of the document: its text and look, over a span. */
interface DocLine {
  text: string;
  look: CellLook & { size: number };
}

/**
 * A row's height (points) that shows every line of its cells: a file cannot ask for rows fitted
 * to their text and Excel does not re-fit them on opening. `after`: space below (Decree 30: at least 6 pt
 * between paragraphs).
 */
function docRowHeight(cells: { line: DocLine; span: ColumnSpan }[], after = 0): number {
  let h = 0;
  for (const { line, span } of cells) {
    if (line.text === '') continue;
    const points = columnsPoints(DOC_WIDTHS.slice(span.from - 1, span.to)) * 0.96;
    const lines = wrappedLines(line.text, points, line.look.size, line.look.bold ?? false);
    h = Math.max(h, lines * line.look.size * 1.2 + 3);
  }
  return Math.ceil(h + after);
}

/**
 * The first sheet: the report as Decree 30/2020 lays out an administrative document on A4
 * portrait (domain-2026.md §4). The parent body and the issuing body top left, a short rule under
 * the latter, then the number line; the national name and the motto top right, the motto
 * underlined for its own length, then the place and date in italics, on the number's line; the
 * type and the summary centred with a short rule; the body justified with a first-line indent;
 * the recipients on the left of the signature. The texts are {@link officialDocument}'s.
 */
function documentSheet(wb: Book, doc: OfficialDocument): void {
  const ws = wb.addWorksheet(DOCUMENT_SHEET, { views: [{ showGridLines: false }] });
  setColumnWidths(ws, DOC_WIDTHS);
  const write = (row: number, span: ColumnSpan, line: DocLine): void => {
    putMerged(ws, row, span.from, row, span.to, line.text, line.look);
  };
  const side = (size: number, look: CellLook = {}): DocLine['look'] => ({
    size,
    align: 'center',
    wrap: true,
    ...look,
  });
  const rowOf = (row: number, cells: { line: DocLine; span: ColumnSpan }[], after = 0): void => {
    for (const c of cells) write(row, c.span, c.line);
    ws.getRow(row).height = docRowHeight(cells, after);
  };
  const rule = (row: number, span: ColumnSpan, above = 0): void => {
    // A bottom border on each cell of the span, not on one merged cell: exceljs cannot read back
    // the text of a merge whose value is empty (it throws), and the printed line is the same.
    for (let c = span.from; c <= span.to; c++) put(ws, row, c, null, { rule: true });
    ws.getRow(row).height = 3 + above;
  };

  rowOf(1, [
    { span: HEAD_LEFT, line: { text: doc.parentBody, look: side(12, { valign: 'bottom' }) } },
    {
      span: HEAD_RIGHT,
      line: { text: doc.nationalName, look: side(12, { bold: true, valign: 'bottom' }) },
    },
  ]);
  rowOf(2, [
    {
      span: HEAD_LEFT,
      line: { text: doc.issuingBody, look: side(12, { bold: true, valign: 'top' }) },
    },
    {
      span: HEAD_RIGHT,
      // Underlined: the motto's rule is as long as the line (Decree 30/2020).
      line: {
        text: doc.nationalMotto,
        look: side(13, { bold: true, underline: true, valign: 'top' }),
      },
    },
  ]);
  rule(3, ISSUER_RULE);
  rowOf(
    4,
    [
      { span: HEAD_LEFT, line: { text: doc.numberLine, look: side(13, { valign: 'bottom' }) } },
      {
        span: HEAD_RIGHT,
        line: { text: doc.placeDate, look: side(13, { italic: true, valign: 'bottom' }) },
      },
    ],
    6,
  );
  rowOf(
    6,
    [{ span: ALL, line: { text: doc.type, look: side(14, { bold: true, valign: 'bottom' }) } }],
    6,
  );
  rowOf(7, [
    { span: ALL, line: { text: doc.summary, look: side(14, { bold: true, valign: 'top' }) } },
  ]);
  rule(8, SUMMARY_RULE);
  ws.getRow(9).height = 12;

  let r = 10;
  for (const text of doc.body) {
    rowOf(
      r++,
      [
        {
          span: ALL,
          line: {
            text: FIRST_LINE_INDENT + text,
            look: { size: 13, align: 'justify', valign: 'top', wrap: true },
          },
        },
      ],
      6,
    );
  }
  r++;

  const left: DocLine[] =
    doc.recipients.length === 0
      ? []
      : [
          {
            text: doc.recipientsHeading,
            look: { size: 12, bold: true, italic: true, valign: 'top' },
          },
          ...doc.recipients.map((text) => ({
            text,
            look: { size: 11, wrap: true, valign: 'top' as const },
          })),
        ];
  const bold: DocLine['look'] = side(13, { bold: true, valign: 'top' });
  const s = doc.signature;
  const right: (DocLine | number)[] = [
    ...(s.authority !== undefined ? [{ text: s.authority, look: bold }] : []),
    { text: s.title, look: bold },
    ...SIGNING_ROOM,
    ...(s.name !== undefined ? [{ text: s.name, look: bold }] : []),
  ];
  for (let i = 0; i < Math.max(left.length, right.length); i++, r++) {
    const cells: { line: DocLine; span: ColumnSpan }[] = [];
    const l = left[i];
    const g = right[i];
    if (l) cells.push({ span: SIGN_LEFT, line: l });
    if (g !== undefined && typeof g !== 'number') cells.push({ span: SIGN_RIGHT, line: g });
    for (const c of cells) write(r, c.span, c.line);
    ws.getRow(r).height = Math.max(docRowHeight(cells), typeof g === 'number' ? g : 0);
  }

  ws.pageSetup = {
    paperSize: A4,
    orientation: 'portrait',
    margins: { ...DOCUMENT_MARGINS },
    // One page wide as a safeguard only: the grid fits at 100 % where the default font's metrics
    // are Calibri's (Excel; LibreOffice with Carlito); where a wider font stands in for Calibri,
    // the columns grow and the page shrinks to fit rather than printing its right side apart.
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    firstPageNumber: 1,
    printArea: `A1:${colName(DOC_COLS)}${r - 1}`,
  };
  ws.headerFooter = { ...DOCUMENT_PAGE_NUMBERS };
}

const isNum = (v: number | null | undefined): v is number => typeof v === 'number';

function unitNote(u: UnitResult): string {
  if (u.status === 'rejected') return `Bị loại: ${u.errors} lỗi — không tổng hợp`;
  if (u.status === 'missing') return 'Chưa nộp báo cáo';
  return '';
}

/** The column-number row of Vietnamese forms: A, B, 1, 2, 3=2/1x100 for a rate, C for notes. */
function columnNumbers(form: FormSpec): string[] {
  const no = new Map(form.columns.map((c, i) => [c.id, i + 1]));
  const nums = form.columns.map((c, i) => {
    const a = c.numerator ? no.get(c.numerator) : undefined;
    const b = c.denominator ? no.get(c.denominator) : undefined;
    return c.kind === 'percent' && a && b ? `${i + 1}=${a}/${b}x100` : String(i + 1);
  });
  return ['A', 'B', ...nums, 'C'];
}

/** Column letters of a rate's numerator and denominator on this form's sheet, if both are on it. */
function rateRefs(form: FormSpec, c: ColumnSpec): { num: string; den: string } | null {
  if (c.kind !== 'percent' || !c.numerator || !c.denominator) return null;
  const ni = form.columns.findIndex((x) => x.id === c.numerator);
  const di = form.columns.findIndex((x) => x.id === c.denominator);
  if (ni < 0 || di < 0) return null;
  return { num: colName(ni + 3), den: colName(di + 3) };
}

/**
 * The rate as the form defines it, so the sheet stays live when staff correct a count. A zero
 * denominator gives 0, as the model does (withRates), instead of Excel's #DIV/0!.
 */
const rateFormula = (refs: { num: string; den: string }, row: number): string =>
  `IF(${refs.den}${row}=0,0,ROUND(${refs.num}${row}/${refs.den}${row}*100,2))`;

function formSheet(wb: Book, ctx: Ctx, form: FormSpec): void {
  const { report } = ctx;
  const cols = form.columns;
  const widths = [W_STT, W_NAME, ...cols.map(() => W_NUM), W_NOTE];
  const n = widths.length;
  const ws = addSheet(
    wb,
    ctx,
    `Biểu ${form.id}`,
    widths,
    `Biểu ${form.id}: ${form.title.vi} — tổng hợp toàn tỉnh, ${ctx.period}`,
    { note: 'Đơn vị tính: hộ; tỷ lệ: %' },
  );
  headingRow(
    ws,
    HEAD,
    [
      ctx.forms.common.stt.heading,
      ctx.forms.common.name.heading,
      ...cols.map((c) => c.heading),
      'Ghi chú',
    ],
    widths,
  );
  columnNumbers(form).forEach((t, i) =>
    put(ws, HEAD + 1, i + 1, t, { italic: true, align: 'center', border: true }),
  );

  const first = HEAD + 2;
  report.units.forEach((u, i) => {
    const r = first + i;
    put(ws, r, 1, i + 1, { align: 'center', border: true });
    put(ws, r, 2, u.name, { border: true });
    const accepted = u.status === 'accepted';
    cols.forEach((c, j) => {
      const v = accepted ? u.values[c.id] : null;
      const look: CellLook = {
        border: true,
        align: 'right',
        numFmt: c.kind === 'count' ? COUNT_FORMAT : RATE_FORMAT,
      };
      const refs = rateRefs(form, c);
      // A rate whose counts are unknown stays empty: the formula would show 0 where the model has no value.
      if (!isNum(v)) put(ws, r, j + 3, null, look);
      else if (refs) put(ws, r, j + 3, { formula: rateFormula(refs, r), result: v }, look);
      else put(ws, r, j + 3, v, look);
    });
    const none = accepted && cols.every((c) => !isNum(u.values[c.id]));
    const note = none ? `Không có số liệu Biểu ${form.id}` : unitNote(u);
    put(ws, r, n, note, { border: true, wrap: true });
    if (note) ws.getRow(r).height = fitHeight([{ text: note, width: W_NOTE }]);
  });

  const last = first + report.units.length - 1;
  const tr = last + 1;
  put(ws, tr, 1, null, { border: true });
  put(ws, tr, 2, PROVINCE_ROW_LABEL, { bold: true, align: 'center', border: true });
  cols.forEach((c, j) => {
    const v = report.total[c.id];
    const col = j + 3;
    const look: CellLook = {
      bold: true,
      border: true,
      align: 'right',
      numFmt: c.kind === 'count' ? COUNT_FORMAT : RATE_FORMAT,
    };
    const refs = rateRefs(form, c);
    // The cached result is the model's figure; the formula lets the spreadsheet prove it. Rejected
    // and missing units' rows are empty, so SUM over every unit row adds the accepted ones only.
    if (!isNum(v)) put(ws, tr, col, null, look);
    else if (refs) put(ws, tr, col, { formula: rateFormula(refs, tr), result: v }, look);
    else if (c.kind === 'count' && last >= first)
      put(
        ws,
        tr,
        col,
        { formula: `SUM(${colName(col)}${first}:${colName(col)}${last})`, result: v },
        look,
      );
    else put(ws, tr, col, v, look);
  });
  const c = report.completeness;
  put(ws, tr, n, `Tổng hợp ${c.accepted}/${c.expected} đơn vị`, {
    italic: true,
    border: true,
    wrap: true,
  });

  putMerged(
    ws,
    tr + 1,
    1,
    tr + 1,
    n,
    `Ghi chú: số liệu ${PROVINCE_ROW_LABEL.toLowerCase()} chỉ cộng các đơn vị có báo cáo đã tiếp nhận (${c.accepted}/${c.expected}); tỷ lệ tính lại từ số hộ đã cộng.`,
    { italic: true, size: 10 },
  );
  signatureBlock(ws, ctx, tr + 3, widths);
  finishSheet(ws, HEAD + 1, 2);
}

/**
 * The note of a unit's (or the province's) line of targets: left out, partial, illustrative. The
 * workbook's "Chỉ tiêu" sheet and the HTML report say the same.
 */
export function targetNote(
  t: TargetRow,
  unit: UnitResult | undefined,
  c: ConsolidatedReport['completeness'],
): string {
  const parts: string[] = [];
  if (unit && unit.status !== 'accepted') parts.push(unitNote(unit));
  if (t.partial)
    parts.push(
      `Chỉ tính ${c.accepted}/${c.expected} đơn vị đã tiếp nhận: chưa so sánh được với chỉ tiêu toàn tỉnh`,
    );
  if (!t.published) parts.push('Số liệu minh họa');
  return parts.join('; ');
}

/** The headings of the table of targets, in the workbook's "Chỉ tiêu" sheet and the HTML report. */
export const TARGET_HEADINGS = [
  'STT',
  'Đơn vị',
  'Tỷ lệ hộ nghèo đầu kỳ (%)',
  'Tỷ lệ hộ nghèo hiện tại (%)',
  'Số điểm % đã giảm',
  'Chỉ tiêu giảm (điểm %)',
  'Tỷ lệ hoàn thành chỉ tiêu (%)',
  'Số hộ thoát nghèo',
  'Ghi chú',
] as const;

function targetsSheet(wb: Book, ctx: Ctx): void {
  const { report } = ctx;
  const heads = [...TARGET_HEADINGS];
  const widths = [W_STT, W_NAME, 14, 14, 13, 13, 14, 13, W_NOTE];
  const ws = addSheet(
    wb,
    ctx,
    REPORT_SHEETS.targets,
    widths,
    `Kết quả thực hiện chỉ tiêu giảm tỷ lệ hộ nghèo, ${ctx.period}`,
  );
  headingRow(ws, HEAD, heads, widths);
  ['A', 'B', '1', '2', '3=1-2', '4', '5=3/4x100', '6', 'C'].forEach((t, i) =>
    put(ws, HEAD + 1, i + 1, t, { italic: true, align: 'center', border: true }),
  );
  let r = HEAD + 2;
  let stt = 0;
  for (const t of report.targets) {
    const province = t.unit === 'province';
    const unit = report.units.find((u) => u.code === t.unit);
    const bold = province;
    put(ws, r, 1, province ? null : ++stt, { align: 'center', border: true });
    put(ws, r, 2, province ? PROVINCE_ROW_LABEL : t.name, {
      bold,
      align: province ? 'center' : 'left',
      border: true,
    });
    const nums: [number | null, string][] = [
      [t.baselineRate, RATE_FORMAT],
      [t.currentRate, RATE_FORMAT],
      [t.reduction, RATE_FORMAT],
      [t.target, RATE_FORMAT],
      [t.achievedShare, SHARE_FMT],
      [t.escapedPoverty, COUNT_FORMAT],
    ];
    nums.forEach(([v, numFmt], j) =>
      put(ws, r, j + 3, v, { bold, numFmt, align: 'right', border: true }),
    );
    const note = targetNote(t, unit, report.completeness);
    put(ws, r, 9, note, { border: true, wrap: true });
    if (note) ws.getRow(r).height = fitHeight([{ text: note, width: W_NOTE }]);
    r++;
  }
  signatureBlock(ws, ctx, r + 1, widths);
  finishSheet(ws, HEAD + 1, 2);
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let k = n;
  for (const [v, s] of table) for (; k >= v; k -= v) out += s;
  return out;
}

function subunitsSheet(wb: Book, ctx: Ctx): void {
  const { report, forms, registry } = ctx;
  // Each indicator once, under the first form that has it (poor is on Biểu 01 and 04). The form
  // row above the headings tells apart the headings Biểu 04 and 05 share ("Việc làm"…).
  const specs = report.indicators.map((id) => {
    const form = forms.forms.find((f) => f.columns.some((c) => c.id === id));
    const col = form?.columns.find((c) => c.id === id);
    return { id, form: form?.id ?? '', heading: col?.heading ?? id, kind: col?.kind ?? 'count' };
  });
  // A wider name column: the issuer's name sits over A:B alone on this sheet (see below).
  const widths = [W_STT, W_NAME + 8, ...specs.map(() => W_NUM)];
  const pages = detailPages(
    specs.map((s) => s.form),
    detailPageColumns(W_STT + W_NAME + 8),
  );
  const n = widths.length;
  const level = registry.subunitLevel.vi;
  const ws = addSheet(
    wb,
    ctx,
    reportSheets(registry).subunits,
    widths,
    `Số liệu chi tiết theo ${level}, ${ctx.period}`,
    {
      note: 'Đơn vị tính: hộ; tỷ lệ: %',
      // Printed across pages with A:B repeated: the block sits on the first page, the issuer
      // over A:B so that its repeats on later pages are whole.
      block: { cols: (pages[0]?.at(-1)?.end ?? 0) + 3, left: 2 },
    },
  );
  putMerged(ws, HEAD, 1, HEAD + 1, 1, 'STT', {
    bold: true,
    wrap: true,
    align: 'center',
    border: true,
  });
  const levelHeading = level.charAt(0).toLocaleUpperCase('vi-VN') + level.slice(1);
  putMerged(ws, HEAD, 2, HEAD + 1, 2, levelHeading, {
    bold: true,
    wrap: true,
    align: 'center',
    border: true,
  });
  // A form's heading over its columns, once on each printed page it spans, never across a page
  // break (where each page would print part of it): the pages break between its parts.
  const formHeads: { text: string; widths: number[] }[] = [];
  for (const part of pages.flat()) {
    const title = forms.forms.find((f) => f.id === part.form)?.title.vi ?? '';
    const text = part.more ? `Biểu ${part.form} (tiếp theo)` : `Biểu ${part.form}: ${title}`;
    putMerged(ws, HEAD, part.start + 3, HEAD, part.end + 3, text, {
      bold: true,
      wrap: true,
      align: 'center',
      border: true,
    });
    formHeads.push({ text, widths: widths.slice(part.start + 2, part.end + 3) });
  }
  ws.getRow(HEAD).height = headingHeight(formHeads);
  setColumnBreaks(
    ws,
    pages.slice(1).map((p) => (p[0]?.start ?? 0) + 3),
  );
  headingRow(ws, HEAD + 1, ['STT', levelHeading, ...specs.map((s) => s.heading)], widths);

  // Four looks for every figure of the sheet, made once: [plain, bold] per number format.
  const figure = (numFmt: string, bold: boolean): CellLook => ({
    bold,
    border: true,
    align: 'right',
    numFmt,
  });
  const looks: Record<'count' | 'rate', [CellLook, CellLook]> = {
    count: [figure(COUNT_FORMAT, false), figure(COUNT_FORMAT, true)],
    rate: [figure(RATE_FORMAT, false), figure(RATE_FORMAT, true)],
  };
  const look = (kind: string, bold: boolean): CellLook =>
    looks[kind === 'count' ? 'count' : 'rate'][bold ? 1 : 0];
  const valueCells = (r: number, values: Values, bold: boolean): void => {
    specs.forEach((s, k) => put(ws, r, k + 3, values[s.id] ?? null, look(s.kind, bold)));
  };

  let r = HEAD + 2;
  const accepted = report.units.filter((u) => u.status === 'accepted');
  if (accepted.length === 0) {
    putMerged(ws, r, 1, r, n, 'Không có đơn vị nào có báo cáo được tiếp nhận.', {
      italic: true,
      border: true,
    });
    r++;
  }
  accepted.forEach((u, i) => {
    // The unit's own row doubles as the sub-heading: its name and the totals of its report.
    put(ws, r, 1, toRoman(i + 1), { bold: true, align: 'center', border: true });
    put(ws, r, 2, u.name, { bold: true, border: true });
    valueCells(r++, u.values, true);
    if (u.subunits.length === 0) {
      putMerged(ws, r, 1, r, n, `(${u.name} không có số liệu chi tiết theo ${level})`, {
        italic: true,
        border: true,
      });
      r++;
    }
    u.subunits.forEach((s, k) => {
      put(ws, r, 1, k + 1, { align: 'center', border: true });
      put(ws, r, 2, s.name, { border: true });
      valueCells(r++, s.values, false);
      // Its villages, when the district listed them, under it and indented.
      for (const c of s.children ?? []) {
        put(ws, r, 1, '-', { align: 'center', border: true });
        put(ws, r, 2, `    ${c.name}`, { italic: true, border: true });
        valueCells(r++, c.values, false);
      }
    });
  });
  finishSheet(ws, HEAD + 1, 2, true);
}

function submissionsSheet(wb: Book, ctx: Ctx): void {
  const { report, registry } = ctx;
  const heads = [
    'STT',
    'Đơn vị',
    'Mã',
    'Trạng thái',
    'Số lỗi',
    'Tệp',
    'Ngày nhận',
    'Đúng hạn',
    'SHA-256',
    'Biểu dùng',
  ];
  const widths = [W_STT, W_NAME, 8, 14, 8, 40, 14, 12, 36, 12];
  const n = widths.length;
  const ws = addSheet(
    wb,
    ctx,
    REPORT_SHEETS.submissions,
    widths,
    `Tình hình nộp báo cáo của các ${registry.unitLevel.vi}, ${ctx.period}`,
  );
  headingRow(ws, HEAD, heads, widths);
  let r = HEAD + 1;
  report.units.forEach((u, i) => {
    const files = u.files.length > 0 ? u.files : [null];
    const bottom = r + files.length - 1;
    // Unit columns span the unit's file rows, so a unit with two files still reads as one unit.
    const unitCells: [ExcelJS.CellValue, CellLook][] = [
      [i + 1, { align: 'center' }],
      [u.name, {}],
      [u.code, { align: 'center' }],
      [STATUS_TEXT[u.status], { bold: u.status !== 'accepted' }],
      [u.status === 'missing' ? null : u.errors, { align: 'right' }],
    ];
    unitCells.forEach(([v, look], k) => {
      putMerged(ws, r, k + 1, bottom, k + 1, v, { ...look, border: true, wrap: true });
    });
    files.forEach((f, k) => {
      const row = r + k;
      const date = f?.reportDate
        ? dmy(f.reportDate) + (f.dateSource ? `\n(${DATE_SOURCE_TEXT[f.dateSource]})` : '')
        : null;
      const onTime = f
        ? TIMELINESS_TEXT[f.onTime === null ? 'unknown' : f.onTime ? 'on-time' : 'late']
        : null;
      const shown = f ? f.file + (f.sender ? `\n(gửi từ ${f.sender})` : '') : null;
      put(ws, row, 6, shown, { border: true, wrap: true });
      put(ws, row, 7, date, { border: true, wrap: true, align: 'center' });
      put(ws, row, 8, onTime, { border: true, align: 'center' });
      put(ws, row, 9, f?.sha256 ?? null, { border: true, wrap: true, mono: true });
      put(ws, row, 10, f ? f.used.join(', ') : null, { border: true, wrap: true, align: 'center' });
      ws.getRow(row).height = fitHeight([
        { text: shown ?? '', width: 40 },
        { text: date ?? '', width: 14 },
        { text: f?.sha256 ?? '', width: 36 },
      ]);
    });
    r = bottom + 1;
  });

  const c = report.completeness;
  const pct = (v: number): string => `${formatNumber(v, 'vi')}%`;
  const lines = [
    `Số báo cáo dự kiến: ${c.expected}; đã tiếp nhận: ${c.accepted}; bị loại: ${c.rejected}; chưa nộp: ${c.missing}; tỷ lệ báo cáo: ${pct(c.reportingRate)}; tỷ lệ đúng hạn: ${pct(c.onTimeRate)} (đúng hạn: ${c.onTime}; muộn: ${c.late}; chưa rõ ngày nhận: ${c.unknownDate})`,
    report.dueBefore
      ? `Hạn nộp: trước ngày ${dmy(report.dueBefore)}`
      : 'Hạn nộp: kế hoạch không quy định',
  ];
  if (report.unassigned.length > 0)
    lines.push(
      `Tệp không xác định được đơn vị (không tính cho đơn vị nào): ${report.unassigned.join('; ')}`,
    );
  r++;
  for (const text of lines) {
    putMerged(ws, r, 1, r, n, text, { wrap: true });
    ws.getRow(r).height = fitHeight([{ text, width: widths.reduce((a, b) => a + b, 0) }]);
    r++;
  }
  finishSheet(ws, HEAD, 2);
}

function findingsSheet(wb: Book, ctx: Ctx): void {
  const { report, registry } = ctx;
  const heads = ['STT', 'Mức', 'Mã', 'Đơn vị', 'Tệp', 'Vị trí', 'Nội dung', 'Cách sửa'];
  const widths = [W_STT, 10, 22, 22, 30, 16, 50, 40];
  const count = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const ws = addSheet(
    wb,
    ctx,
    REPORT_SHEETS.findings,
    widths,
    `Kết quả kiểm tra số liệu báo cáo, ${ctx.period}`,
    {
      note: `Tổng số: ${report.findings.length} (lỗi: ${count('error')}; cảnh báo: ${count('warning')}; thông tin: ${count('info')})`,
    },
  );
  headingRow(ws, HEAD, heads, widths);
  const names = new Map<string, string>([
    ...registry.units.map((u): [string, string] => [u.code, u.name]),
    ...report.units.map((u): [string, string] => [u.code, u.name]),
  ]);
  report.findings.forEach((f, i) => {
    const r = HEAD + 1 + i;
    // Always Vietnamese: the file is the department's document (see ReportXlsxOptions.lang).
    const texts = [
      i + 1,
      SEVERITY_TEXT[f.severity],
      f.code,
      f.unit === null ? '' : (names.get(f.unit) ?? f.unit),
      f.file,
      findingLocation(f),
      findingMessage(f, 'vi'),
      findingSuggestion(f, 'vi'),
    ];
    texts.forEach((v, k) =>
      put(ws, r, k + 1, v, {
        border: true,
        wrap: k >= 3,
        align: k === 0 ? 'center' : 'left',
        bold: k === 1 && f.severity === 'error',
      }),
    );
    ws.getRow(r).height = fitHeight(
      texts.slice(3).map((t, k) => ({ text: String(t), width: widths[k + 3] ?? W_NUM })),
    );
  });
  ws.autoFilter = { from: { row: HEAD, column: 1 }, to: { row: HEAD, column: heads.length } };
  // No column freeze here: the long message columns need the width more than STT/Mức do.
  finishSheet(ws, HEAD, 0);
}

/** The figures set side by side on the lists sheet: the summary's and the list's. */
const LIST_FIGURES = [
  'poor',
  'near_poor',
  'poor_ethnic_minority',
  'near_poor_ethnic_minority',
  'poor_deprivations',
  'near_poor_deprivations',
] as const;

/**
 * "Đối chiếu danh sách hộ": for each unit whose household lists were given, the unit and each of
 * its communes with a list: households and member rows in the lists, the main figures as the
 * summary gives them and as the lists give them, and whether every figure agrees, naming the ones
 * that do not. Counts only: no household is named.
 */
function listsSheet(wb: Book, ctx: Ctx): void {
  const { report, forms, registry } = ctx;
  const heading = (id: string): string => {
    for (const f of forms.forms) {
      const c = f.columns.find((x) => x.id === id);
      if (c) return `${c.heading} (Biểu ${f.id})`;
    }
    return id;
  };
  const heads = [
    'STT',
    `Đơn vị, ${registry.subunitLevel.vi}`,
    'Số hộ trong danh sách',
    'Dòng thành viên',
    ...LIST_FIGURES.flatMap((id) => [`${heading(id)}: biểu`, `${heading(id)}: danh sách`]),
    'Kết quả',
    'Chỉ tiêu lệch (biểu / danh sách)',
  ];
  const widths = [W_STT, W_NAME, 12, 11, ...LIST_FIGURES.flatMap(() => [11, 11]), 16, 44];
  const c = report.lists ?? { checked: 0, agreeing: 0, partial: 0, differing: 0, uncompared: 0 };
  const ws = addSheet(
    wb,
    ctx,
    LISTS_SHEET,
    widths,
    `Đối chiếu danh sách hộ nghèo, hộ cận nghèo với biểu tổng hợp, ${ctx.period}`,
    {
      note: `Đơn vị được đối chiếu: ${c.checked}; khớp: ${c.agreeing}; không đối chiếu được: ${c.uncompared}; lệch: ${c.differing}; danh sách chưa đủ các xã (có thể cũng lệch): ${c.partial}. Đơn vị tính: hộ, lượt`,
    },
  );
  headingRow(ws, HEAD, heads, widths);
  let r = HEAD + 1;
  let stt = 0;
  const verdict = (h: HouseholdFigures | null, summarised: boolean): string =>
    h === null
      ? 'Không có trong danh sách'
      : !summarised || h.compared === null
        ? 'Chưa đối chiếu'
        : h.agrees === null
          ? // Made, but no figure both give: nothing agreed.
            'Không đối chiếu được'
          : h.agrees
            ? 'Khớp'
            : `Lệch ${h.differences.length} chỉ tiêu`;
  /** A unit's or commune's row; `h` null: a commune of the summary the lists leave out. */
  const line = (
    name: string,
    values: Values | null,
    h: HouseholdFigures | null,
    summarised: boolean,
    bold: boolean,
  ): void => {
    const diffs = (h?.differences ?? [])
      .map(
        (d) => `${heading(d.id)}: ${formatNumber(d.summary, 'vi')} / ${formatNumber(d.list, 'vi')}`,
      )
      .join('; ');
    const cells: ExcelJS.CellValue[] = [
      bold ? ++stt : null,
      name,
      h?.household_rows ?? null,
      h?.member_rows ?? null,
      ...LIST_FIGURES.flatMap((id) => [values?.[id] ?? null, h ? (h.values[id] ?? null) : null]),
      verdict(h, summarised),
      diffs || null,
    ];
    cells.forEach((v, k) =>
      put(ws, r, k + 1, v, {
        border: true,
        bold: bold || (k === cells.length - 2 && h?.agrees === false),
        wrap: k === 1 || k >= cells.length - 2,
        align: k === 0 ? 'center' : undefined,
        ...(typeof v === 'number' ? { numFmt: COUNT_FORMAT } : {}),
      }),
    );
    ws.getRow(r).height = fitHeight([
      { text: name, width: W_NAME },
      { text: diffs, width: widths.at(-1) ?? 40 },
    ]);
    r++;
  };
  for (const u of report.units) {
    if (!u.households) continue;
    const summarised = u.status !== 'missing';
    line(u.name, summarised ? u.values : null, u.households, summarised, true);
    // The communes the lists leave out are listed too, so that none is taken for compared.
    for (const s of u.subunits)
      line(`   ${s.name}`, summarised ? s.values : null, s.households ?? null, summarised, false);
  }
  finishSheet(ws, HEAD, 2, true);
}

/**
 * Renders the consolidated report as an `.xlsx` workbook, in Vietnamese.
 *
 * Sheets: `Biểu 01`…`Biểu 05` (one per form of the catalogue: units in registry order, rejected
 * and missing units kept with a note, a `Toàn tỉnh` row of SUM formulas), `Chỉ tiêu`,
 * `Chi tiết xã`, `Tình hình nộp báo cáo`, `Kiểm tra dữ liệu`. Every formula carries the model's
 * figure as its cached result, and the workbook asks for a full recalculation on load, so the
 * sheet and the JSON report show the same numbers.
 *
 * @param report - the model from `consolidate`.
 * @param cat - the forms (headings, titles) and the registry (issuer, place, unit names).
 * @param opts - `now` for the dateline and document dates; `lang` is reserved (see
 *   {@link ReportXlsxOptions.lang}).
 * @returns the file's bytes; nothing is written.
 */
export function renderReportXlsx(
  report: ConsolidatedReport,
  cat: ReportXlsxCatalogue,
  opts: ReportXlsxOptions,
): Buffer {
  const ctx: Ctx = {
    report,
    forms: cat.forms,
    registry: cat.registry,
    now: opts.now,
    period: periodPhrase(report),
  };
  const wb = new Book();
  stampWorkbook(wb, opts.now);
  wb.title = `Báo cáo tổng hợp ${ctx.period} — ${cat.registry.province.name}`;
  wb.company = cat.registry.issuer.departmentName;

  const annexes = [
    ...cat.forms.forms.map((f) => `Biểu ${f.id}`),
    ...Object.values(reportSheets(cat.registry)),
    ...(report.lists ? [LISTS_SHEET] : []),
  ];
  documentSheet(
    wb,
    officialDocument(report, {
      registry: cat.registry,
      roles: cat.forms.roles,
      now: opts.now,
      annexes,
    }),
  );
  for (const form of cat.forms.forms) formSheet(wb, ctx, form);
  targetsSheet(wb, ctx);
  subunitsSheet(wb, ctx);
  submissionsSheet(wb, ctx);
  findingsSheet(wb, ctx);
  if (report.lists) listsSheet(wb, ctx);
  return wb.toBuffer(1);
}
