/**
 * The report's Vietnamese words for a unit's status, a finding's severity, a report's timeliness
 * and where its receipt date came from: one table each, shared by the workbook and the page.
 */
import type { DateSource, Timeliness, UnitStatus } from '../core/consolidate.js';
import type { Severity } from '../core/finding-codes.js';

/** A unit's status in the period. */
export const STATUS_TEXT: Record<UnitStatus, string> = {
  accepted: 'Đã tiếp nhận',
  rejected: 'Bị loại',
  missing: 'Chưa nộp',
};

/** A finding's severity. */
export const SEVERITY_TEXT: Record<Severity, string> = {
  error: 'Lỗi',
  warning: 'Cảnh báo',
  info: 'Thông tin',
};

/** Whether a report came in before the deadline. */
export const TIMELINESS_TEXT: Record<Timeliness, string> = {
  'on-time': 'Đúng hạn',
  late: 'Muộn',
  unknown: 'Chưa rõ ngày nhận',
};

/** Where a receipt date came from, said under the date. */
export const DATE_SOURCE_TEXT: Record<DateSource, string> = {
  'receipt-log': 'theo sổ nhận',
  'e-mail': 'theo ngày gửi thư',
  'date-line': 'theo dòng ngày dưới biểu',
};
