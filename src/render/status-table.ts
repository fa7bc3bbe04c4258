/**
 * What `status` shows: the `--json` document (every unit with its status, files, report date and
 * timeliness) and the terminal table with DHIS2's completeness line under it. Pure functions of
 * the consolidated report and the as-of date.
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import type {
  Completeness,
  ConsolidatedReport,
  UnitResult,
  UnitStatus,
} from '../core/consolidate.js';
import { calendarDaysBetween, dmy } from '../core/dates-and-numbers.js';
import type { Lang } from '../core/lang.js';
import { isLate, unitReportDate } from '../core/schedule.js';
import { escapeTerminal as esc } from './escape-terminal.js';
import { completenessLine, timeLeftText } from './reminders.js';

/**
 * A unit's timeliness: `on-time` / `late` (accepted, by the report date against the due-before
 * date), `overdue` (not accepted and the due-before date has been reached), null otherwise.
 */
/**
 * `on-time`/`late`: accepted, by the receipt dates of the files used; `unknown-date`: accepted,
 * some file's receipt date unknown (not late); `overdue`: not accepted and the due date passed.
 */
export type Timeliness = 'on-time' | 'late' | 'unknown-date' | 'overdue' | null;

/** One unit in `status --json`. */
export interface StatusUnitJson {
  code: string;
  name: string;
  status: UnitStatus;
  /** Errors of a rejected submission. */
  errors: number;
  /** The unit's files, as given on the command line. */
  files: string[];
  /**
   * How many household list files a unit not accepted sent: a unit that sent only its lists is
   * still missing (a list is no report), and said so. Counted, not named: a list's file may be
   * named after a household's head.
   */
  lists: number;
  /** The latest report date of the files the status rests on. */
  reportDate: string | null;
  timeliness: Timeliness;
}

/** The `status --json` document. */
export interface StatusJson {
  period: string;
  periodTitle: string;
  asOf: string;
  dueBefore: string | null;
  /** Calendar days from `asOf` to `dueBefore` (0 or less: overdue). */
  daysLeft: number | null;
  units: StatusUnitJson[];
  completeness: Completeness;
  /** Files whose unit could not be told. */
  unassigned: string[];
  /** Blank templates made by `povreport template` found among the files, not counted. */
  setAside: string[];
  /** Files that are another period's reports, not counted for this one. */
  otherPeriod: string[];
}

function timeliness(u: UnitResult, asOf: string, dueBefore: string | null): Timeliness {
  if (u.status === 'accepted') {
    if (isLate(u)) return 'late';
    const used = u.files.filter((f) => f.used.length > 0);
    return used.length > 0 && used.every((f) => f.onTime === true) ? 'on-time' : 'unknown-date';
  }
  return dueBefore !== null && asOf >= dueBefore ? 'overdue' : null;
}

/** The `status --json` document of a consolidated report on the day `asOf` (YYYY-MM-DD). */
export function statusToJson(report: ConsolidatedReport, asOf: string): StatusJson {
  return {
    period: report.period,
    periodTitle: report.periodTitle,
    asOf,
    dueBefore: report.dueBefore,
    daysLeft: report.dueBefore ? calendarDaysBetween(asOf, report.dueBefore) : null,
    units: report.units.map((u) => ({
      code: u.code,
      name: u.name,
      status: u.status,
      errors: u.errors,
      files: u.files.map((f) => f.file),
      lists: u.listFiles?.length ?? 0,
      reportDate: unitReportDate(u),
      timeliness: timeliness(u, asOf, report.dueBefore),
    })),
    completeness: report.completeness,
    unassigned: report.unassigned,
    setAside: report.setAside,
    otherPeriod: report.otherPeriod,
  };
}

