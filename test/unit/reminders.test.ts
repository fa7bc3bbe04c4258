import { describe, expect, it } from 'vitest';
import type { Completeness } from '../../src/core/consolidate.js';
import { makeFinding } from '../../src/core/finding.js';
import type { SummaryReminder, UnitReminder } from '../../src/core/schedule.js';
import {
  completenessLine,
  composeReminder,
  reminderBody,
  reminderFileName,
  reminderSubject,
  renderRemindersText,
} from '../../src/render/reminders.js';

const SENDER = 'Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái';
const title = { vi: '6 tháng đầu năm 2022', en: 'first half of 2022' };

function unitReminder(o: Partial<UnitReminder> = {}): UnitReminder {
  return {
    kind: 'unit',
    key: '2022-H1|139|2022-06-08',
    period: '2022-H1',
    periodTitle: title,
    dueBefore: '2022-06-15',
    asOf: '2022-06-08',
    daysLeft: 7,
    overdue: false,
    forms: ['01', '02', '03', '04', '05'],
    unit: {
      code: '139',
      name: 'Huyện Trạm Tấu',
      short: 'Trạm Tấu',
      email: 'ldtbxh.tramtau@example.vn',
    },
    status: 'missing',
    errors: 0,
    findings: [],
    files: [],
    lists: 0,
    ...o,
  };
}

const rateError = makeFinding('rate-mismatch', {
  file: 'hop-thu/2022-H1/Văn Yên.xlsx',
  sheet: 'Biểu 01',
  cell: 'E5',
  row: 5,
  unit: '136',
  form: '01',
  indicator: 'poor_rate',
  params: { heading: 'Tỷ lệ hộ nghèo', left: 25, right: 20, rule: 'tỷ lệ = số hộ / tổng × 100' },
});

const completeness: Completeness = {
  expected: 9,
  accepted: 2,
  rejected: 1,
  missing: 6,
  onTime: 1,
  late: 1,
  unknownDate: 0,
  reportingRate: 22.2,
  onTimeRate: 11.1,
};

function summary(o: Partial<SummaryReminder> = {}): SummaryReminder {
  return {
    kind: 'summary',
    key: '2022-H1|summary|2022-06-08',
    period: '2022-H1',
    periodTitle: title,
    dueBefore: '2022-06-15',
    asOf: '2022-06-08',
    daysLeft: 7,
    overdue: false,
    forms: ['01', '02', '03', '04', '05'],
    to: 'giamngheo.soldtbxh@example.vn',
    department: SENDER,
    missing: [{ code: '139', name: 'Huyện Trạm Tấu' }],
    rejected: [{ code: '136', name: 'Huyện Văn Yên', errors: 3 }],
    late: [{ code: '138', name: 'Huyện Trấn Yên', reportDate: '2022-06-16' }],
    completeness,
    ...o,
  };
}

describe('reminder subjects', () => {
  it('before the deadline: days left and the due-before date in dd/mm/yyyy', () => {
    expect(reminderSubject(unitReminder())).toBe(
      '[Nhắc hạn] Báo cáo giảm nghèo 6 tháng đầu năm 2022 — còn 7 ngày (hạn trước 15/06/2022)',
    );
  });

  it('overdue: how late, counted from the due-before date', () => {
    expect(reminderSubject(unitReminder({ asOf: '2022-06-20', daysLeft: -5, overdue: true }))).toBe(
      '[Quá hạn] Báo cáo giảm nghèo 6 tháng đầu năm 2022 — đã quá hạn 5 ngày (hạn trước 15/06/2022)',
    );
  });

  it('on the due-before date itself the report is already late, without "0 days"', () => {
    const s = reminderSubject(unitReminder({ asOf: '2022-06-15', daysLeft: 0, overdue: true }));
    expect(s).toMatch(/^\[Quá hạn\] .* — đã hết hạn \(hạn trước 15\/06\/2022\)$/);
    expect(s).not.toMatch(/0 ngày/);
  });

  it('the summary says how many reports are in', () => {
    expect(reminderSubject(summary())).toBe(
      '[Tổng hợp] Báo cáo giảm nghèo 6 tháng đầu năm 2022 — đã nhận 2/9 — còn 7 ngày (hạn trước 15/06/2022)',
    );
  });
});

