/**
 * The texts of reminders: the e-mails themselves (always Vietnamese: they go to Vietnamese
 * districts and to the Department) and what `remind` and `status` print on the terminal (in the
 * chosen language). Pure functions of the reminder data.
 */
import path from 'node:path';
import type { Completeness } from '../core/consolidate.js';
import { findingMessage, findingSuggestion, type Finding } from '../core/finding.js';
import { type Lang } from '../core/lang.js';
import { dmy, formatNumber } from '../core/dates-and-numbers.js';
import type { Reminder, SummaryReminder, SummaryUnit, UnitReminder } from '../core/schedule.js';
import { safeFileNamePart } from '../core/file-name.js';
import { foldWords } from '../core/text.js';
import { findingLocation } from './findings.js';

/** A reminder ready to write or send. */
export interface ReminderMessage {
  /** The `--state` key (`2022-H1|139|2022-06-08`). */
  key: string;
  kind: Reminder['kind'];
  period: string;
  /** The unit's code, or null for the summary. */
  unit: string | null;
  /** Who it is for, as the terminal shows it (`Huyện Trạm Tấu (139)`). */
  label: string;
  /** Recipient address; null when the registry has none (or none that is one address). */
  to: string | null;
  /** The registry's address was set aside: not one e-mail address (see remind's findings). */
  invalidTo?: boolean;
  /** Subject line (Vietnamese). */
  subject: string;
  /** Plain-text body (Vietnamese). */
  text: string;
  /** File name when written as .eml (`2022-H1-139-tram-tau.eml`). */
  fileName: string;
}

/**
 * DHIS2's completeness line: received and on-time reports out of those expected; then, when there
 * are any, the late ones and those whose receipt date is unknown (neither on time nor late).
 */
export function completenessLine(c: Completeness, lang: Lang): string {
  const pct = (n: number): string => `${formatNumber(n, lang)}%`;
  return lang === 'vi'
    ? `Đã nhận ${c.accepted}/${c.expected} báo cáo (${pct(c.reportingRate)}), đúng hạn ${c.onTime}/${c.expected} (${pct(c.onTimeRate)})${timelinessRest(c, lang)}`
    : `Received ${c.accepted}/${c.expected} reports (${pct(c.reportingRate)}), on time ${c.onTime}/${c.expected} (${pct(c.onTimeRate)})${timelinessRest(c, lang)}`;
}

