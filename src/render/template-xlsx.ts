/**
 * The blank form workbook `povreport template` hands to a reporting unit: the five forms with the
 * title block filled in, the catalogue's canonical headings, formulas for totals and rates, input
 * cells open for typing and everything else locked, Vietnamese instructions, and a hidden sheet
 * that tells the reader exactly whose report the file is and for which period.
 *
 * Everything the reader relies on is written the way `src/core` looks for it: "UBND <UNIT>" and
 * the period in the title rows (identify.ts), the heading on one row followed by the column-number
 * row (recognize.ts), "Tổng cộng" in the name column (extract.ts), the signature block under the
 * table, and the `povreport` key/value sheet (readMetadata).
 */
import { dmy } from '../core/dates-and-numbers.js';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../io/exceljs-workbook.js';

import type { Catalogue, ColumnSpec, FormSpec, PlanPeriod, UnitSpec } from '../core/catalogue.js';
import type { Bilingual } from '../core/finding-codes.js';
import { columnLetter } from '../core/grid.js';
import { roundHalfUp } from '../core/round.js';
import { METADATA_SHEET } from '../core/identify.js';
import { subunitsInForce } from '../core/subunits.js';
import { foldWords } from '../core/text.js';
import {
  A4,
  COUNT_FORMAT,
  FONT,
  RATE_FORMAT,
  fitText,
  landscapeOnePageWide,
  setColumnWidths,
  stampWorkbook,
  thinBox,
  upperVi,
  workbookBytes,
  writeSignatureBlock,
  writeTitleBlock,
  putMerged,
} from './xlsx-kit.js';

/**
 * Figures to write into the form's rows (`povreport derive`): the rows in order, each with its
 * name and its figures by indicator id; an id a row lacks (or null) leaves its cell open for the
 * clerk. Totals and rates stay formulas, with their results computed here so that a reader of
 * cached values (ours) sees the same numbers as Excel.
 */
export interface FilledRows {
  rows: { name: string; values: Readonly<Record<string, number | null | undefined>> }[];
}

/** The period a template is made for: a plan period, or one the plan does not list. */
export type TemplatePeriod =
  PlanPeriod | { id: string; title: Bilingual; dueBefore: string | null };

/** Name of the instructions sheet (first tab, so the file opens on it). */
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';

/**
 * Rows left for the clerk to name communes when the registry does not list them: more than the
 * largest district had (Văn Chấn, 31 communes), since rows cannot be inserted in a protected sheet.
 */
export const EMPTY_SUBUNIT_ROWS = 40;

/** Fixed rows of a form sheet (1-based, as Excel shows them). */
const TEMPLATE_ROWS = {
  /** "UBND HUYỆN …" and the national motto (written by the kit's writeTitleBlock, from row 1). */
  authority: 1,
  motto: 2,
  title: 4,
  unitNote: 5,
  heading: 6,
  /** A, B, 1, 2, 3=2/1x100 … */
  numbers: 7,
  /** "Tổng cộng", first: the district's own figure is the first thing a reader checks. */
  total: 8,
  firstSubunit: 9,
} as const;

const STT_COL = 1;
const NAME_COL = 2;
const FIRST_INDICATOR_COL = 3;

const GREY = 'FFF2F2F2';
const HEADING_FILL = 'FFDDEBF7';
const WHITE = 'FFFFFFFF';

const BORDER = thinBox('FF808080');

/** Whole numbers ≥ 0, with a Vietnamese prompt: the same range the reader accepts for counts. */
const COUNT_VALIDATION: ExcelJS.DataValidation = {
  type: 'whole',
  operator: 'greaterThanOrEqual',
  formulae: [0],
  allowBlank: true,
  showInputMessage: true,
  promptTitle: 'Nhập số hộ',
  prompt: 'Số nguyên ≥ 0; ghi 0 nếu không có',
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Số liệu không hợp lệ',
  error: 'Chỉ nhập số nguyên không âm (0, 1, 2…), không nhập chữ, dấu cách hay số thập phân.',
};

/**
 * Renders one unit's template workbook.
 *
 * @param unit - The reporting unit; its sub-units, when the registry lists them, fill the rows.
 * @param period - The period: its title goes into every form's title, its due date into the
 *   instructions (none when `dueBefore` is null).
 * @param cat - The catalogue: forms and canonical headings, registry (issuer), standard.
 * @param now - Time of generation, written to the metadata sheet and the workbook properties.
 * @param filled - Figures to write in (a filled form); the rows are then these, not the
 *   registry's.
 * @returns The `.xlsx` bytes.
 */
