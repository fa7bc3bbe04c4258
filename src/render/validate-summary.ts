/**
 * What `validate` shows: the `--json` document, and on the terminal one block per file (its unit,
 * period and forms, with `--verbose` how each sheet was read, then its findings) and a summary
 * line. Pure functions of the checked files.
 */
import type { ChalkInstance } from 'chalk';
import { countFindings, appendAll } from '../core/finding-budget.js';
import { columnLetter } from '../core/grid.js';
import type { Lang } from '../core/lang.js';
import { taughtUse, type Teaching, type TaughtEntry } from '../core/teach.js';
import type { FileReport, IdentitySource } from '../core/validate-book.js';
import { escapeTerminal as esc } from './escape-terminal.js';
import { findingToJson, renderFindingLines, type FindingJson } from './findings.js';

/** A checked file as `validate` shows it: its report and the SHA-256 of its bytes. */
export type ValidatedFile = FileReport & {
  sha256: string | null;
  mailDate?: string | null;
  sender?: string | null;
};

/** How the terminal text is made. */
export interface ValidateTextOptions {
  lang: Lang;
  chalk: ChalkInstance;
  /** Say how each sheet was read (`--verbose`). */
  verbose: boolean;
  /** What staff taught about units' files, to say which taught entries were used. */
  teaching?: Teaching;
}

/** The `validate --json` document. */
export interface ValidateJson {
  files: {
    file: string;
    unit: { code: string; name: string } | null;
    period: string | null;
    forms: string[];
    valid: boolean;
    /** Where the unit and the period were read from. */
    unitSource: string | null;
    periodSource: string | null;
    /** The date line under the table (ISO), when there is one. */
    reportDate: string | null;
    /** An e-mail attachment's: the message's Date as Vietnam's day (null when invalid). */
    mailDate?: string | null;
    /** An e-mail attachment's: the sender's address. */
    sender?: string | null;
    sha256: string | null;
    /**
     * A household list's (issue 11): its sheets read as lists and, per unit and commune, the
     * figures derived from its rows by form column id, with `household_rows` and `member_rows`.
     * Counts only: never a name or a birth year.
     */
    households?: {
      sheets: { sheet: string | null; households: number; member_rows: number }[];
      communes: {
        unit: string | null;
        subunit: string | null;
        household_rows: number;
        member_rows: number;
        values: Record<string, number | null>;
      }[];
    };
  }[];
  findings: FindingJson[];
  summary: { files: number; errors: number; warnings: number; infos: number; valid: number };
}

/** The `validate --json` document of the checked files (findings in the order given). */
export function validateToJson(checked: ValidatedFile[], lang: Lang): ValidateJson {
  const findings = checked.flatMap((f) => f.findings.map((x) => findingToJson(x, lang)));
  // The summary counts every finding, those past --max-findings too (the notes say how many).
  const counts = countFindings(checked.flatMap((f) => f.findings));
  return {
    files: checked.map((f) => ({
      file: f.file,
      unit: f.unit ? { code: f.unit.code, name: f.unit.name } : null,
      period: f.period,
      forms: f.forms,
      valid: f.valid,
      unitSource: f.unitSource,
      periodSource: f.periodSource,
      reportDate: f.reportDate,
      ...(f.mailDate !== undefined ? { mailDate: f.mailDate } : {}),
      ...(f.sender !== undefined ? { sender: f.sender } : {}),
      sha256: f.sha256,
      ...(f.list
        ? {
            households: {
              sheets: f.list.sheets.map((s) => ({
                sheet: s.sheet,
                households: s.households,
                member_rows: s.memberRows,
              })),
              communes: f.list.tallies.map((c) => ({
                unit: c.unit,
                subunit: c.subunit,
                household_rows: c.householdRows,
                member_rows: c.memberRows,
                values: c.values,
              })),
            },
          }
        : {}),
    })),
    findings,
    summary: {
      files: checked.length,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.infos,
      valid: checked.filter((f) => f.valid).length,
    },
  };
}

/** A used taught entry in a line: `cột "…" → id`, `dòng "…" → total`. */
function describeUse(e: TaughtEntry, lang: Lang): string {
  const kind =
    e.kind === 'heading' ? (lang === 'vi' ? 'cột' : 'column') : lang === 'vi' ? 'dòng' : 'row';
  return `${kind} "${e.text}" → ${e.meaning}`;
}

