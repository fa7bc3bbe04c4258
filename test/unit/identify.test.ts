import { describe, expect, it } from 'vitest';
import type { Registry } from '../../src/core/catalogue.js';
import {
  periodsInName,
  periodsInTexts,
  type PeriodWords,
  placeInDateLine,
  reportDateInTexts,
  unitsInFooter,
  unitNamedBy,
  placesInName,
  unitsInName,
  unitsInTitle,
} from '../../src/core/identify.js';
import type { SheetGrid } from '../../src/core/grid.js';
import { matchSubunit } from '../../src/core/subunits.js';
import { validateBook } from '../../src/core/validate-book.js';
import { loadData } from '../../src/commands/load-data.js';
import { resolveUnitOption } from '../../src/commands/pipeline.js';
import { book, formGrid, lucYenRows, shippedRun } from '../helpers/build.js';

// Lines as the caller builds them: one per sheet row, the row's cell texts joined by a space.
const registry = async (): Promise<Registry> => (await shippedRun()).cat.registry;
const periodWords = async (): Promise<PeriodWords> =>
  (await shippedRun()).cat.vocabulary.periodWords;
const codes = (units: { code: string }[]): string[] => units.map((u) => u.code).sort();

describe('the sender named in the title block', () => {
  it.each<[string, string[], string[]]>([
    [
      'committee and motto in one row',
      ['UBND HUYỆN TRẠM TẤU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
      ['139'],
    ],
    [
      'the city and its labour office',
      ['UBND TP YÊN BÁI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'PHÒNG LAO ĐỘNG - TB&XH'],
      ['132'],
    ],
    ['the labour office of a district', ['PHÒNG LĐTBXH HUYỆN VĂN CHẤN'], ['140']],
    // A commune has no labour office: the bare name is the district's, not its commune's.
    [
      'a labour office by the bare name, the motto in its row',
      ['PHÒNG LĐTBXH TRẠM TẤU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['139'],
    ],
    ['a labour office of a town by the bare name', ['Phòng Lao động - TB&XH Nghĩa Lộ'], ['133']],
    ['a bare name with no office before it', ['TRẠM TẤU'], []],
    [
      'a committee named over two rows, the motto beside each',
      [
        'ỦY BAN NHÂN DÂN HUYỆN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TRẠM TẤU Độc lập - Tự do - Hạnh phúc',
      ],
      ['139'],
    ],
    ['a committee with its name on no row', ['UBND HUYỆN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], []],
    ['the name split over two rows', ['ỦY BAN NHÂN DÂN', 'HUYỆN LỤC YÊN Độc lập'], ['135']],
    ['"Đơn vị báo cáo:"', ['Đơn vị báo cáo: UBND huyện Lục Yên'], ['135']],
    [
      'the cover report a form is appended to',
      ['(Kèm theo Báo cáo số 112/BC-UBND ngày 09/6/2022 của UBND huyện Văn Yên)'],
      ['136'],
    ],
    [
      'a summary table named after its district',
      ['Biểu tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo huyện Yên Bình'],
      ['141'],
    ],
    ['"H." for huyện', ['UBND H. Văn Yên'], ['136']],
    ['"TX" for thị xã', ['UBND TX NGHĨA LỘ'], ['133']],
    ['a town, not its commune', ['UBND THỊ XÃ NGHĨA LỘ'], ['133']],
    ['a variant spelling', ['ỦY BAN NHÂN DÂN HUYỆN MÙ CĂNG CHẢI'], ['137']],
    ['without diacritics', ['ubnd huyen luc yen'], ['135']],
    ['decomposed (NFD) letters', ['UBND HUYỆN TRẠM TẤU'.normalize('NFD')], ['139']],
    [
      'two districts: both, for the caller to say so',
      ['UBND HUYỆN LỤC YÊN', 'UBND HUYỆN VĂN YÊN'],
      ['135', '136'],
    ],
    // Traps: recipients, the province, communes named like their district, other documents.
    [
      'the department under "Kính gửi"',
      ['UBND HUYỆN LỤC YÊN', 'Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái'],
      ['135'],
    ],
    [
      'a district under "Kính gửi"',
      ['Kính gửi: UBND huyện Văn Yên', 'UBND HUYỆN LỤC YÊN'],
      ['135'],
    ],
    [
      '"Kính gửi" in a cell beside the sender',
      ['UBND HUYỆN TRẠM TẤU Kính gửi: UBND huyện Văn Yên'],
      ['139'],
    ],
    [
      'the recipient on the line after a bare "Kính gửi:"',
      ['Kính gửi:', 'UBND huyện Văn Yên', 'BÁO CÁO'],
      [],
    ],
    [
      'a list of recipients, then the sender',
      ['Kính gửi:', '- Sở LĐTBXH tỉnh Yên Bái;', '- UBND huyện Văn Yên.', 'UBND HUYỆN TRẤN YÊN'],
      ['138'],
    ],
    [
      'recipients without dashes, one a line',
      ['Kính gửi: Sở LĐTBXH tỉnh Yên Bái;', 'UBND huyện Văn Yên'],
      [],
    ],
    ['a "Nơi nhận" list', ['Nơi nhận:', '- UBND huyện Văn Yên;', '- Lưu: VT.'], []],
    [
      'the province and its department',
      ['UBND TỈNH YÊN BÁI', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'],
      [],
    ],
    ['the commune named like its district', ['UBND XÃ TRẠM TẤU'], []],
    ['the town named like its district', ['Thị trấn Trạm Tấu'], []],
    ['the place of a date line', ['Trạm Tấu, ngày 10 tháng 6 năm 2022'], []],
    [
      'the ministry of the form template',
      [
        'Mẫu số 01 (Ban hành kèm theo Thông tư số 07/2021/TT-BLĐTBXH ngày 18/7/2021 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội)',
      ],
      [],
    ],
  ])('%s', async (_, lines, expected) => {
    expect(codes(unitsInTitle(lines, await registry()))).toEqual(expected);
  });

  it('reads a commune-level registry the same way', async () => {
    const kinds = (await registry()).units[0]?.kinds ?? [];
    const communes: Registry = {
      ...({} as Registry),
      units: [
        { code: 'X01', name: 'Xã Trạm Tấu', short: 'Trạm Tấu', variants: [], kinds },
        { code: 'X02', name: 'Xã Mù Cang Chải', short: 'Mù Cang Chải', variants: [], kinds },
      ],
    };
    expect(codes(unitsInTitle(['UBND XÃ TRẠM TẤU'], communes))).toEqual(['X01']);
    expect(codes(unitsInTitle(['UBND HUYỆN TRẠM TẤU'], communes))).toEqual([]);
    expect(codes(unitsInTitle(['PHÒNG LĐTBXH TRẠM TẤU'], communes))).toEqual([]);
  });
});

describe('the sender named in the signature block', () => {
  it.each<[string, string[], string[]]>([
    [
      '"TM. UBND HUYỆN …" beside the preparer',
      ['Người lập biểu TM. UBND HUYỆN TRẠM TẤU', '(Ký, ghi rõ họ tên) CHỦ TỊCH'],
      ['139'],
    ],
    [
      '"TM. ỦY BAN NHÂN DÂN HUYỆN …" / "CHỦ TỊCH"',
      ['TM. ỦY BAN NHÂN DÂN HUYỆN LỤC YÊN', 'CHỦ TỊCH'],
      ['135'],
    ],
    [
      'the unit on the line under "TM. ỦY BAN NHÂN DÂN"',
      ['TM. ỦY BAN NHÂN DÂN', 'HUYỆN LỤC YÊN', 'CHỦ TỊCH'],
      ['135'],
    ],
    ['a deputy signing', ['TM. UBND HUYỆN VĂN YÊN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], ['136']],
    ['the head of the labour office', ['TRƯỞNG PHÒNG LĐTBXH HUYỆN VĂN CHẤN'], ['140']],
    ['"T/M" and "TP."', ['T/M UBND TP. YÊN BÁI'], ['132']],
    ['"UBND HUYỆN X" alone on a line', ['Thủ trưởng đơn vị', 'UBND HUYỆN YÊN BÌNH'], ['141']],
    ['the committee over two lines', ['ỦY BAN NHÂN DÂN', 'HUYỆN TRẤN YÊN'], ['138']],
    [
      'a "Nơi nhận" list in the cells beside the signature',
      [
        'Nơi nhận: TM. ỦY BAN NHÂN DÂN',
        '- Sở LĐTBXH tỉnh; HUYỆN LỤC YÊN',
        '- UBND huyện Văn Yên; CHỦ TỊCH',
        '- Lưu: VT.',
      ],
      ['135'],
    ],
    // Traps: recipients, titles without a unit, the date line, notes, a commune.
    [
      'a "Nơi nhận" list',
      [
        'Nơi nhận:',
        '- Sở LĐTBXH tỉnh Yên Bái;',
        '- UBND huyện Văn Yên (b/c);',
        '- Lưu: VT, LĐTBXH.',
      ],
      [],
    ],
    [
      'a "Nơi nhận" list without dashes',
      ['Nơi nhận:', 'Sở LĐTBXH tỉnh;', 'UBND huyện Văn Yên;', 'Lưu VT'],
      [],
    ],
    ['titles only', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], []],
    [
      'the date line',
      ['Trạm Tấu, ngày 10 tháng 6 năm 2022', 'Người lập biểu Thủ trưởng đơn vị'],
      [],
    ],
    ['a note', ['Ghi chú: số liệu của huyện Văn Yên chưa thẩm định'], []],
    ['the commune named like its district', ['TM. UBND XÃ TRẠM TẤU'], []],
    [
      '"Kính gửi" in a cell beside the sender',
      ['UBND HUYỆN TRẠM TẤU Kính gửi: UBND huyện Văn Yên'],
      ['139'],
    ],
  ])('%s', async (_, lines, expected) => {
    expect(codes(unitsInFooter(lines, await registry()))).toEqual(expected);
  });
});

describe('the place of the date line, a weaker hint', () => {
  it.each<[string, string[], string[]]>([
    ['the district seat', ['Trạm Tấu, ngày 10 tháng 6 năm 2022'], ['139']],
    ['under the preparer', ['Người lập biểu', 'Lục Yên, ngày 13 tháng 6 năm 2022'], ['135']],
    ['with the kind word', ['Huyện Văn Chấn, ngày 12 tháng 6 năm 2022'], ['140']],
    ['a variant, in a blank template', ['Mù Căng Chải, ngày … tháng … năm 2022'], ['137']],
    ['after the document number', ['Số: 97/BC-UBND Lục Yên, ngày 13 tháng 6 năm 2022'], ['135']],
    ['a commune named like its district', ['Xã Trạm Tấu, ngày 10 tháng 6 năm 2022'], []],
    ['a town named like its district', ['Thị trấn Trạm Tấu, ngày 10 tháng 6 năm 2022'], []],
    ['a place not in the registry', ['Yên Thế, ngày 10 tháng 6 năm 2022'], []],
    ['no date line', ['UBND HUYỆN VĂN YÊN'], []],
  ])('%s', async (_, lines, expected) => {
    expect(codes(placeInDateLine(lines, await registry()))).toEqual(expected);
  });
});

describe('whose report, by file or folder name', () => {
  it('reads the unit from a file or folder name', async () => {
    const one = async (t: string) => codes(unitsInName(t, await registry()));
    expect(await one('BC 6T2022 - Luc Yen.xlsx')).toEqual(['135']);
    expect(await one('MuCangChai_2022-H1.xlsx')).toEqual(['137']);
    expect(await one('Báo cáo Trạm Tấu.xlsx')).toEqual(['139']);
    expect(await one('TranYen_Bieu01.csv')).toEqual(['138']);
    expect(await one('bao cao.xlsx')).toEqual([]);
  });

  // An independent prober's files: a commune's report saved under the province's template name
  // was taken for the ward named like the province, and accepted as its report.
  it('the province named as such is no unit: after its kind word, before "cũ", where sent', async () => {
    const words = (await shippedRun()).cat.vocabulary.fileNameWords;
    const one = async (t: string) => codes(unitsInName(t, await registry(), words));
    expect(await one('BC 6T2022 TP Yen Bai.xlsx')).toEqual(['132']);
    expect(await one('Yen Bai - BC 6T2022.xlsx')).toEqual(['132']);
    expect(await one('Mau bieu bao cao giam ngheo 6 thang 2022 tinh Yen Bai.xlsx')).toEqual([]);
    expect(await one('BC 6T2022 tỉnh Yên Bái - huyện Mù Cang Chải.xlsx')).toEqual(['137']);
    expect(await one('MuCangChai - BC 6T2022 gui So LDTBXH Yen Bai.xlsx')).toEqual(['137']);
    const { cat } = await loadData({ period: '2026' });
    const in2026 = (t: string) => codes(unitsInName(t, cat.registry, cat.vocabulary.fileNameWords));
    expect(in2026('Bieu mau bao cao giam ngheo nam 2026 tinh Lao Cai.xlsx')).toEqual([]);
    expect(in2026('BC giảm nghèo năm 2026 - Phường Lào Cai.xlsx')).toEqual(['02647']);
    expect(in2026('Nam Co - tinh Yen Bai (cu).xlsx')).toEqual(in2026('Nam Co.xlsx'));
    expect(in2026('Nam Co.xlsx')).toHaveLength(1);
    expect(in2026('Yen Bai cu - BC 2026.xlsx')).toEqual([]);
  });
});

// An outside tester's files (2026, no title block): a name giving the unit's name another kind
// ("TT Tram Tau", the town merged into Xã Hạnh Phúc) was taken for Xã Trạm Tấu and accepted.
describe('a file name giving a unit’s name another kind', () => {
  it('names another place, not the unit: said as a stranger; the unit’s own kind, or none, is the unit', async () => {
    const { cat } = await loadData({ period: '2026' });
    const words = cat.vocabulary.fileNameWords;
    const read = (t: string) => {
      const { units, strangers } = placesInName(t, cat.registry, words);
      return {
        units: codes(units),
        strangers: strangers.map((s) => [s.unit.code, s.kind, s.form]),
      };
    };
    const tramTau = '04606';
    expect(read('TT Tram Tau - BC ho ngheo nam 2026.xlsx')).toEqual({
      units: [],
      strangers: [[tramTau, 'thi tran', 'tt']],
    });
    expect(read('Huyện Trạm Tấu - BC năm 2026.xlsx').strangers).toEqual([
      [tramTau, 'huyen', 'huyen'],
    ]);
    expect(read('Thị xã Nghĩa Lộ 2026.xlsx')).toMatchObject({ units: [] });
    expect(read('Xa Tram Tau - BC 2026.xlsx')).toEqual({ units: [tramTau], strangers: [] });
    expect(read('BC 2026 - Tram Tau.xlsx')).toEqual({ units: [tramTau], strangers: [] });
    expect(read('TramTau_2026.xlsx')).toEqual({ units: [tramTau], strangers: [] });
    // The new commune named, the old town beside it: the commune's.
    expect(read('Xa Hanh Phuc (gom TT Tram Tau cu) 2026.xlsx').units).toHaveLength(1);
    // 2022: the district's own kind, abbreviated or not.
    expect(codes(unitsInName('H. Tram Tau - BC 6T2022.xlsx', await registry()))).toEqual(['139']);
    expect(codes(unitsInName('TX Nghia Lo - BC 6T2022.xlsx', await registry()))).toEqual(['133']);
  });
});

describe('which period the title names', () => {
  it.each<[string[], string[]]>([
    // Six months.
    [['BIỂU 01: KẾT QUẢ RÀ SOÁT 6 THÁNG ĐẦU NĂM 2022'], ['2022-H1']],
    [['Báo cáo sáu tháng đầu năm 2022'], ['2022-H1']],
    [['sau thang dau nam 2022'], ['2022-H1']],
    [['06 tháng đầu năm 2022'], ['2022-H1']],
    [['Kết quả 06 tháng năm 2022'], ['2022-H1']],
    [['BÁO CÁO 6T/2022'], ['2022-H1']],
    [['Biểu 01 6T 2022'], ['2022-H1']],
    [['BC 6T-2022'], ['2022-H1']],
    [['BC6T2022'], ['2022-H1']],
    [['Kỳ 2022-H1'], ['2022-H1']],
    [['06 tháng đầu năm', 'Năm 2022'], ['2022-H1']],
    [['KẾT QUẢ RÀ SOÁT 6 THÁNG ĐẦU NĂM', 'năm 2022'], ['2022-H1']],
    [['Báo cáo sơ kết 6 tháng', 'Năm 2022'], ['2022-H1']],
    [['Kỳ báo cáo: 6 tháng', 'Năm: 2022'], ['2022-H1']],
    [['BÁO CÁO 6T', 'NĂM 2022'], ['2022-H1']],
    [['6 THÁNG ĐẦU NĂM 2022', 'NĂM 2022'], ['2022-H1']],
    [['6 tháng đầu năm 2022 (so với cuối năm 2021)'], ['2022-H1']],
    // The first half named as a term, not by its months (a prober's title was read as the year's).
    [['BÁO CÁO KẾT QUẢ GIẢM NGHÈO KỲ I NĂM 2022'], ['2022-H1']],
    [['Báo cáo kỳ 1 năm 2022'], ['2022-H1']],
    [['Kỳ I', 'Năm 2022'], ['2022-H1']],
    [['Báo cáo kỳ II năm 2022'], ['2022']],
    [['Kỳ báo cáo: năm 2022'], ['2022']],
    // A year.
    [['Báo cáo năm 2022'], ['2022']],
    [['Tổng kết năm 2022'], ['2022']],
    [['Kết quả cả năm 2022'], ['2022']],
    [['Năm 2022'], ['2022']],
    [['Số liệu tính đến 30 tháng 6', 'Năm 2022'], ['2022']],
    // Two periods: both.
    [
      ['6 tháng đầu năm 2022', '6 tháng đầu năm 2021'],
      ['2021-H1', '2022-H1'],
    ],
    [
      ['6 tháng đầu năm 2022', 'Báo cáo năm 2021'],
      ['2021', '2022-H1'],
    ],
    // The next period's tasks name no period of the report, only its year when it has none (an
    // independent prober's title: the report was taken for the second half year's).
    [
      [
        'BÁO CÁO KẾT QUẢ THỰC HIỆN GIẢM NGHÈO 6 THÁNG ĐẦU NĂM, PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022',
      ],
      ['2022-H1'],
    ],
    [
      ['KẾT QUẢ GIẢM NGHÈO 6 THÁNG ĐẦU NĂM 2022 VÀ PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM 2022'],
      ['2022-H1'],
    ],
    [['BÁO CÁO KẾT QUẢ GIẢM NGHÈO NĂM 2022, PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2023'], ['2022']],
    [['KẾT QUẢ 6 THÁNG ĐẦU NĂM', 'PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022'], ['2022-H1']],
    [['PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2023'], []],
    // Dates and document numbers name no period.
    [['Trạm Tấu, ngày 10 tháng 6 năm 2022'], []],
    [['ngày ... tháng ... năm 2022'], []],
    [['Ngày 09/6/2022'], []],
    [['Số: 112/BC-UBND ngày 09/6/2022'], []],
    [['Số: 112/BC-UBND ngày 09 tháng 6 năm 2022'], []],
    [['Ban hành kèm theo Thông tư số 07/2021/TT-BLĐTBXH ngày 18/7/2021'], []],
    [['6 tháng đầu năm', 'Trạm Tấu, ngày 10 tháng 6 năm 2022'], []],
  ])('%j', async (lines, expected) => {
    expect(periodsInTexts(lines, await periodWords()).sort()).toEqual(expected);
  });
});

describe('periods the plan does not report', () => {
  it.each<[string[], string[]]>([
    [['BÁO CÁO 9 THÁNG NĂM 2022'], ['2022 (9 tháng)']],
    [['Kết quả 6 tháng cuối năm 2022'], ['2022 (6 tháng cuối năm)']],
    [['Báo cáo quý II năm 2022'], ['2022 (quý 2)']],
    [['BÁO CÁO 9 THÁNG', 'Năm 2022'], ['2022 (9 tháng)']],
    [['Báo cáo quý III', 'năm 2022'], ['2022 (quý 3)']],
    [['BC 9T/2022'], ['2022 (9 tháng)']],
    [['9 tháng năm 2022', 'năm 2022'], ['2022 (9 tháng)']],
  ])('are told apart from the annual report: %j', async (lines, expected) => {
    expect(periodsInTexts(lines, await periodWords())).toEqual(expected);
  });

  it("the words are the vocabulary's: a month count added there is read", async () => {
    const words = await periodWords();
    const lines = ['BÁO CÁO MƯỜI HAI THÁNG NĂM 2022'];
    expect(periodsInTexts(lines, words)).toEqual(['2022']);
    const more = { ...words, spelledMonths: { ...words.spelledMonths, 'mười hai': 12 } };
    expect(periodsInTexts(lines, more)).toEqual(['2022 (12 tháng)']);
  });
});

describe('which period the file name names', () => {
  it.each<[string, string[]]>([
    ['MuCangChai_2022-H1.xlsx', ['2022-H1']],
    ['BC 6T2022 - Luc Yen.xlsx', ['2022-H1']],
    ['Báo cáo 6 tháng 2022.xlsx', ['2022-H1']],
    ['BC 6 thang 2022.xlsx', ['2022-H1']],
    ['sau thang dau nam 2022.xlsx', ['2022-H1']],
    ['Luc Yen 06T-2022.xlsx', ['2022-H1']],
    ['BC6T_2022.xlsx', ['2022-H1']],
    ['Bao cao nam 2022.xlsx', ['2022']],
    ['BC 9T2022 Luc Yen.xlsx', ['2022 (9 tháng)']],
    ['bao cao.xlsx', []],
    // A count, not a period: "…tinh1000000" holds "h1" and four digits, but no year.
    ['danh-sach-ho-tinh-1000000.csv', []],
    ['H12022 Tram Tau.xlsx', ['2022-H1']],
    ['thon 6 thang 123456.xlsx', []],
    ['VanChan_Bieu02_2022-H1.csv', ['2022-H1']],
    ['BC6T2022_15062022.xlsx', ['2022-H1']],
    // A form's number run into the period: the half year, never the year (an independent
    // prober's files; "…_Bieu01_6 thang dau nam 2022" was read as the year's report).
    ['MuCangChai_Bieu01_6 thang dau nam 2022.csv', ['2022-H1']],
    ['MuCangChai_Bieu01_6 tháng đầu năm 2022.csv', ['2022-H1']],
    ['MuCangChai_Bieu01_6T2022.csv', ['2022-H1']],
    ['MuCangChai_B01_6T2022.csv', ['2022-H1']],
    ['MuCangChai_01_6T2022.csv', ['2022-H1']],
    ['MuCangChai_Bieu_01_6thang_2022.csv', ['2022-H1']],
    ['Bieu01_9 thang 2022.xlsx', ['2022 (9 tháng)']],
    ['Bieu01_6 thang cuoi nam 2022.xlsx', ['2022 (6 tháng cuối năm)']],
    ['Bieu01_nam 2022.xlsx', ['2022']],
    ['BC ky I nam 2022 - Luc Yen.xlsx', ['2022-H1']],
    // A date names no period, not even its year (prober F: "đến 30.6.2022" was the year's report).
    ['MuCangChai - so lieu den 30.6.2022.xlsx', []],
    ['MuCangChai_BC ngay 30-6-2022.xlsx', []],
    ['BC 6T2022 ngay 15.6.2022.xlsx', ['2022-H1']],
    ['Bao cao nam 2022 (gui ngay 10/12/2022).xlsx', ['2022']],
  ])('%s', async (name, expected) => {
    expect(periodsInName(name, await periodWords())).toEqual(expected);
  });
});

describe('the report date', () => {
  it.each<[string, string[], string | null]>([
    ['a date line', ['Người lập biểu', 'Trạm Tấu, ngày 10 tháng 6 năm 2022'], '2022-06-10'],
    ['with slashes', ['Ngày 12/06/2022'], '2022-06-12'],
    ['with dashes', ['Lục Yên ngày 12-6-2022'], '2022-06-12'],
    ['with dots', ['ngày 12.06.2022'], '2022-06-12'],
    ['a date cell after its label', ['Ngày báo cáo: 2022-06-12'], '2022-06-12'],
    [
      'split over the cells of one row',
      [['Văn Yên, ngày', '12', 'tháng', '06', 'năm', '2022'].join(' ')],
      '2022-06-12',
    ],
    [
      'after the document number in the same row',
      ['Số: 97/BC-UBND Lục Yên, ngày 13 tháng 6 năm 2022'],
      '2022-06-13',
    ],
    [
      'of the cover report when nothing better exists',
      ['(Kèm theo Báo cáo số 112/BC-UBND ngày 09/6/2022 của UBND thành phố Yên Bái)'],
      '2022-06-09',
    ],
    ["of the report's own number", ['Số: 112/BC-UBND ngày 09/6/2022'], '2022-06-09'],
    [
      'a date line before the cover report',
      ['(Kèm theo Báo cáo số 112/BC-UBND ngày 09/6/2022)', 'Yên Bái, ngày 10 tháng 6 năm 2022'],
      '2022-06-10',
    ],
    [
      "never another document's",
      ['Căn cứ Kế hoạch số 45/KH-UBND ngày 01/3/2022 của UBND tỉnh'],
      null,
    ],
    [
      "never the form template's",
      ['Mẫu số 01 (Ban hành kèm theo Thông tư số 07/2021/TT-BLĐTBXH ngày 18/7/2021)'],
      null,
    ],
    [
      'beside a note in the same row',
      ['Ghi chú: theo số liệu rà soát Ngày 12/06/2022'],
      '2022-06-12',
    ],
    ["never a letter's it answers", ['Thực hiện Công văn ngày 01/6/2022 của Sở LĐTBXH'], null],
    [
      "never a letter's, by its number",
      ['Công văn số 123/SLĐTBXH-BTXH ngày 01 tháng 6 năm 2022 của Sở'],
      null,
    ],
    ['not a blank date line', ['ngày ... tháng ... năm 2022'], null],
    ['not an impossible day', ['Trạm Tấu, ngày 31 tháng 6 năm 2022'], null],
    ['not an impossible day in figures', ['ngày 31/6/2022'], null],
    ['a leap day', ['ngày 29 tháng 2 năm 2024'], '2024-02-29'],
  ])('%s', (_, lines, expected) => {
    expect(reportDateInTexts(lines)).toBe(expected);
  });
});

describe('the order of the sources', () => {
  // One Biểu 01 with the given title rows and rows under the table.
  const checked = async (title: string[], footer: string[][], fileName: string) => {
    const p = await shippedRun();
    const grid: SheetGrid = formGrid(p, '01', lucYenRows(), { title });
    grid.rows.push([], ...footer.map((r) => r.map((value) => ({ value }))));
    const r = validateBook(book([grid], fileName), p, { lang: 'vi' });
    return [r.unit?.code, r.unitSource];
  };
  const signature = [
    ['Người lập biểu', 'TM. UBND HUYỆN VĂN YÊN'],
    ['', 'CHỦ TỊCH'],
  ];
  const dateLine = [['Văn Chấn, ngày 10 tháng 6 năm 2022']];

  it('title, then signature, then file name, then the place of the date line', async () => {
    expect(await checked(['UBND HUYỆN TRẠM TẤU'], signature, 'Luc Yen.xlsx')).toEqual([
      '139',
      'title',
    ]);
    expect(await checked(['BÁO CÁO'], signature, 'Luc Yen.xlsx')).toEqual(['136', 'signature']);
    expect(await checked(['BÁO CÁO'], dateLine, 'Van Chan.xlsx')).toEqual(['140', 'file-name']);
    expect(await checked(['BÁO CÁO'], dateLine, 'bao-cao.xlsx')).toEqual(['140', 'date-line']);
  });

  it('a file name and a date line naming two units are two readings: no unit', async () => {
    // "Luc Yen.xlsx" dated "Văn Chấn, ngày …": either may be the slip.
    expect(await checked(['BÁO CÁO'], dateLine, 'Luc Yen.xlsx')).toEqual([undefined, null]);
    // The province's own place dates its documents as well as its city's: no unit.
    const province = [['Yên Bái, ngày 10 tháng 6 năm 2022']];
    expect(await checked(['BÁO CÁO'], province, 'bao-cao.xlsx')).toEqual([undefined, null]);
  });
});

describe('commune names', () => {
  it('match the registry with or without kind word and diacritics, and known variants', async () => {
    const unit = (await registry()).units.find((u) => u.code === '139');
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

describe('the unit a district cell names (a province-wide list)', () => {
  it('by its name, short name or variant, or its kind word abbreviated as the vocabulary allows', async () => {
    const r = await registry();
    const code = (q: string): string | null => {
      const u = unitNamedBy(q, r);
      return u === 'ambiguous' ? u : (u?.code ?? null);
    };
    expect(
      ['Huyện Lục Yên', 'Lục Yên', 'H. Lục Yên', 'H.Lục Yên', 'h lục yên', '135'].map(code),
    ).toEqual(['135', '135', '135', '135', '135', '135']);
    expect(['TP. Yên Bái', 'TP Yên Bái', 'TX. Nghĩa Lộ', 'Thị xã Nghĩa Lộ'].map(code)).toEqual([
      '132',
      '132',
      '133',
      '133',
    ]);
    // A kind word the unit is not ("Q." for quận), or no unit: none.
    expect(['Q. Lục Yên', 'H. Không Có', 'Xã Túc Đán', ''].map(code)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('a text two units answer to is ambiguous, not the first of them', async () => {
    const r = await registry();
    const twice: Registry = {
      ...r,
      units: r.units.map((u) =>
        u.code === '136' ? { ...u, variants: [...u.variants, 'H. Lục Yên'] } : u,
      ),
    };
    expect(unitNamedBy('H. Lục Yên', twice)).toBe('ambiguous');
    expect(unitNamedBy('Văn Yên', twice)).toMatchObject({ code: '136' });
    // `--unit` reads a name the same way: two units are a usage error naming the way out.
    expect(() => resolveUnitOption('H. Lục Yên', twice)).toThrow(/mã đơn vị/);
    expect(resolveUnitOption('H. Lục Yên', r)).toMatchObject({ code: '135' });
    expect(resolveUnitOption('135', twice)).toMatchObject({ code: '135' });
  });
});
