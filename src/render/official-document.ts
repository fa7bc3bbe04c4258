/**
 * The texts of the provincial report as an administrative document (Decree 30/2020/NĐ-CP, Phụ
 * lục I): the parent body and the issuing department, the number line, the national name and
 * motto, the place and date, the type and summary, the body, the signature and the recipients.
 * Pure: no workbook, no page. The xlsx report lays them out on its first sheet (report-xlsx.ts);
 * another view (HTML) can print the same words. Every name comes from the registry (`issuer`,
 * `province`, `unitLevel`) and every figure from the report model.
 */
import type { FormsCatalogue, Registry } from '../core/catalogue.js';
import type { ConsolidatedReport, UnitResult } from '../core/consolidate.js';
import { dmy, formatFixed, formatNumber, vietnamDateline } from '../core/dates-and-numbers.js';

/** The national name on the right of every official document (Decree 30/2020). */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/** The motto under it: lower case with initial capitals, hyphens between the phrases. */
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The blank a document's number is written into by hand on the signed copy: the number is given
 * by the office's register (văn thư) when the director signs, after the report is made.
 */
export const NUMBER_BLANK = ' '.repeat(8);

/**
 * The number line under the issuer (Decree 30/2020: "Số:" and the symbol, the number before the
 * "/"), with the number left blank: `Số:        /BC-SNNMT`.
 */
export const documentNumberLine = (symbol: string): string => `Số:${NUMBER_BLANK}/${symbol}`;

/** The heading of the recipients under the signature (Decree 30/2020). */
export const RECIPIENTS_HEADING = 'Nơi nhận:';

/** The recipients as printed: each a line "- …;", the last one ending with a full stop. */
export function recipientLines(recipients: readonly string[]): string[] {
  return recipients.map((r, i) => `- ${r.trim()}${i === recipients.length - 1 ? '.' : ';'}`);
}

/** Upper case as Vietnamese writes it ("UBND HUYỆN TRẠM TẤU"). */
export const upperVi = (s: string): string => s.toLocaleUpperCase('vi');

/** The document type of a report, in capitals (Decree 30/2020, Phụ lục III: abbreviated "BC"). */
export const REPORT_TYPE = 'BÁO CÁO';
const REPORT_TYPE_ABBREVIATION = 'BC';

/** At most this many units are named where the text lists the units left out; then "và N …". */
const NAMED_UNITS = 10;

/**
 * The period in Vietnamese words. Ids of the usual shapes are spelt out here rather than taken
 * from `periodTitle`, which follows the language the report was consolidated in (it may be
 * English) or is the bare id when the plan had no title.
 */
export function periodPhrase(report: Pick<ConsolidatedReport, 'period' | 'periodTitle'>): string {
  const m = /^(\d{4})(?:-H([12]))?$/.exec(report.period);
  if (m) {
    const year = m[1] ?? '';
    if (m[2] === '1') return `6 tháng đầu năm ${year}`;
    if (m[2] === '2') return `6 tháng cuối năm ${year}`;
    return `năm ${year}`;
  }
  return report.periodTitle;
}

/** The signature block: who signs, as the registry gives it. */
export interface DocumentSignature {
  /** "KT. GIÁM ĐỐC" when a deputy signs for the head; none when the head signs. */
  authority?: string;
  /** "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC". */
  title: string;
  /** The signer's name under the room for the signature; none when the registry has none. */
  name?: string;
}

/** The texts of the report document, top to bottom as Decree 30/2020 places them. */
export interface OfficialDocument {
  /** Top left, capitals, upright: "UBND TỈNH LÀO CAI". */
  parentBody: string;
  /** Under it, capitals, bold: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG". */
  issuingBody: string;
  /**
   * Under the issuing body: "Số:        /BC-SNNMT", the number left blank for the register. With
   * no symbol in the registry, the body's abbreviation is left blank too: "Số:        /BC-        ".
   */
  numberLine: string;
  /** Top right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM". */
  nationalName: string;
  /** Under it: "Độc lập - Tự do - Hạnh phúc". */
  nationalMotto: string;
  /** Under the motto, in italics: "Lào Cai, ngày 05 tháng 12 năm 2026" (Vietnam's date). */
  placeDate: string;
  /** "BÁO CÁO". */
  type: string;
  /** The summary (trích yếu) under the type: what the report is about. */
  summary: string;
  /** The body's paragraphs, in order; the last ends with "./." as a document's body does. */
  body: string[];
  /** Right, under the body. */
  signature: DocumentSignature;
  /** "Nơi nhận:", left of the signature. */
  recipientsHeading: string;
  /** The recipients' lines ("- …;", the last "- …."); empty when the registry names none. */
  recipients: string[];
}