const T = {
  vi: {
    unknownUnit: 'không rõ đơn vị',
    unknownPeriod: 'không rõ kỳ',
    noForms: 'không có biểu',
    forms: 'Biểu',
    summary: (s: ValidateJson['summary']) =>
      `Đã kiểm tra ${s.files} tệp: ${s.valid} hợp lệ, ${s.files - s.valid} có lỗi; tổng cộng ${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin.`,
    read: 'Cách đọc',
    header: 'dòng tiêu đề',
    numberRow: 'dòng số thứ tự cột',
    data: 'số liệu từ dòng',
    notForm: 'không phải biểu mẫu',
    unmatched: '(không thuộc mẫu)',
    decided: {
      heading: '',
      identity: 'chọn theo đẳng thức của biểu',
      order: 'chọn theo thứ tự cột của mẫu',
      mapping: 'theo tệp dạy (povreport map)',
      arithmetic: 'tiêu đề không có trong mẫu: đọc theo thứ tự cột và đẳng thức của biểu',
    },
    rows: (
      total: number | null,
      subunits: number,
      children: number,
      groups: number,
      other: number,
    ) =>
      `    dòng: ${total === null ? 'không xác định được dòng tổng' : `dòng tổng ${total} (bằng tổng các dòng)`}; ${subunits} đơn vị${children ? `, ${children} dòng thôn/bản dưới đơn vị` : ''}${groups ? `, ${groups} dòng cộng nhóm` : ''}${other ? `, ${other} dòng "trong đó" không cộng` : ''}`,
    from: 'nguồn',
    taught: (used: TaughtEntry[], unused: TaughtEntry[], unit: string) =>
      `Dạy (povreport map): đã dùng ${used.length} mục dạy cho đơn vị ${unit}${used.length ? `: ${used.map((e) => describeUse(e, 'vi')).join('; ')}` : ''}${unused.length ? `; không gặp trong tệp này: ${unused.map((e) => `"${e.text}"`).join(', ')}` : ''}`,
    unit: 'đơn vị',
    period: 'kỳ',
    sources: {
      metadata: 'sheet ẩn của mẫu',
      title: 'phần đầu biểu',
      signature: 'phần ký cuối biểu',
      'file-name': 'tên tệp',
      'folder-name': 'tên thư mục',
      'sheet-name': 'tên sheet',
      'page-header': 'tiêu đề trang in',
      'date-line': 'địa danh ở dòng ngày tháng',
      option: 'tùy chọn dòng lệnh',
    },
  },
  en: {
    unknownUnit: 'unknown unit',
    unknownPeriod: 'unknown period',
    noForms: 'no forms',
    forms: 'Forms',
    summary: (s: ValidateJson['summary']) =>
      `Checked ${s.files} file${s.files === 1 ? '' : 's'}: ${s.valid} valid, ${s.files - s.valid} with errors; ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info in all.`,
    read: 'How it was read',
    header: 'heading rows',
    numberRow: 'column-number row',
    data: 'data from row',
    notForm: 'not a form',
    unmatched: '(not in the form)',
    decided: {
      heading: '',
      identity: 'chosen by the form’s identities',
      order: 'chosen by the form’s column order',
      mapping: 'taught (povreport map)',
      arithmetic: 'heading not in the form: read by the column order and the form’s identities',
    },
    rows: (
      total: number | null,
      subunits: number,
      children: number,
      groups: number,
      other: number,
    ) =>
      `    rows: ${total === null ? 'no total row found' : `total row ${total} (the sum of the rows)`}; ${subunits} sub-units${children ? `, ${children} rows under them` : ''}${groups ? `, ${groups} group subtotals` : ''}${other ? `, ${other} breakdown rows not summed` : ''}`,
    from: 'from',
    taught: (used: TaughtEntry[], unused: TaughtEntry[], unit: string) =>
      `Taught (povreport map): used ${used.length} taught entr${used.length === 1 ? 'y' : 'ies'} for ${unit}${used.length ? `: ${used.map((e) => describeUse(e, 'en')).join('; ')}` : ''}${unused.length ? `; not met in this file: ${unused.map((e) => `"${e.text}"`).join(', ')}` : ''}`,
    unit: 'unit',
    period: 'period',
    sources: {
      metadata: 'hidden form sheet',
      title: 'title block',
      signature: 'signature block',
      'file-name': 'file name',
      'folder-name': 'folder name',
      'sheet-name': 'sheet names',
      'page-header': 'printed page header',
      'date-line': 'place in the date line',
      option: 'command line',
    },
  },
} as const;

