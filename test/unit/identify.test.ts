import { describe, expect, it } from 'vitest';
import {
  periodsInName,
  periodsInTexts,
  reportDateInTexts,
  unitsInName,
  unitsInTexts,
} from '../../src/core/identify.js';
import { matchSubunit } from '../../src/core/subunits.js';
import { shippedRun } from '../helpers/build.js';

describe('whose report', () => {
  it('reads the unit from the title block, in its usual spellings', async () => {
    const { registry } = (await shippedRun()).cat;
    const one = (t: string) => unitsInTexts([t], registry).map((u) => u.code);
    expect(one('UBND HUYỆN TRẠM TẤU')).toEqual(['139']);
    expect(one('ỦY BAN NHÂN DÂN HUYỆN MÙ CĂNG CHẢI')).toEqual(['137']);
    expect(one('UBND TP YÊN BÁI')).toEqual(['132']);
    expect(one('UBND THỊ XÃ NGHĨA LỘ')).toEqual(['133']);
    expect(one('ubnd huyen luc yen')).toEqual(['135']);
    // The province is not a unit; a commune named like its district is not the district.
    expect(one('UBND TỈNH YÊN BÁI')).toEqual([]);
    expect(one('Xã Trạm Tấu')).toEqual([]);
  });
  it('reads the unit from a file or folder name', async () => {
    const { registry } = (await shippedRun()).cat;
    const one = (t: string) => unitsInName(t, registry).map((u) => u.code);
    expect(one('BC 6T2022 - Luc Yen.xlsx')).toEqual(['135']);
    expect(one('MuCangChai_2022-H1.xlsx')).toEqual(['137']);
    expect(one('Báo cáo Trạm Tấu.xlsx')).toEqual(['139']);
    expect(one('TranYen_Bieu01.csv')).toEqual(['138']);
    expect(one('bao cao.xlsx')).toEqual([]);
  });
});

describe('which period', () => {
  it('reads the title', () => {
    expect(periodsInTexts(['BIỂU 01: KẾT QUẢ RÀ SOÁT 6 THÁNG ĐẦU NĂM 2022'])).toEqual(['2022-H1']);
    expect(periodsInTexts(['Kết quả năm 2022'])).toEqual(['2022']);
    expect(periodsInTexts(['sau thang dau nam 2022'])).toEqual(['2022-H1']);
    // A date line names no period.
    expect(periodsInTexts(['Trạm Tấu, ngày 10 tháng 6 năm 2022'])).toEqual([]);
    expect(periodsInTexts(['6 tháng đầu năm 2022', '6 tháng đầu năm 2021']).sort()).toEqual([
      '2021-H1',
      '2022-H1',
    ]);
  });
  it('reads the file name', () => {
    expect(periodsInName('MuCangChai_2022-H1.xlsx')).toEqual(['2022-H1']);
    expect(periodsInName('BC 6T2022 - Luc Yen.xlsx')).toEqual(['2022-H1']);
    expect(periodsInName('Báo cáo 6 tháng 2022.xlsx')).toEqual(['2022-H1']);
    expect(periodsInName('Bao cao nam 2022.xlsx')).toEqual(['2022']);
    expect(periodsInName('bao cao.xlsx')).toEqual([]);
  });
  it('reads the report date of the date line', () => {
    expect(reportDateInTexts(['Người lập biểu', 'Trạm Tấu, ngày 10 tháng 6 năm 2022'])).toBe(
      '2022-06-10',
    );
    expect(reportDateInTexts(['ngày ... tháng ... năm 2022'])).toBeNull();
  });
});

describe('commune names', () => {
  it('match the registry with or without kind word and diacritics, and known variants', async () => {
    const unit = (await shippedRun()).cat.registry.units.find((u) => u.code === '139');
    if (!unit) throw new Error('registry');
    const m = (n: string) => {
      const r = matchSubunit(n, unit);
      return r.status === 'match' ? r.subunit.name : r.status;
    };
    expect(m('Xã Pá Hu')).toBe('Xã Pá Hu');
    expect(m('Pá Hu')).toBe('Xã Pá Hu');
    expect(m('XA PA HU')).toBe('Xã Pá Hu');
    expect(m('Xã Tà Xi Láng')).toBe('Xã Tà Si Láng');
    expect(m('Bản Mù')).toBe('Xã Bản Mù');
    expect(m('TT Trạm Tấu')).toBe('Thị trấn Trạm Tấu');
    expect(m('Xã Trạm Tấu')).toBe('Xã Trạm Tấu');
    expect(m('Trạm Tấu')).toBe('ambiguous');
    expect(m('Xã Không Có')).toBe('unknown');
  });
});

describe('report date in numeric form', () => {
  it('reads "ngày 09/6/2022" in a cover-report line', () => {
    expect(
      reportDateInTexts([
        '(Kèm theo Báo cáo số 112/BC-UBND ngày 09/6/2022 của UBND thành phố Yên Bái)',
      ]),
    ).toBe('2022-06-09');
  });
});

describe('periods the plan does not report', () => {
  it('are told apart from the annual report', () => {
    expect(periodsInTexts(['BÁO CÁO 9 THÁNG NĂM 2022'])).toEqual(['2022 (9 tháng)']);
    expect(periodsInTexts(['Kết quả 6 tháng cuối năm 2022'])).toEqual(['2022 (6 tháng cuối năm)']);
    expect(periodsInTexts(['Báo cáo quý II năm 2022'])).toEqual(['2022 (quý 2)']);
    expect(periodsInName('BC 9T2022 Luc Yen.xlsx')).toEqual(['2022 (9 tháng)']);
    expect(periodsInTexts(['6 tháng đầu năm 2022'])).toEqual(['2022-H1']);
  });
});

describe('impossible report dates', () => {
  it('are not taken for dates', () => {
    expect(reportDateInTexts(['Trạm Tấu, ngày 31 tháng 6 năm 2022'])).toBeNull();
    expect(reportDateInTexts(['ngày 29 tháng 2 năm 2024'])).toBe('2024-02-29');
  });
});