/** What the document is made from besides the report model. */
export interface OfficialDocumentInput {
  /** The issuer, the province and what its units are called. */
  registry: Pick<Registry, 'issuer' | 'province' | 'unitLevel'>;
  /** Which indicators are the poor and near-poor counts and rates. */
  roles: FormsCatalogue['roles'];
  /** When the report is made: its date line. */
  now: Date;
  /** The names of the tables annexed to the document, in order ("Biểu 01", …, "Chỉ tiêu", …). */
  annexes: readonly string[];
}

const count = (n: number): string => formatNumber(n, 'vi');
/** A rate as the forms print it: two decimals, Vietnamese comma ("16,00"). */
const rate = (n: number, digits = 2): string => formatFixed(n, digits, 'vi');
const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** "A, B và C"; past {@link NAMED_UNITS} names, "A, B, … và N <level> khác". */
function nameList(names: string[], level: string): string {
  if (names.length <= NAMED_UNITS) {
    if (names.length <= 1) return names.join('');
    return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1] ?? ''}`;
  }
  return `${names.slice(0, NAMED_UNITS).join(', ')} và ${names.length - NAMED_UNITS} ${level} khác`;
}

const leftOutName = (u: UnitResult): string =>
  `${u.name} (${u.status === 'rejected' ? 'bị loại' : 'chưa nộp'})`;

/** The paragraphs of the body: reporting, the figures, the target, the annexes, the close. */
function bodyParagraphs(
  report: ConsolidatedReport,
  input: OfficialDocumentInput,
  period: string,
): string[] {
  const { registry, roles } = input;
  const level = registry.unitLevel.vi;
  const department = registry.issuer.departmentName;
  const province = lowerFirst(registry.province.name);
  const c = report.completeness;
  const leftOut = report.units.filter((u) => u.status !== 'accepted');
  const leftOutText = nameList(leftOut.map(leftOutName), 'đơn vị');
  const out: string[] = [];

  out.push(
    `${department} báo cáo kết quả tổng hợp số liệu giảm nghèo ${period} của các ${level} trên địa bàn ${province} như sau:`,
  );

  const submitted = c.accepted + c.rejected;
  let reporting = `1. Tình hình báo cáo: ${c.expected} đơn vị phải báo cáo; ${submitted} đơn vị đã nộp, trong đó ${c.accepted} báo cáo được tiếp nhận, ${c.rejected} báo cáo bị loại do có lỗi số liệu; ${c.missing} đơn vị chưa nộp.`;
  const rejected = report.units.filter((u) => u.status === 'rejected').map((u) => u.name);
  const missing = report.units.filter((u) => u.status === 'missing').map((u) => u.name);
  if (rejected.length > 0) reporting += ` Bị loại: ${nameList(rejected, 'đơn vị')}.`;
  if (missing.length > 0) reporting += ` Chưa nộp: ${nameList(missing, 'đơn vị')}.`;
  if (c.accepted > 0 && report.dueBefore) {
    // Of the reports accepted: a unit whose receipt date is not known is said apart, never late.
    const due = [`${c.onTime} đơn vị nộp đúng hạn`, `${c.late} đơn vị nộp muộn`];
    if (c.unknownDate > 0) due.push(`${c.unknownDate} đơn vị chưa rõ ngày nhận`);
    reporting += ` Về thời hạn (trước ngày ${dmy(report.dueBefore)}): ${due.join(', ')}.`;
  }
  out.push(reporting);

  const partial = c.accepted < c.expected;
  const total = report.total;
  const poor = total[roles.poor];
  const poorRate = total[roles.poorRate];
  const nearPoor = total[roles.nearPoor];
  const nearPoorRate = total[roles.nearPoorRate];
  if (c.accepted === 0) {
    out.push(
      '2. Kết quả: chưa có đơn vị nào có báo cáo được tiếp nhận, chưa có số liệu toàn tỉnh.',
    );
  } else {
    const parts: string[] = [];
    if (typeof poor === 'number')
      parts.push(
        `${count(poor)} hộ nghèo${typeof poorRate === 'number' ? `, tỷ lệ ${rate(poorRate)}%` : ''}`,
      );
    if (typeof nearPoor === 'number')
      parts.push(
        `${count(nearPoor)} hộ cận nghèo${typeof nearPoorRate === 'number' ? `, tỷ lệ ${rate(nearPoorRate)}%` : ''}`,
      );
    let figures = `2. Kết quả: đến cuối kỳ, toàn tỉnh có ${parts.length > 0 ? parts.join('; ') : 'chưa đủ số liệu hộ nghèo, hộ cận nghèo'}.`;
    if (partial)
      figures += ` Số liệu trên chỉ gồm ${c.accepted}/${c.expected} đơn vị có báo cáo được tiếp nhận, chưa gồm: ${leftOutText}.`;
    out.push(figures);
  }

  const t = report.targets.find((x) => x.unit === 'province');
  if (t && c.accepted > 0) {
    if (partial || t.partial) {
      out.push(
        `3. Thực hiện chỉ tiêu: chưa so sánh được với chỉ tiêu giảm tỷ lệ hộ nghèo của toàn tỉnh vì số liệu chưa đủ ${c.expected} đơn vị (chưa gồm ${leftOutText}).`,
      );
    } else if (t.reduction !== null && t.baselineRate !== null) {
      const change =
        t.reduction >= 0
          ? `giảm ${rate(t.reduction)} điểm phần trăm`
          : `tăng ${rate(-t.reduction)} điểm phần trăm`;
      let text = `3. Thực hiện chỉ tiêu: so với đầu kỳ (${rate(t.baselineRate)}%), tỷ lệ hộ nghèo ${change}`;
      if (t.target !== null && t.achievedShare !== null)
        text += `, đạt ${rate(t.achievedShare, 1)}% chỉ tiêu giảm ${rate(t.target)} điểm phần trăm của kế hoạch`;
      if (t.escapedPoverty !== null) text += `; ${count(t.escapedPoverty)} hộ thoát nghèo trong kỳ`;
      text += '.';
      if (!t.published) text += ' Chỉ tiêu và số đầu kỳ là số liệu minh họa, chưa phải số công bố.';
      out.push(text);
    }
  }

  if (input.annexes.length > 0)
    out.push(`Số liệu chi tiết tại các biểu kèm theo: ${input.annexes.join(', ')}.`);
  out.push(`Trên đây là báo cáo kết quả thực hiện giảm nghèo ${period} của ${department}./.`);
  return out;
}

/**
 * The texts of the report document for `report`, in Vietnamese (the department's document,
 * whatever language the operator reads).
 */
export function officialDocument(
  report: ConsolidatedReport,
  input: OfficialDocumentInput,
): OfficialDocument {
  const { issuer, province } = input.registry;
  const period = periodPhrase(report);
  const symbol = issuer.documentNumber?.symbol ?? `${REPORT_TYPE_ABBREVIATION}-${NUMBER_BLANK}`;
  const { signer } = issuer;
  return {
    parentBody: upperVi(issuer.authority),
    issuingBody: upperVi(issuer.department),
    numberLine: documentNumberLine(symbol),
    nationalName: NATIONAL_NAME,
    nationalMotto: NATIONAL_MOTTO,
    placeDate: vietnamDateline(province.place, input.now),
    type: REPORT_TYPE,
    summary: `Kết quả thực hiện giảm nghèo ${period} trên địa bàn ${lowerFirst(province.name)}`,
    body: bodyParagraphs(report, input, period),
    signature: {
      ...(signer.authority !== undefined ? { authority: signer.authority } : {}),
      title: signer.title,
      ...(signer.name !== undefined ? { name: signer.name } : {}),
    },
    recipientsHeading: RECIPIENTS_HEADING,
    recipients: recipientLines(issuer.recipients),
  };
}