/** The terminal text of `validate`: a block per file, then the summary of `summary`. */
export function renderValidateText(
  checked: ValidatedFile[],
  summary: ValidateJson['summary'],
  opts: ValidateTextOptions,
): string {
  const t = T[opts.lang];
  const c = opts.chalk;
  const lines: string[] = [];
  for (const f of checked) {
    // ○: read, but no form in it (a PDF sent alongside the workbook).
    const mark = !f.valid ? c.red('✖') : f.forms.length === 0 ? c.yellow('○') : c.green('✔');
    // File names and the registry's names are data: shown, never obeyed by the terminal.
    const unit = f.unit ? esc(`${f.unit.name} (${f.unit.code})`) : c.yellow(t.unknownUnit);
    const period = f.period ? esc(f.period) : c.yellow(t.unknownPeriod);
    const forms = f.forms.length > 0 ? `${t.forms} ${f.forms.join(', ')}` : t.noForms;
    lines.push(`${mark} ${c.bold(esc(f.file))}`);
    lines.push(`  ${unit} · ${period} · ${forms}`);
    if (opts.verbose) appendAll(lines, renderReading(f, opts));
    appendAll(lines, renderFindingLines(f.findings, opts.lang, c));
    lines.push('');
  }
  lines.push(c.bold(t.summary(summary)));
  return `${lines.join('\n')}\n`;
}

function renderReading(f: FileReport, opts: ValidateTextOptions): string[] {
  const t = T[opts.lang];
  const c = opts.chalk;
  // Each line quotes sheet names, headings and taught texts from the file: escaped, then dimmed.
  const dim = (s: string): string => c.dim(esc(s));
  const out: string[] = [];
  const src = (s: IdentitySource): string => (s ? ` (${t.from}: ${t.sources[s]})` : '');
  out.push(
    dim(
      `  ${t.read}: ${f.read?.format ?? '?'}${f.read?.encoding ? `, ${f.read.encoding}` : ''}${f.read?.delimiter ? `, "${f.read.delimiter === '\t' ? '\\t' : f.read.delimiter}"` : ''}; ${t.unit}${src(f.unitSource)}; ${t.period}${src(f.periodSource)}`,
    ),
  );
  const use = taughtUse(opts.teaching, f.unit?.code, f);
  if (f.unit && use.used.length + use.unused.length > 0)
    out.push(dim(`  ${t.taught(use.used, use.unused, `${f.unit.name} (${f.unit.code})`)}`));
  for (const s of f.sheets) {
    const name = s.sheet ?? '(CSV)';
    if (!s.form) {
      out.push(dim(`  ${name}: ${t.notForm}`));
      continue;
    }
    const hr = s.headerRows ? `${s.headerRows[0]}–${s.headerRows[1]}` : '?';
    out.push(
      dim(
        `  ${name}: ${t.forms} ${s.form}; ${t.header} ${hr}${s.numberRow ? `; ${t.numberRow} ${s.numberRow}` : ''}; ${t.data} ${s.dataStart ?? '?'}`,
      ),
    );
    for (const col of s.columns) {
      const letter = columnLetter(col.col);
      const mark =
        col.kind === 'words' ? ' ~' : col.kind === 'partial' || col.kind === 'generic' ? ' ≈' : '';
      const why = col.decidedBy ? t.decided[col.decidedBy] : '';
      out.push(
        dim(
          `    ${letter}  ${col.id ?? t.unmatched}${mark}  ← "${col.heading}"${why ? ` (${why})` : ''}`,
        ),
      );
    }
    const table = f.tables.find((x) => x.sheet === s.sheet && x.form === s.form);
    if (table) {
      const count = (role: string): number => table.rows.filter((r) => r.role === role).length;
      const total = table.rows.find((r) => r.role === 'total');
      const ok = table.structure?.kind === 'read';
      out.push(
        dim(
          t.rows(
            ok && total ? total.row + 1 : null,
            count('subunit'),
            count('child'),
            count('group'),
            count('breakdown'),
          ),
        ),
      );
    }
  }
  return out;
}
