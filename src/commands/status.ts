/**
 * `povreport status <paths...> --period P`: who has reported. Every unit of the registry —
 * accepted, rejected (with its number of errors) or missing — with its file, report date and
 * timeliness against the plan, then DHIS2's completeness line.
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { type Completeness, type UnitResult, type UnitStatus } from '../core/consolidate.js';
import type { Lang } from '../core/lang.js';
import { isLate, unitReportDate } from '../core/schedule.js';
import {
  calendarDaysBetween,
  isIsoDate,
  vietnamDate,
  vietnamMidnight,
} from '../core/dates-and-numbers.js';
import { expandPathsAllowEmpty } from '../io/walk.js';
import { completenessLine, timeLeftText } from '../render/reminders.js';
import { dmy } from '../core/dates-and-numbers.js';
import { consolidateFiles, loadSetup } from './pipeline.js';
import { escapeTerminal as esc } from '../render/escape-terminal.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';

/** Options of `status`. */
export interface StatusCommandOptions {
  paths: string[];
  period: string;
  plan?: string;
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** The teaching file (`--map`); default `povreport-map.json` in the current folder. */
  map?: string;
  /** The day the status is for (YYYY-MM-DD); default: today in Vietnam at `now`. */
  asOf?: string;
  json: boolean;
  lang: Lang;
  chalk: ChalkInstance;
  write: (s: string) => void;
  now: Date;
}

/**
 * A unit's timeliness: `on-time` / `late` (accepted, by the report date against the due-before
 * date), `overdue` (not accepted and the due-before date has been reached), null otherwise.
 */
export type Timeliness = 'on-time' | 'late' | 'overdue' | null;

/** One unit in `status --json`. */
export interface StatusUnitJson {
  code: string;
  name: string;
  status: UnitStatus;
  /** Errors of a rejected submission. */
  errors: number;
  /** The unit's files, as given on the command line. */
  files: string[];
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
}

function timeliness(u: UnitResult, asOf: string, dueBefore: string | null): Timeliness {
  if (u.status === 'accepted') {
    if (isLate(u)) return 'late';
    const used = u.files.filter((f) => f.used.length > 0);
    return used.length > 0 && used.every((f) => f.onTime === true) ? 'on-time' : null;
  }
  return dueBefore !== null && asOf >= dueBefore ? 'overdue' : null;
}

/** Runs `status`; returns 0 when every unit is accepted, 1 otherwise. */
export async function status(opts: StatusCommandOptions): Promise<ExitCode> {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
    throw new ConfigError(
      `--as-of "${opts.asOf}": cần một ngày dạng YYYY-MM-DD, ví dụ 2022-06-10 (a date such as 2022-06-10).`,
    );
  const asOf = opts.asOf ?? vietnamDate(opts.now);
  const setup = await loadSetup(opts);
  const files = await expandPathsAllowEmpty(opts.paths);
  const report = await consolidateFiles(setup, files, {
    period: opts.period,
    lang: opts.lang,
    // Replaying a past day gives the same report: the as-of date, not the clock.
    now: opts.asOf ? vietnamMidnight(asOf) : opts.now,
  });
  const doc: StatusJson = {
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
      reportDate: unitReportDate(u),
      timeliness: timeliness(u, asOf, report.dueBefore),
    })),
    completeness: report.completeness,
    unassigned: report.unassigned,
    setAside: report.setAside,
  };
  if (opts.json) opts.write(`${JSON.stringify(doc, null, 2)}\n`);
  else opts.write(renderStatus(doc, opts));
  return report.completeness.accepted === report.completeness.expected ? EXIT.ok : EXIT.findings;
}

const T = {
  vi: {
    head: (d: StatusJson) =>
      `Tình hình nộp báo cáo kỳ ${d.period} (${d.periodTitle}) đến ngày ${dmy(d.asOf)}${d.dueBefore ? `; hạn trước ${dmy(d.dueBefore)}: ${timeLeftText(d.daysLeft ?? 0, 'vi')}` : ''}`,
    cols: ['Mã', 'Đơn vị', 'Trạng thái', 'Tệp', 'Ngày báo cáo', 'Thời hạn'],
    accepted: 'Đã tiếp nhận',
    rejected: (n: number) => `Bị loại (${n} lỗi)`,
    missing: 'Chưa nộp',
    'on-time': 'Đúng hạn',
    late: 'Muộn',
    overdue: 'Quá hạn',
    unassigned: (n: number) => `${n} tệp không xác định được đơn vị`,
    setAside: (n: number) => `${n} mẫu biểu trống được để riêng, không tính là báo cáo`,
    date: dmy,
  },
  en: {
    head: (d: StatusJson) =>
      `Reporting status of ${d.period} (${d.periodTitle}) as of ${d.asOf}${d.dueBefore ? `; due before ${d.dueBefore}: ${timeLeftText(d.daysLeft ?? 0, 'en')}` : ''}`,
    cols: ['Code', 'Unit', 'Status', 'File', 'Report date', 'Timeliness'],
    accepted: 'Accepted',
    rejected: (n: number) => `Rejected (${n} error${n === 1 ? '' : 's'})`,
    missing: 'Missing',
    'on-time': 'On time',
    late: 'Late',
    overdue: 'Overdue',
    unassigned: (n: number) => `${n} file(s) whose unit could not be identified`,
    setAside: (n: number) => `${n} blank form(s) set aside, not counted as reports`,
    date: (iso: string) => iso,
  },
} as const;

// Width in terminal columns: one per grapheme, so a tone mark typed as a combining character
// (NFD, as some keyboards send it) does not count as a letter of its own.
const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const width = (s: string): number => [...graphemes.segment(s)].length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

function renderStatus(d: StatusJson, opts: StatusCommandOptions): string {
  const t = T[opts.lang];
  const c = opts.chalk;
  const rows = d.units.map((u) => {
    const state =
      u.status === 'accepted'
        ? t.accepted
        : u.status === 'rejected'
          ? t.rejected(u.errors)
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
  lines.push(c.bold(completenessLine(d.completeness, opts.lang)));
  return `${lines.join('\n')}\n`;
}

/** The files of a unit in one table cell: one or two names, else the first and how many more. */
function filesCell(names: string[]): string {
  if (names.length === 0) return '—';
  if (names.length <= 2) return names.join(', ');
  return `${names[0] ?? ''} (+${names.length - 1})`;
}