export async function renderTemplateXlsx(
  unit: UnitSpec,
  period: TemplatePeriod,
  cat: Catalogue,
  now: Date,
  filled?: FilledRows,
): Promise<Buffer> {
  const wb = newWorkbook();
  stampWorkbook(wb, now);

  await addInstructions(wb, unit, period, cat, now);
  for (const form of cat.forms.forms) await addForm(wb, form, unit, period, cat, filled);
  addMetadata(wb, unit, period, cat, now);
  return workbookBytes(wb);
}

/** The sheet name of a form ("Biểu 01"): its first catalogue name, which the reader also knows. */
function formSheetName(form: FormSpec): string {
  return form.sheetNames[0] ?? `Biểu ${form.id}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/**
 * The name column's heading: the registry's sub-unit level ("Xã, phường, thị trấn") when the
 * reader knows it as a name heading, else the catalogue's canonical one.
 */
function nameHeading(cat: Catalogue): string {
  const { name } = cat.forms.common;
  const level = capitalise(cat.registry.subunitLevel.vi);
  const known = [name.heading, ...name.variants].map(foldWords);
  return known.includes(foldWords(level)) ? level : name.heading;
}

async function addInstructions(
  wb: ExcelJS.Workbook,
  unit: UnitSpec,
  period: TemplatePeriod,
  cat: Catalogue,
  now: Date,
): Promise<void> {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET, {
    properties: { tabColor: { argb: 'FF2F75B5' } },
    pageSetup: {
      paperSize: A4,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.getColumn(1).width = 95;
  const { issuer } = cat.registry;
  const hasSubunits = (unit.subunits?.length ?? 0) > 0;
  const forms = cat.forms.forms.map((f) => formSheetName(f)).join(', ');
  const deadline = period.dueBefore
    ? `Hạn gửi: trước ngày ${dmy(period.dueBefore)}.`
    : 'Hạn gửi: theo kế hoạch của tỉnh (mẫu này chưa có hạn gửi).';
  const recipient = issuer.email
    ? `Nơi nhận: ${issuer.departmentName}, thư điện tử ${issuer.email}.`
    : `Nơi nhận: ${issuer.departmentName}.`;
  const checks = [...new Set(cat.rules.rules.map((r) => r.description.vi))].map((d) => `   • ${d}`);

  const lines: { text: string; style?: 'title' | 'section' | 'note' }[] = [
    { text: `HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO ${upperVi(period.title.vi)}`, style: 'title' },
    { text: `Đơn vị báo cáo: ${unit.name} (mã ${unit.code})` },
    { text: `Kỳ báo cáo: ${period.title.vi}` },
    { text: `Chuẩn nghèo: ${cat.standard.name.vi}` },
    { text: '' },
    { text: 'Cách điền', style: 'section' },
    {
      text: `1. Điền số liệu vào tất cả các ô màu trắng trong các sheet ${forms}. Các ô màu xám (tiêu đề, dòng "Tổng cộng", các cột tỷ lệ %) được tính tự động bằng công thức và đã khóa.`,
    },
    {
      text: hasSubunits
        ? `2. Mỗi dòng là một ${cat.registry.subunitLevel.vi} theo danh mục của tỉnh; không thêm, bớt hay đổi tên các dòng.`
        : `2. Ghi tên từng ${cat.registry.subunitLevel.vi} vào cột "${nameHeading(cat)}" (mỗi đơn vị một dòng, cùng thứ tự ở cả năm biểu); bỏ trống các dòng thừa. Mẫu có ${EMPTY_SUBUNIT_ROWS} dòng; nếu không đủ, đề nghị Sở tạo mẫu có danh sách ${cat.registry.subunitLevel.vi} của đơn vị.`,
    },
    {
      text: '3. Chỉ nhập số nguyên không âm (số hộ): không nhập chữ, đơn vị tính hay số thập phân. Ô không có số liệu ghi 0, không để trống. Ô nhập liệu không nhận dấu "-"; nếu dán số liệu có dấu "-" từ tệp khác, chương trình kiểm tra hiểu là 0.',
    },
    {
      text: '4. Không sửa tiêu đề cột, không thêm hay xóa cột, không đổi tên hay xóa sheet. Các sheet được khóa không mật khẩu chỉ để tránh sửa nhầm; nếu thật cần sửa bố cục: Xem lại (Review) → Bỏ bảo vệ trang tính (Unprotect Sheet).',
    },
    {
      text: '5. Ghi ngày lập báo cáo ở dòng "…, ngày … tháng … năm …" dưới bảng; ký, ghi rõ họ tên và đóng dấu bản giấy.',
    },
    {
      text: '6. Lưu tệp dưới dạng Excel (.xlsx), giữ nguyên tên sheet; không đổi sang .xls, .csv hay PDF.',
    },
    { text: '' },
    { text: 'Số liệu phải khớp nhau (chương trình sẽ kiểm tra)', style: 'section' },
    ...checks.map((text) => ({ text })),
    { text: '   • Dòng "Tổng cộng" = tổng các dòng bên dưới (đã có công thức).' },
    { text: '' },
    { text: 'Gửi báo cáo', style: 'section' },
    { text: deadline },
    { text: recipient },
    { text: '' },
    {
      text: `Mẫu do povreport tạo lúc ${now.toISOString()}. Sheet ẩn "${METADATA_SHEET}" ghi mã đơn vị và kỳ báo cáo để chương trình nhận đúng tệp; không xóa sheet này.`,
      style: 'note',
    },
  ];
  lines.forEach((l, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = l.text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = {
      name: FONT,
      size: l.style === 'title' ? 14 : 12,
      bold: l.style === 'title' || l.style === 'section',
      italic: l.style === 'note',
    };
    // Excel does not grow rows for wrapped text written by a program: estimate the lines.
    const rowLines = Math.max(1, Math.ceil(l.text.length / 90));
    ws.getRow(i + 1).height = rowLines * 17 + 2;
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

/** Column layout of one form sheet: indicator id → 1-based column and its column number. */
interface FormColumns {
  specs: { spec: ColumnSpec; col: number; number: number }[];
  byId: Map<string, { col: number; number: number }>;
  last: number;
}

function formColumns(form: FormSpec): FormColumns {
  const specs = form.columns.map((spec, i) => ({
    spec,
    col: FIRST_INDICATOR_COL + i,
    number: i + 1,
  }));
  return {
    specs,
    byId: new Map(specs.map((s) => [s.spec.id, { col: s.col, number: s.number }])),
    last: FIRST_INDICATOR_COL + form.columns.length - 1,
  };
}

/**
 * A rate cell's formula. Blank while the row's two cells are blank, so an unused row reads as
 * empty rather than as a sub-unit with a 0 % rate; `N()` makes a pasted "-" count as 0 (as the
 * reader counts it) instead of giving #VALUE!.
 */
function rateFormula(row: number, numeratorCol: number, denominatorCol: number): string {
  const n = `${columnLetter(numeratorCol - 1)}${row}`;
  const d = `${columnLetter(denominatorCol - 1)}${row}`;
  return `IF(AND(${d}="",${n}=""),"",IF(N(${d})=0,0,ROUND(N(${n})/N(${d})*100,2)))`;
}

async function addForm(
  wb: ExcelJS.Workbook,
  form: FormSpec,
  unit: UnitSpec,
  period: TemplatePeriod,
  cat: Catalogue,
  filled: FilledRows | undefined,
): Promise<void> {
  const R = TEMPLATE_ROWS;
  const cols = formColumns(form);
  const ws = wb.addWorksheet(formSheetName(form), {
    pageSetup: landscapeOnePageWide(),
    views: [
      {
        state: 'frozen',
        xSplit: NAME_COL,
        ySplit: R.numbers,
        topLeftCell: `${columnLetter(FIRST_INDICATOR_COL - 1)}${R.total}`,
        activeCell: `${columnLetter(FIRST_INDICATOR_COL - 1)}${R.firstSubunit}`,
      },
    ],
  });
  ws.pageSetup.printTitlesRow = `${R.heading}:${R.numbers}`;
  setColumnWidths(ws, [5, 24, ...cols.specs.map((c) => (c.spec.kind === 'percent' ? 10 : 12))]);

  // Title block: the left half names the unit (the reader finds "UBND HUYỆN …" there), the right
  // half carries the national motto, as on every official form.
  const split = Math.max(NAME_COL + 1, Math.floor(cols.last / 2));
  const left = { from: STT_COL, to: split };
  const right = { from: split + 1, to: cols.last };
  writeTitleBlock(ws, {
    issuer: [{ text: `UBND ${upperVi(unit.name)}`, bold: true }],
    left,
    right,
  });
  const centred = { size: 12, align: 'center', wrap: true } as const;
  putMerged(
    ws,
    R.title,
    STT_COL,
    R.title,
    cols.last,
    `BIỂU ${form.id}: ${upperVi(form.title.vi)} ${upperVi(period.title.vi)}`,
    { ...centred, bold: true, size: 14 },
  );
  ws.getRow(R.title).height = 36;
  // Not merged: a merged note would be read as a heading level above every column.
  const note = ws.getCell(R.unitNote, cols.last);
  note.value = 'Đơn vị tính: hộ; tỷ lệ: %';
  note.font = { name: FONT, size: 11, italic: true };
  note.alignment = { horizontal: 'right' };

  // Heading and column numbers.
  const headings = ['STT', nameHeading(cat), ...cols.specs.map((c) => c.spec.heading)];
  const numbers = ['A', 'B', ...cols.specs.map((c) => columnNumberText(c, cols))];
  headings.forEach((h, i) => {
    const cell = ws.getCell(R.heading, i + 1);
    cell.value = h;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = solid(HEADING_FILL);
    cell.border = BORDER;
  });
  numbers.forEach((n, i) => {
    const cell = ws.getCell(R.numbers, i + 1);
    cell.value = n;
    cell.font = { name: FONT, size: 10, italic: true };
    cell.alignment = { horizontal: 'center' };
    cell.fill = solid(HEADING_FILL);
    cell.border = BORDER;
  });
  const longest = Math.max(
    ...cols.specs.map((c) => c.spec.heading.length / (c.spec.kind === 'percent' ? 9 : 11)),
  );
  ws.getRow(R.heading).height = Math.max(30, Math.ceil(longest) * 15 + 8);

  // Rows: the registry's sub-units of the period (communes merged before it, or founded after it,
  // left out), or blank rows the clerk names.
  const named = filled
    ? filled.rows.map((r) => r.name)
    : unit.subunits && unit.subunits.length > 0
      ? subunitsInForce(unit, period.id).map((s) => s.name)
      : null;
  // A figure of a row (null when open), and a column's sum over the rows (0 when none is given).
  const given = (i: number, id: string): number | null => {
    const v = filled?.rows[i]?.values[id];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const sums = new Map<string, number | null>();
  for (const c of cols.specs) {
    let sum: number | null = null;
    for (let i = 0; i < (filled?.rows.length ?? 0); i++) {
      const v = given(i, c.spec.id);
      if (v !== null) sum = (sum ?? 0) + v;
    }
    sums.set(c.spec.id, sum);
  }
  const count = named ? named.length : EMPTY_SUBUNIT_ROWS;
  const first = R.firstSubunit;
  const lastRow = first + count - 1;

  const total = ws.getRow(R.total);
  styleCell(total.getCell(STT_COL), { locked: true, bold: true });
  const totalLabel = total.getCell(NAME_COL);
  totalLabel.value = 'Tổng cộng';
  styleCell(totalLabel, { locked: true, bold: true });
  for (const c of cols.specs) {
    const cell = total.getCell(c.col);
    if (c.spec.kind === 'percent') {
      if (
        !setRate(
          cell,
          R.total,
          c.spec,
          cols,
          rateResult(c.spec, (id) => sums.get(id) ?? null, 0),
        )
      ) {
        rateInput(cell);
        continue;
      }
    } else {
      const L = columnLetter(c.col - 1);
      cell.value = {
        formula: `SUM(${L}${first}:${L}${lastRow})`,
        result: sums.get(c.spec.id) ?? 0,
      };
      cell.numFmt = COUNT_FORMAT;
    }
    styleCell(cell, { locked: true, bold: true });
  }

  for (let i = 0; i < count; i++) {
    const r = first + i;
    const row = ws.getRow(r);
    const stt = row.getCell(STT_COL);
    stt.value = i + 1;
    stt.alignment = { horizontal: 'center' };
    styleCell(stt, { locked: true });
    const name = row.getCell(NAME_COL);
    if (named) {
      name.value = named[i] ?? '';
      styleCell(name, { locked: true });
    } else {
      styleCell(name, { locked: false });
      name.dataValidation = {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [60],
        allowBlank: true,
        showInputMessage: true,
        // Excel refuses an input title over 32 characters; the level's words are data.
        promptTitle: fitText(`Tên ${cat.registry.subunitLevel.vi}`, 32, '…'),
        prompt: 'Ghi đủ tên, ví dụ: Xã An Phú; bỏ trống nếu không dùng dòng này',
      };
    }
    for (const c of cols.specs) {
      const cell = row.getCell(c.col);
      if (c.spec.kind === 'percent') {
        // The row is blank in a fresh template, so its rate is blank too (see rateFormula).
        const result = rateResult(c.spec, (id) => given(i, id), '');
        if (setRate(cell, r, c.spec, cols, result)) styleCell(cell, { locked: true });
        else rateInput(cell);
      } else {
        const v = given(i, c.spec.id);
        if (v !== null) cell.value = v;
        cell.numFmt = COUNT_FORMAT;
        cell.dataValidation = COUNT_VALIDATION;
        styleCell(cell, { locked: false });
      }
    }
  }

  // Date line and signatures: the reader stops reading rows at them.
  const dateRow = lastRow + 2;
  putMerged(ws, dateRow, right.from, dateRow, right.to, '…, ngày … tháng … năm …', {
    ...centred,
    italic: true,
  });
  writeSignatureBlock(
    ws,
    dateRow + 1,
    { left: { ...left, title: 'Người lập biểu' }, right: { ...right, title: 'Thủ trưởng đơn vị' } },
    { wrap: true },
  );

  // No password: the lock prevents slips, and a clerk must still be able to fix a layout problem.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
  });
}

/** "3=2/1x100" for a rate: the numbers of its numerator and denominator columns. */
function columnNumberText(c: FormColumns['specs'][number], cols: FormColumns): string {
  if (c.spec.kind !== 'percent' || !c.spec.numerator || !c.spec.denominator)
    return String(c.number);
  const n = cols.byId.get(c.spec.numerator);
  const d = cols.byId.get(c.spec.denominator);
  return n && d ? `${c.number}=${n.number}/${d.number}x100` : String(c.number);
}

/**
 * Writes a rate's formula with its cached result; false when the catalogue does not say which
 * columns of this form the rate is computed from, so there is nothing to compute it with.
 */
function setRate(
  cell: ExcelJS.Cell,
  row: number,
  spec: ColumnSpec,
  cols: FormColumns,
  result: number | string,
): boolean {
  const n = spec.numerator ? cols.byId.get(spec.numerator) : undefined;
  const d = spec.denominator ? cols.byId.get(spec.denominator) : undefined;
  if (!n || !d) return false;
  cell.value = { formula: rateFormula(row, n.col, d.col), result };
  cell.numFmt = RATE_FORMAT;
  return true;
}

/**
 * What a rate formula gives for the figures `value` returns (see rateFormula): `blank` when both
 * are unknown, 0 over no households, else the rate rounded to two decimals.
 */
function rateResult(
  spec: ColumnSpec,
  value: (id: string) => number | null,
  blank: number | string,
): number | string {
  const n = spec.numerator ? value(spec.numerator) : null;
  const d = spec.denominator ? value(spec.denominator) : null;
  if (n === null && d === null) return blank;
  if (!d) return 0;
  return roundHalfUp(((n ?? 0) / d) * 100, 2);
}

/** A rate the clerk types: open, and limited to the 0–100 the reader accepts. */
function rateInput(cell: ExcelJS.Cell): void {
  cell.numFmt = RATE_FORMAT;
  cell.dataValidation = {
    type: 'decimal',
    operator: 'between',
    formulae: [0, 100],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: 'Nhập tỷ lệ (%)',
    prompt: 'Số từ 0 đến 100, tối đa 2 chữ số thập phân',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Số liệu không hợp lệ',
    error: 'Tỷ lệ phải là số từ 0 đến 100.',
  };
  styleCell(cell, { locked: false });
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Input cells white and unlocked, the rest grey and locked: "fill every white cell". */
function styleCell(cell: ExcelJS.Cell, o: { locked: boolean; bold?: boolean }): void {
  cell.font = { name: FONT, size: 11, bold: o.bold ?? false };
  cell.border = BORDER;
  cell.fill = solid(o.locked ? GREY : WHITE);
  cell.protection = { locked: o.locked };
}

function addMetadata(
  wb: ExcelJS.Workbook,
  unit: UnitSpec,
  period: TemplatePeriod,
  cat: Catalogue,
  now: Date,
): void {
  // veryHidden: not listed under Excel's "Unhide…", so a clerk cannot edit it by accident.
  // LibreOffice keeps it as plain hidden when it re-saves; the reader takes both.
  const ws = wb.addWorksheet(METADATA_SHEET, { state: 'veryHidden' });
  const rows: [string, string][] = [
    ['unit', unit.code],
    ['period', period.id],
    ['standard', cat.standard.id],
    ['forms_version', String(cat.forms.version)],
    ['generated_by', 'povreport'],
    ['generated_at', now.toISOString()],
  ];
  rows.forEach(([k, v], i) => {
    ws.getCell(i + 1, 1).value = k;
    // Text, so a code like "035" keeps its leading zero.
    ws.getCell(i + 1, 2).value = v;
  });
}
