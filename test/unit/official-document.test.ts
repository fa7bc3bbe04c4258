/**
 * The texts of the report document (render/official-document.ts), pure: the number line with and
 * without the registry's symbol, the date with its leading zeros in Vietnam's time, the recipients'
 * punctuation, and a long list of units left out cut to ten names. Model: the synthetic sample of
 * test/helpers/report-model.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/core/catalogue.js';
import type { ConsolidatedReport, UnitResult } from '../../src/core/consolidate.js';
import {
  officialDocument,
  type OfficialDocumentInput,
} from '../../src/render/official-document.js';
import { sampleReport } from '../helpers/report-model.js';

let report: ConsolidatedReport;
let cat: Catalogue;
beforeAll(async () => {
  ({ report, cat } = await sampleReport());
});

const input = (over: Partial<OfficialDocumentInput> = {}): OfficialDocumentInput => ({
  registry: cat.registry,
  roles: cat.forms.roles,
  now: new Date('2026-01-08T18:00:00Z'), // 01:00 on 9 January in Vietnam
  annexes: ['Biểu 01', 'Chỉ tiêu'],
  ...over,
});

describe('officialDocument', () => {
  it('heads the document with the registry’s issuer and the place and date in Vietnam', () => {
    const doc = officialDocument(report, input());
    expect(doc.parentBody).toBe('UBND TỈNH YÊN BÁI');
    expect(doc.issuingBody).toBe('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI');
    expect(doc.placeDate).toBe('Yên Bái, ngày 09 tháng 01 năm 2026');
    expect(doc.type).toBe('BÁO CÁO');
    expect(doc.summary).toBe(
      'Kết quả thực hiện giảm nghèo 6 tháng đầu năm 2022 trên địa bàn tỉnh Yên Bái',
    );
    // No symbol in the Yên Bái registry: the number and the body's abbreviation are left blank.
    expect(doc.numberLine).toBe('Số:        /BC-        ');
    expect(doc.signature).toEqual({ title: 'GIÁM ĐỐC' });
    expect(doc.recipients).toEqual([]);
    expect(doc.body.at(-1)).toMatch(/\.\/\.$/);
    expect(doc.body).toContain('Số liệu chi tiết tại các biểu kèm theo: Biểu 01, Chỉ tiêu.');
  });

  it('says how many reports came on time, late, and on a day not known, never counting the last as late', () => {
    const c = { ...report.completeness, onTime: 5, late: 1, unknownDate: 2 };
    const reporting = officialDocument({ ...report, completeness: c }, input()).body.find((p) =>
      p.startsWith('1. Tình hình báo cáo'),
    );
    expect(reporting).toContain(
      'Về thời hạn (trước ngày 15/06/2022): 5 đơn vị nộp đúng hạn, 1 đơn vị nộp muộn, 2 đơn vị chưa rõ ngày nhận.',
    );
    const none = officialDocument(
      { ...report, completeness: { ...c, unknownDate: 0 } },
      input(),
    ).body.find((p) => p.startsWith('1. Tình hình báo cáo'));
    expect(none).not.toContain('chưa rõ ngày nhận');
  });

  it('takes the symbol, the signer and the recipients from the registry', () => {
    const issuer = {
      ...cat.registry.issuer,
      authority: 'UBND TỈNH LÀO CAI',
      department: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      departmentName: 'Sở Nông nghiệp và Môi trường tỉnh Lào Cai',
      documentNumber: { symbol: 'BC-SNNMT' },
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn A' },
      recipients: ['Bộ Nông nghiệp và Môi trường', 'Lưu: VT'],
    };
    const registry = {
      ...cat.registry,
      issuer,
      province: { ...cat.registry.province, name: 'Tỉnh Lào Cai', place: 'Lào Cai' },
    };
    const doc = officialDocument(report, input({ registry }));
    expect(doc.numberLine).toBe('Số:        /BC-SNNMT');
    expect(doc.placeDate).toBe('Lào Cai, ngày 09 tháng 01 năm 2026');
    expect(doc.summary).toMatch(/trên địa bàn tỉnh Lào Cai$/);
    expect(doc.signature).toEqual({
      authority: 'KT. GIÁM ĐỐC',
      title: 'PHÓ GIÁM ĐỐC',
      name: 'Nguyễn Văn A',
    });
    expect(doc.recipients).toEqual(['- Bộ Nông nghiệp và Môi trường;', '- Lưu: VT.']);
    expect(doc.body[0]).toMatch(/^Sở Nông nghiệp và Môi trường tỉnh Lào Cai báo cáo/);
  });

  it('names at most ten units left out, then says how many more', () => {
    const missing = (i: number): UnitResult => ({
      code: `m${i}`,
      name: `Xã Thử ${i}`,
      status: 'missing',
      files: [],
      values: {},
      subunits: [],
      findings: [],
      errors: 0,
    });
    const units = [...report.units, ...Array.from({ length: 12 }, (_, i) => missing(i + 1))];
    const big = {
      ...report,
      units,
      completeness: { ...report.completeness, expected: 15, missing: 13 },
    };
    const doc = officialDocument(big, input());
    const reporting = doc.body.find((p) => p.startsWith('1.')) ?? '';
    expect(reporting).toContain('Chưa nộp: Huyện Yên Bình, Xã Thử 1, Xã Thử 2');
    expect(reporting).toContain('Xã Thử 9 và 3 đơn vị khác.');
    expect(reporting).not.toContain('Xã Thử 10');
  });
});