describe('reminder bodies (Vietnamese)', () => {
  it('a missing unit: addressed to its People’s Committee, what is due, by when, days left', () => {
    const b = reminderBody(unitReminder(), SENDER);
    expect(b).toContain('Kính gửi: UBND huyện Trạm Tấu');
    expect(b).toContain('6 tháng đầu năm 2022 (kỳ 2022-H1), gồm Biểu 01, 02, 03, 04, 05');
    expect(b).toContain('trước ngày 15/06/2022');
    expect(b).toContain('còn 7 ngày');
    expect(b).toContain('Sở chưa nhận được báo cáo của đơn vị');
    expect(b.trimEnd().endsWith(SENDER)).toBe(true);
  });

  it('a rejected unit: its file, error count, first finding with location, message and fix', () => {
    const b = reminderBody(
      unitReminder({
        unit: { code: '136', name: 'Huyện Văn Yên', short: 'Văn Yên', email: null },
        status: 'rejected',
        errors: 3,
        findings: [rateError],
        files: ['hop-thu/2022-H1/Văn Yên.xlsx'],
        asOf: '2022-06-20',
        daysLeft: -5,
        overdue: true,
      }),
      SENDER,
    );
    expect(b).toContain('Kính gửi: UBND huyện Văn Yên');
    expect(b).toContain('(Văn Yên.xlsx) nhưng chưa thể tiếp nhận vì báo cáo còn 3 lỗi');
    expect(b).toContain(
      '1. Văn Yên.xlsx, Biểu 01!E5: Tỷ lệ hộ nghèo ghi 25%, nhưng tính từ số hộ được 20%',
    );
    expect(b).toContain('   Cách sửa: Tính lại tỷ lệ = số hộ / tổng số hộ × 100');
    expect(b).toContain('… và 2 lỗi khác');
    expect(b).toContain('báo cáo đã quá hạn 5 ngày');
    expect(b).toContain('gửi lại báo cáo ngay');
    // The district never sees the Department's inbox folders.
    expect(b).not.toContain('hop-thu/');
  });

  it('the summary: completeness line and who is missing, rejected or late', () => {
    const b = reminderBody(summary(), SENDER);
    expect(b).toContain('Đã nhận 2/9 báo cáo (22,2%), đúng hạn 1/9 (11,1%), muộn 1.');
    expect(b).toContain('Chưa nộp (1):\n  - Huyện Trạm Tấu (139)');
    expect(b).toContain('Bị loại, chờ nộp lại (1):\n  - Huyện Văn Yên (136): 3 lỗi');
    expect(b).toContain('Nộp muộn (1):\n  - Huyện Trấn Yên (138): ngày nhận 16/06/2022');
  });
});

describe('messages and terminal text', () => {
  it('file names are ASCII slugs: period, code, short name', () => {
    expect(reminderFileName(unitReminder())).toBe('2022-H1-139-tram-tau.eml');
    expect(
      reminderFileName(
        unitReminder({
          unit: { code: '137', name: 'Huyện Mù Cang Chải', short: 'Mù Cang Chải', email: null },
        }),
      ),
    ).toBe('2022-H1-137-mu-cang-chai.eml');
    expect(reminderFileName(summary())).toBe('2022-H1-tong-hop.eml');
  });

  it('composes the message with the recipient from the reminder', () => {
    const m = composeReminder(unitReminder(), SENDER);
    expect(m).toMatchObject({
      key: '2022-H1|139|2022-06-08',
      unit: '139',
      to: 'ldtbxh.tramtau@example.vn',
      label: 'Huyện Trạm Tấu (139)',
    });
    expect(composeReminder(summary(), SENDER).to).toBe('giamngheo.soldtbxh@example.vn');
  });

  it('the completeness line in both languages', () => {
    expect(completenessLine(completeness, 'vi')).toBe(
      'Đã nhận 2/9 báo cáo (22,2%), đúng hạn 1/9 (11,1%), muộn 1',
    );
    expect(completenessLine(completeness, 'en')).toBe(
      'Received 2/9 reports (22.2%), on time 1/9 (11.1%), late 1',
    );
    expect(completenessLine({ ...completeness, late: 0, unknownDate: 1 }, 'vi')).toBe(
      'Đã nhận 2/9 báo cáo (22,2%), đúng hạn 1/9 (11,1%), chưa rõ ngày nhận 1',
    );
    expect(completenessLine({ ...completeness, late: 0, unknownDate: 1 }, 'en')).toBe(
      'Received 2/9 reports (22.2%), on time 1/9 (11.1%), receipt date unknown 1',
    );
  });

  it('terminal text: heading in the chosen language, the e-mails in Vietnamese; empty when nothing is due', () => {
    const rs = [unitReminder(), summary()];
    const ms = rs.map((r) => composeReminder(r, SENDER));
    const en = renderRemindersText(rs, ms, 'en');
    expect(en).toContain('period 2022-H1 (first half of 2022), due before 2022-06-15: 7 days left');
    expect(en).toContain('1 unit reminder, 1 summary');
    expect(en).toContain('To: ldtbxh.tramtau@example.vn');
    expect(en).toContain('Subject: [Nhắc hạn] Báo cáo giảm nghèo');
    expect(renderRemindersText(rs, [], 'vi')).toBe('');
  });
});