/** `, muộn 1, chưa rõ ngày nhận 2`: the accepted reports not on time, said only when there are. */
export function timelinessRest(c: Completeness, lang: Lang): string {
  const late = c.late;
  const unknown = c.unknownDate;
  const parts: string[] = [];
  if (late > 0) parts.push(lang === 'vi' ? `muộn ${late}` : `late ${late}`);
  if (unknown > 0)
    parts.push(lang === 'vi' ? `chưa rõ ngày nhận ${unknown}` : `receipt date unknown ${unknown}`);
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

/**
 * How far the deadline is, in words. On the due-before date itself the report is already late
 * ("trước ngày 15/6" means by 14/6), but "0 days overdue" reads as nonsense, so that day has its
 * own words.
 */
export function timeLeftText(daysLeft: number, lang: Lang): string {
  if (lang === 'vi')
    return daysLeft > 0
      ? `còn ${daysLeft} ngày`
      : daysLeft === 0
        ? 'đã hết hạn'
        : `đã quá hạn ${-daysLeft} ngày`;
  return daysLeft > 0
    ? `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`
    : daysLeft === 0
      ? 'deadline reached'
      : `${-daysLeft} day${daysLeft === -1 ? '' : 's'} overdue`;
}

const reportName = (r: Reminder): string => `Báo cáo giảm nghèo ${r.periodTitle.vi}`;
const deadline = (r: Reminder): string => `hạn trước ${dmy(r.dueBefore)}`;
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const unitLabel = (u: { code: string; name: string }): string => `${u.name} (${u.code})`;
const formsText = (forms: string[]): string => `Biểu ${forms.join(', ')}`;

/** The subject of a reminder: `[Nhắc hạn] Báo cáo giảm nghèo … — còn 7 ngày (hạn trước 15/06/2022)`. */
export function reminderSubject(r: Reminder): string {
  const when = `${timeLeftText(r.daysLeft, 'vi')} (${deadline(r)})`;
  if (r.kind === 'summary')
    return `[Tổng hợp] ${reportName(r)} — đã nhận ${r.completeness.accepted}/${r.completeness.expected} — ${when}`;
  return `${r.overdue ? '[Quá hạn]' : '[Nhắc hạn]'} ${reportName(r)} — ${when}`;
}

/** A finding as the district reads it: file and cell, what is wrong, how to fix it. */
export function reminderFindingLines(f: Finding, n: number): string[] {
  const where = [f.file ? path.basename(f.file) : '', findingLocation(f)]
    .filter((s) => s && s !== '—')
    .join(', ');
  return [
    `${n}. ${where ? `${where}: ` : ''}${findingMessage(f, 'vi')}`,
    // The district cannot teach the tool: only what it can fix in its file.
    `   Cách sửa: ${findingSuggestion(f, 'vi', { teach: false })}`,
  ];
}

function unitBody(r: UnitReminder, sender: string): string {
  const lines: string[] = [];
  lines.push(`Kính gửi: UBND ${lowerFirst(r.unit.name)}`, '');
  lines.push(
    `${sender} xin nhắc: báo cáo kết quả giảm nghèo ${r.periodTitle.vi} (kỳ ${r.period}), gồm ${formsText(r.forms)}, cần gửi về Sở trước ngày ${dmy(r.dueBefore)}.`,
  );
  const today = `Hôm nay, ngày ${dmy(r.asOf)}`;
  if (r.daysLeft > 0) lines.push(`${today}, còn ${r.daysLeft} ngày đến hạn.`);
  else if (r.daysLeft === 0) lines.push(`${today}, đã hết hạn nộp báo cáo.`);
  else lines.push(`${today}, báo cáo đã quá hạn ${-r.daysLeft} ngày.`);
  lines.push('');
  const by = r.overdue ? 'ngay' : `trước ngày ${dmy(r.dueBefore)}`;
  if (r.status === 'missing' && r.lists > 0) {
    // A unit that sent its household lists reads "not received" as the Department losing them.
    // The lists are counted, not named: a list's file may be named after a household's head.
    lines.push(
      `Đến ngày ${dmy(r.asOf)}, Sở đã nhận ${r.lists} tệp danh sách hộ của đơn vị nhưng chưa nhận ${formsText(r.forms)}: danh sách hộ không thay cho các biểu tổng hợp.`,
    );
    lines.push(`Đề nghị đơn vị hoàn thành và gửi ${formsText(r.forms)} ${by}.`);
  } else if (r.status === 'missing') {
    lines.push(`Đến ngày ${dmy(r.asOf)}, Sở chưa nhận được báo cáo của đơn vị.`);
    lines.push(`Đề nghị đơn vị hoàn thành và gửi báo cáo ${by}.`);
  } else {
    const files = r.files.map((f) => path.basename(f)).join(', ');
    lines.push(
      `Sở đã nhận báo cáo của đơn vị${files ? ` (${files})` : ''} nhưng chưa thể tiếp nhận vì báo cáo còn ${r.errors} lỗi.`,
    );
    if (r.findings.length > 0) {
      lines.push(
        r.findings.length < r.errors ? 'Các lỗi đầu tiên cần sửa:' : 'Các lỗi cần sửa:',
        '',
      );
      r.findings.forEach((f, i) => lines.push(...reminderFindingLines(f, i + 1)));
      if (r.errors > r.findings.length)
        lines.push(
          `… và ${r.errors - r.findings.length} lỗi khác; Sở sẽ kiểm tra lại toàn bộ khi nhận bản sửa.`,
        );
      lines.push('');
    }
    lines.push(`Đề nghị đơn vị sửa các lỗi trên và gửi lại báo cáo ${by}.`);
  }
  lines.push('');
  lines.push('Nếu đơn vị vừa gửi báo cáo, xin bỏ qua thư này.');
  lines.push('Thư được gửi tự động từ hệ thống tổng hợp báo cáo giảm nghèo (povreport).');
  lines.push('', sender);
  return `${lines.join('\n')}\n`;
}

function summaryList(title: string, units: SummaryUnit[], detail: (u: SummaryUnit) => string) {
  if (units.length === 0) return [];
  return [
    `${title} (${units.length}):`,
    ...units.map((u) => `  - ${unitLabel(u)}${detail(u)}`),
    '',
  ];
}

function summaryBody(r: SummaryReminder): string {
  const c = r.completeness;
  const lines: string[] = [];
  lines.push(`Kính gửi: ${r.department}`, '');
  lines.push(
    `Tình hình nộp báo cáo kết quả giảm nghèo ${r.periodTitle.vi} (kỳ ${r.period}) đến ngày ${dmy(r.asOf)}; hạn nộp trước ngày ${dmy(r.dueBefore)}: ${timeLeftText(r.daysLeft, 'vi')}.`,
    '',
  );
  lines.push(`${completenessLine(c, 'vi')}.`);
  lines.push(
    `Dự kiến ${c.expected} báo cáo; đã tiếp nhận ${c.accepted}, bị loại ${c.rejected}, chưa nộp ${c.missing}.`,
    '',
  );
  lines.push(...summaryList('Chưa nộp', r.missing, () => ''));
  lines.push(
    ...summaryList('Bị loại, chờ nộp lại', r.rejected, (u) =>
      u.errors === undefined ? '' : `: ${u.errors} lỗi`,
    ),
  );
  lines.push(
    ...summaryList('Nộp muộn', r.late, (u) =>
      u.reportDate ? `: ngày nhận ${dmy(u.reportDate)}` : '',
    ),
  );
  const reminded = r.missing.length + r.rejected.length;
  lines.push(
    `Cùng đợt này, hệ thống lập thư nhắc cho ${reminded} đơn vị chưa có báo cáo được tiếp nhận.`,
  );
  lines.push('Thư được gửi tự động từ hệ thống tổng hợp báo cáo giảm nghèo (povreport).');
  return `${lines.join('\n')}\n`;
}

/** The body of a reminder (Vietnamese plain text); `sender` signs unit reminders. */
export function reminderBody(r: Reminder, sender: string): string {
  return r.kind === 'unit' ? unitBody(r, sender) : summaryBody(r);
}

function slug(s: string): string {
  return foldWords(s).replace(/ /g, '-');
}

/**
 * The .eml file name of a reminder: `2022-H1-139-tram-tau.eml`, `2022-H1-tong-hop.eml`. The code
 * and the period are data: whatever they hold, the name stays one file in the folder.
 */
export function reminderFileName(r: Reminder): string {
  const period = safeFileNamePart(r.period);
  return r.kind === 'unit'
    ? `${period}-${safeFileNamePart(r.unit.code)}-${slug(r.unit.short) || 'don-vi'}.eml`
    : `${period}-tong-hop.eml`;
}

/** Turns a reminder into the message to write or send; `sender` is the Department's name. */
export function composeReminder(r: Reminder, sender: string): ReminderMessage {
  return {
    key: r.key,
    kind: r.kind,
    period: r.period,
    unit: r.kind === 'unit' ? r.unit.code : null,
    label: r.kind === 'unit' ? unitLabel(r.unit) : 'summary',
    to: r.kind === 'unit' ? r.unit.email : r.to,
    subject: reminderSubject(r),
    text: reminderBody(r, sender),
    fileName: reminderFileName(r),
  };
}

const TERM = {
  vi: {
    head: (r: Reminder) =>
      `Nhắc hạn ngày ${dmy(r.asOf)} — kỳ ${r.period} (${r.periodTitle.vi}), hạn trước ${dmy(r.dueBefore)}: ${timeLeftText(r.daysLeft, 'vi')}`,
    count: (units: number, summaries: number) =>
      `${units} thư nhắc đơn vị, ${summaries} thư tổng hợp`,
    summary: 'Tổng hợp gửi Sở',
    noAddress: '(không có địa chỉ)',
    badAddress: '(địa chỉ trong danh mục không hợp lệ)',
    notTried: (why: string) => `chưa gửi vì máy chủ thư không trả lời (${why})`,
    skipped: (n: number) => `${n} thư đã gửi trước đó trong ngày (--state), bỏ qua.`,
    sent: (ok: number, all: number, where: string) => `Đã gửi ${ok}/${all} thư qua ${where}.`,
    written: (n: number, dir: string) => `Đã ghi ${n} tệp .eml vào ${dir}.`,
    failed: (label: string, error: string, file: string) =>
      `Không gửi được: ${label} — ${error}; thư được giữ lại tại ${file}`,
    failedUnits: (names: string) => `Chưa gửi được thư nhắc cho: ${names}`,
  },
  en: {
    head: (r: Reminder) =>
      `Reminders of ${r.asOf} — period ${r.period} (${r.periodTitle.en}), due before ${r.dueBefore}: ${timeLeftText(r.daysLeft, 'en')}`,
    count: (units: number, summaries: number) =>
      `${units} unit reminder${units === 1 ? '' : 's'}, ${summaries} summary`,
    summary: 'Summary for the Department',
    noAddress: '(no address)',
    badAddress: '(the registry’s address is not valid)',
    notTried: (why: string) => `not tried: the mail server did not answer (${why})`,
    skipped: (n: number) => `${n} message(s) already sent earlier today (--state), skipped.`,
    sent: (ok: number, all: number, where: string) => `Sent ${ok}/${all} messages via ${where}.`,
    written: (n: number, dir: string) => `Wrote ${n} .eml files to ${dir}.`,
    failed: (label: string, error: string, file: string) =>
      `Not sent: ${label} — ${error}; message kept as ${file}`,
    failedUnits: (names: string) => `Reminders not delivered to: ${names}`,
  },
} as const;

/** The terminal text's labels, in the chosen language. */
export function remindTerminalText(lang: Lang): (typeof TERM)[Lang] {
  return TERM[lang];
}

/** One line per message: who it is for and where it goes. */
export function messageLine(m: ReminderMessage, lang: Lang): string {
  const who = m.kind === 'summary' ? TERM[lang].summary : m.label;
  return `${who} <${m.to ?? (m.invalidTo ? TERM[lang].badAddress : TERM[lang].noAddress)}>`;
}

/**
 * The messages as the terminal (or cron's mail) shows them: a heading per period in the chosen
 * language, then each message in full, as it would be sent. Empty when there are no messages, so
 * that cron mails only when there is news.
 */
export function renderRemindersText(
  reminders: Reminder[],
  messages: ReminderMessage[],
  lang: Lang,
): string {
  if (messages.length === 0) return '';
  const t = TERM[lang];
  const keys = new Set(messages.map((m) => m.key));
  const lines: string[] = [];
  const periods = [...new Set(reminders.map((r) => r.period))];
  for (const period of periods) {
    const rs = reminders.filter((r) => r.period === period && keys.has(r.key));
    const first = rs[0];
    if (!first) continue;
    lines.push(t.head(first));
    lines.push(
      t.count(
        rs.filter((r) => r.kind === 'unit').length,
        rs.filter((r) => r.kind === 'summary').length,
      ),
      '',
    );
    for (const m of messages.filter((x) => x.period === period)) {
      lines.push('─'.repeat(72));
      lines.push(`To: ${m.to ?? (m.invalidTo ? t.badAddress : t.noAddress)}`);
      lines.push(`Subject: ${m.subject}`, '');
      lines.push(m.text);
    }
  }
  return `${lines.join('\n')}\n`;
}