const T = {
  vi: {
    head: (d: StatusJson) =>
      `Tình hình nộp báo cáo kỳ ${d.period} (${d.periodTitle}) đến ngày ${dmy(d.asOf)}${d.dueBefore ? `; hạn trước ${dmy(d.dueBefore)}: ${timeLeftText(d.daysLeft ?? 0, 'vi')}` : ''}`,
    cols: ['Mã', 'Đơn vị', 'Trạng thái', 'Tệp', 'Ngày nhận', 'Thời hạn'],
    accepted: 'Đã tiếp nhận',
    rejected: (n: number) => `Bị loại (${n} lỗi)`,
    missing: 'Chưa nộp',
    listOnly: (n: number) => `Chưa nộp (chỉ có ${n} tệp danh sách hộ)`,
    'on-time': 'Đúng hạn',
    late: 'Muộn',
    'unknown-date': 'Chưa rõ ngày nhận',
    overdue: 'Quá hạn',
    unassigned: (n: number) => `${n} tệp không xác định được đơn vị`,
    setAside: (n: number) => `${n} mẫu biểu trống được để riêng, không tính là báo cáo`,
    otherPeriod: (n: number, p: string) =>
      `${n} tệp là báo cáo của kỳ khác, không tính cho kỳ ${p}`,
    date: dmy,
  },
  en: {
    head: (d: StatusJson) =>
      `Reporting status of ${d.period} (${d.periodTitle}) as of ${d.asOf}${d.dueBefore ? `; due before ${d.dueBefore}: ${timeLeftText(d.daysLeft ?? 0, 'en')}` : ''}`,
    cols: ['Code', 'Unit', 'Status', 'File', 'Received', 'Timeliness'],
    accepted: 'Accepted',
    rejected: (n: number) => `Rejected (${n} error${n === 1 ? '' : 's'})`,
    missing: 'Missing',
    listOnly: (n: number) => `Missing (only ${n} household list file${n === 1 ? '' : 's'})`,
    'on-time': 'On time',
    late: 'Late',
    'unknown-date': 'Receipt date unknown',
    overdue: 'Overdue',
    unassigned: (n: number) => `${n} file(s) whose unit could not be identified`,
    setAside: (n: number) => `${n} blank form(s) set aside, not counted as reports`,
    otherPeriod: (n: number, p: string) => `${n} file(s) of another period, not counted for ${p}`,
    date: (iso: string) => iso,
  },
} as const;

// Width in terminal columns: one per grapheme, so a tone mark typed as a combining character
// (NFD, as some keyboards send it) does not count as a letter of its own.
const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const width = (s: string): number => [...graphemes.segment(s)].length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

/** The terminal table of `status`, in `lang`, coloured by `c`. */
export function renderStatusTable(d: StatusJson, lang: Lang, c: ChalkInstance): string {
  const t = T[lang];
  const rows = d.units.map((u) => {
    const state =
      u.status === 'accepted'
        ? t.accepted
        : u.status === 'rejected'
          ? t.rejected(u.errors)
          : u.files.length === 0 && u.lists > 0
            ? t.listOnly(u.lists)
            : t.missing;
    // Codes, names and file names are data: escaped before they are measured and coloured.
    return [
      esc(u.code),
      esc(u.name),
      state,
      esc(filesCell(u.files.map((f) => path.basename(f)))),
      u.reportDate ? t.date(u.reportDate) : '—',
      u.timeliness ? t[u.timeliness] : '—',
    ];
  });
  const widths = t.cols.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => pad(s, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const colour = (u: StatusUnitJson, s: string): string =>
    u.status === 'accepted' ? c.green(s) : u.status === 'rejected' ? c.red(s) : c.yellow(s);
  const lines = [c.bold(esc(t.head(d))), '', c.bold(line([...t.cols]))];
  d.units.forEach((u, i) => {
    const r = rows[i] ?? [];
    // Pad before colouring: escape codes would otherwise count as letters.
    const cells = r.map((s, j) => pad(s, widths[j] ?? 0));
    cells[2] = colour(u, cells[2] ?? '');
    if (u.timeliness === 'late' || u.timeliness === 'overdue') cells[5] = c.red(cells[5] ?? '');
    lines.push(cells.join('  ').trimEnd());
  });
  lines.push('');
  if (d.unassigned.length > 0) lines.push(c.yellow(t.unassigned(d.unassigned.length)));
  if (d.setAside.length > 0) lines.push(t.setAside(d.setAside.length));
  if (d.otherPeriod.length > 0) lines.push(t.otherPeriod(d.otherPeriod.length, d.period));
  lines.push(c.bold(completenessLine(d.completeness, lang)));
  return `${lines.join('\n')}\n`;
}

/** The files of a unit in one table cell: one or two names, else the first and how many more. */
function filesCell(names: string[]): string {
  if (names.length === 0) return '—';
  if (names.length <= 2) return names.join(', ');
  return `${names[0] ?? ''} (+${names.length - 1})`;
}
