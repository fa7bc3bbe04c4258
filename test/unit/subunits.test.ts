/**
 * Communes against the registry: the shipped Yên Bái commune list (every commune of mid-2025 with
 * its GSO code, and the 2022 communes merged since), which of them a period should list, and how
 * tolerant the matching of written names is — and where it refuses to guess.
 *
 * test/data/yen-bai-communes-mid-2025.csv holds the Yên Bái rows of the project's reference table
 * (lao-cai-2025-old-to-new.csv: district code, GSO code, name of the 168 communes of mid-2025).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitSpec } from '../../src/core/catalogue.js';
import { findingMessage, findingSuggestion } from '../../src/core/finding.js';
import {
  matchSubunit,
  matchSubunitExhaustive,
  periodDate,
  subunitsInForce,
  type SubunitMatch,
} from '../../src/core/subunits.js';
import { validateBook } from '../../src/core/validate-book.js';
import { findingLocation } from '../../src/render/findings.js';
import { book, formGrid, shippedRun, subunitValues } from '../helpers/build.js';
import { loadCatalogue } from '../../src/commands/load-data.js';

const csv = readFileSync(
  path.resolve(import.meta.dirname, '../data/yen-bai-communes-mid-2025.csv'),
  'utf8',
)
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [district = '', code = '', name = ''] = line.split(',');
    return { district, code, name };
  });

async function unitOf(code: string): Promise<UnitSpec> {
  const u = (await shippedRun()).cat.registry.units.find((x) => x.code === code);
  if (!u) throw new Error(code);
  return u;
}

/** The registry name a written name is read as, and how; or the refusal. */
function read(m: SubunitMatch): string {
  if (m.status === 'match') return `${m.subunit.name} (${m.how})`;
  if (m.status === 'ambiguous') return `ambiguous: ${m.candidates.map((s) => s.name).join(' | ')}`;
  return 'unknown';
}

describe('the shipped commune list of Yên Bái', () => {
  it('has every commune of mid-2025 under its district, with its GSO code', async () => {
    expect(csv).toHaveLength(168);
    for (const c of csv) {
      const unit = await unitOf(c.district);
      const listed = subunitsInForce(unit, '2025-H1').find((s) => s.code === c.code);
      expect(listed?.name, `${c.district} ${c.code} ${c.name}`).toBe(c.name);
    }
  });

  it('lists for mid-2025 exactly those communes, and for 2022 the communes merged since as well', async () => {
    const { units } = (await shippedRun()).cat.registry;
    const names = (u: UnitSpec, period: string) => subunitsInForce(u, period).map((s) => s.name);
    for (const u of units)
      expect(names(u, '2025-H1').sort(), u.name).toEqual(
        csv
          .filter((c) => c.district === u.code)
          .map((c) => c.name)
          .sort(),
      );
    const count = (period: string) => units.map((u) => subunitsInForce(u, period).length);
    expect(count('2022-H1')).toEqual([15, 14, 24, 25, 14, 21, 12, 24, 24]);
    expect(count('2022')).toEqual(count('2022-H1'));
    expect(count('2025-H1')).toEqual([14, 14, 24, 25, 14, 18, 12, 24, 23]);

    const tp = await unitOf('132');
    expect(names(tp, '2022')).toContain('Phường Nguyễn Phúc');
    expect(names(tp, '2025-H1')).not.toContain('Phường Nguyễn Phúc');
    // Merged in the 2019–2020 arrangement: a 2022 report does not list them.
    expect(names(tp, '2022')).not.toContain('Xã Văn Tiến');
    expect(names(tp, '2022')).not.toContain('Xã Phúc Lộc');
    const tranYen = await unitOf('138');
    expect(names(tranYen, '2022')).toEqual(
      expect.arrayContaining(['Xã Đào Thịnh', 'Xã Việt Thành', 'Xã Nga Quán', 'Xã Bảo Hưng']),
    );
    expect(names(tranYen, '2022')).not.toContain('Xã Thành Thịnh');
    expect(names(tranYen, '2025-H1')).toContain('Xã Thành Thịnh');
  });

  it('reads a period at its last day; with no period, only the communes that never changed count', async () => {
    expect([periodDate('2022-H1'), periodDate('2022'), periodDate('Q3')]).toEqual([
      '2022-06-30',
      '2022-12-31',
      null,
    ]);
    const tranYen = await unitOf('138');
    const always = subunitsInForce(tranYen, null).map((s) => s.name);
    expect(always).toHaveLength(17);
    expect(always).not.toContain('Xã Thành Thịnh');
    expect(always).not.toContain('Xã Đào Thịnh');
  });
});

describe('reading a written commune name', () => {
  it('takes the kind word in full, abbreviated or left out, and "Thị trấn" as "TT"', async () => {
    const tt = await unitOf('139');
    for (const n of ['Xã Pá Hu', 'Pá Hu', 'X.Pá Hu', 'X. Pá Hu', 'X Pá Hu', 'XÃ PÁ HU', 'Pa Hu'])
      expect(read(matchSubunit(n, tt)), n).toBe('Xã Pá Hu (exact)');
    for (const n of ['TT Trạm Tấu', 'TT.Trạm Tấu', 'Thị trấn Trạm Tấu', 'thị trấn trạm tấu'])
      expect(read(matchSubunit(n, tt)), n).toBe('Thị trấn Trạm Tấu (exact)');
    expect(read(matchSubunit('P. Hồng Hà', await unitOf('132')))).toBe('Phường Hồng Hà (exact)');
    expect(read(matchSubunit('P Hồng Hà', await unitOf('132')))).toBe('Phường Hồng Hà (exact)');
    // A name that starts like a kind word is still a name ("Xà Hồ" is not "Xã Hồ").
    expect(read(matchSubunit('Xà Hồ', tt))).toBe('Xã Xà Hồ (exact)');
  });

  it('takes registered variants and former names, and either tone placement', async () => {
    expect(read(matchSubunit('Xã Tà Xi Láng', await unitOf('139')))).toBe(
      'Xã Tà Si Láng (variant)',
    );
    expect(read(matchSubunit('Xã Dế Xu Phình', await unitOf('137')))).toBe(
      'Xã Dế Su Phình (variant)',
    );
    expect(read(matchSubunit('Xã Sơn Thịnh', await unitOf('140')))).toBe(
      'Thị trấn Sơn Thịnh (former)',
    );
    expect(read(matchSubunit('Xã Nam Cường', await unitOf('132')))).toBe(
      'Phường Nam Cường (former)',
    );
    expect(read(matchSubunit('Xã Khánh Hòa', await unitOf('135')))).toBe('Xã Khánh Hoà (exact)');
  });

  it('tolerates spacing, other diacritics, another kind word and one typo, and says so', async () => {
    const vanYen = await unitOf('136');
    for (const n of ['Nàhẩu', 'Xã Nàhẩu', 'XãNà Hẩu', 'Nahau'])
      expect(read(matchSubunit(n, vanYen)), n).toBe('Xã Nà Hẩu (spacing)');
    expect(read(matchSubunit('Nà-Hẩu', vanYen))).toBe('Xã Nà Hẩu (exact)');
    expect(read(matchSubunit('Xã Pà Hu', await unitOf('139')))).toBe('Xã Pá Hu (diacritics)');
    const tp = await unitOf('132');
    expect(read(matchSubunit('Phường Tân Thịnh', tp))).toBe('Xã Tân Thịnh (kind)');
    expect(read(matchSubunit('Thị trấn Tuy Lộc', tp))).toBe('Xã Tuy Lộc (kind)');
    const tt = await unitOf('139');
    expect(read(matchSubunit('Xã Tà Si Lánh', tt))).toBe('Xã Tà Si Láng (typo)'); // changed
    expect(read(matchSubunit('Xã Túc Đná', tt))).toBe('Xã Túc Đán (typo)'); // swapped
    expect(read(matchSubunit('Xã Phìh Hồ', tt))).toBe('Xã Phình Hồ (typo)'); // missing
    expect(read(matchSubunit('Xã Làng Nhìi', tt))).toBe('Xã Làng Nhì (typo)'); // added
  });

  it('refuses to guess between two communes', async () => {
    const tt = await unitOf('139');
    // The town and the commune share the name.
    expect(read(matchSubunit('Trạm Tấu', tt))).toBe('ambiguous: Thị trấn Trạm Tấu | Xã Trạm Tấu');
    expect(read(matchSubunit('Phường Trạm Tấu', tt))).toBe(
      'ambiguous: Thị trấn Trạm Tấu | Xã Trạm Tấu',
    );
    // Minh Quán and Minh Quân differ only by a tone mark: without marks either could be meant,
    // and a typo close to both picks neither.
    const tranYen = await unitOf('138');
    expect(read(matchSubunit('Xã Minh Quân', tranYen))).toBe('Xã Minh Quân (exact)');
    expect(read(matchSubunit('Xã Minh Quán', tranYen))).toBe('Xã Minh Quán (exact)');
    expect(read(matchSubunit('Minh Quan', tranYen))).toBe('ambiguous: Xã Minh Quán | Xã Minh Quân');
    expect(read(matchSubunit('Xã Minh Qaun', tranYen))).toBe(
      'ambiguous: Xã Minh Quán | Xã Minh Quân',
    );
    // Nor does one close to a long name and to a short one (found by an independent prober:
    // "Pá Hau" was read as Pá Lau, changed, though it is Pá Hu with a letter added).
    expect(read(matchSubunit('Xã Pá Hau', tt))).toBe('ambiguous: Xã Pá Lau | Xã Pá Hu');
    expect(read(matchSubunit('Xã Pá Lau', tt))).toBe('Xã Pá Lau (exact)');
    // A note in brackets after the name is left out, and said (found by an independent prober:
    // "Xã Túc Đán (ĐBKK)" was no commune, its row left out of the commune checks).
    expect(read(matchSubunit('Xã Túc Đán (ĐBKK)', tt))).toBe('Xã Túc Đán (note)');
    expect(read(matchSubunit('Pá Lau [xã khu vực III]', tt))).toBe('Xã Pá Lau (note)');
    expect(read(matchSubunitExhaustive('Xã Túc Đán (mới sáp nhập)', tt))).toBe('Xã Túc Đán (note)');
    // Not a name the brackets leave two of, nor words outside them.
    expect(read(matchSubunit('Trạm Tấu (ĐBKK)', tt))).toBe(
      'ambiguous: Thị trấn Trạm Tấu | Xã Trạm Tấu',
    );
    expect(read(matchSubunit('Xã Túc Đán - ĐBKK', tt))).toBe('unknown');
    // No typo is forgiven in a name of fewer than five letters, nor a second one.
    expect(read(matchSubunit('Xã Pá Hy', tt))).toBe('unknown');
    expect(read(matchSubunit('Xã Tá Sy Lánh', tt))).toBe('unknown');
    expect(read(matchSubunit('Xã Không Có', tt))).toBe('unknown');
  });

  it('a note or a closing "cũ" left out wins over a typo of another name (outside tester AC)', async () => {
    // Old communes heading their villages in a 2026 commune's report: "Xã Nấm Lư cũ" was read as
    // a typo of Xã Nậm Lúc ("namlucu" is one letter from "namluc"), another unit's, and a clean
    // report refused; "Xã Tả Van (cũ)" as Xã Tả Van Chư.
    const unit: UnitSpec = {
      code: '',
      name: '',
      short: '',
      variants: [],
      kinds: (await unitOf('139')).kinds,
      subunits: [
        { name: 'Xã Nấm Lư', code: '02773' },
        { name: 'Xã Nậm Lúc', code: '02893' },
        { name: 'Xã Tả Van', code: '03040' },
        { name: 'Xã Tả Van Chư', code: '02851' },
      ],
    };
    for (const n of ['Xã Nấm Lư cũ', 'Xã Nấm Lư (cũ)', 'Xa Nam Lu cu', 'Xã Nấm Lư  cũ '])
      expect(read(matchSubunit(n, unit)), n).toBe('Xã Nấm Lư (note)');
    for (const n of ['Xã Tả Van cũ', 'Xã Tả Van (cũ)'])
      expect(read(matchSubunit(n, unit)), n).toBe('Xã Tả Van (note)');
    // A typo with no note to leave out is still read as one, and a name that is registered
    // with "cũ" in it stays itself.
    expect(read(matchSubunit('Xã Nậm Lúcc', unit))).toBe('Xã Nậm Lúc (typo)');
    expect(read(matchSubunit('Xã Tả Van Chư', unit))).toBe('Xã Tả Van Chư (exact)');
    const withCu: UnitSpec = {
      ...unit,
      subunits: [...(unit.subunits ?? []), { name: 'Thôn Làng Cũ' }],
    };
    expect(read(matchSubunit('Thôn Làng Cũ', withCu))).toBe('Thôn Làng Cũ (exact)');
  });

  it('settles a name two communes had in different years by the period', async () => {
    const yenBinh = await unitOf('141');
    // Xã Yên Bình was merged into Bạch Hà in 2024; the town of that name remains.
    expect(read(matchSubunit('Yên Bình', yenBinh, '2025-H1'))).toBe('Thị trấn Yên Bình (exact)');
    expect(read(matchSubunit('Yên Bình', yenBinh, '2022'))).toBe(
      'ambiguous: Thị trấn Yên Bình | Xã Yên Bình',
    );
    expect(read(matchSubunit('Xã Yên Bình', yenBinh, '2022'))).toBe('Xã Yên Bình (exact)');
  });
});

/** One form of a unit, every listed commune a row, checked against the shipped registry. */
async function submit(
  title: string[],
  names: string[],
  o: { period?: string } = {},
): Promise<ReturnType<typeof validateBook>> {
  const p = await shippedRun();
  const rows = names.map((name, i) => ({ name, values: subunitValues(1 + (i % 3)) }));
  return validateBook(book([formGrid(p, '01', rows, { title })]), p, {
    lang: 'vi',
    ...(o.period ? { period: o.period } : {}),
  });
}

describe('a form checked against the commune list', () => {
  it('of 2022 and of mid-2025 are both accepted without a commune finding', async () => {
    for (const code of ['132', '138', '141']) {
      const unit = await unitOf(code);
      const upper = unit.name.toUpperCase();
      const of2022 = await submit(
        [`UBND ${upper}`, 'năm 2022'],
        subunitsInForce(unit, '2022').map((s) => s.name),
      );
      expect([of2022.unit?.code, of2022.period]).toEqual([code, '2022']);
      expect(of2022.findings.map((f) => f.code)).toEqual([]);
      const of2025 = await submit(
        [`UBND ${upper}`, '6 tháng đầu năm 2025'],
        csv.filter((c) => c.district === code).map((c) => c.name),
      );
      expect([of2025.unit?.code, of2025.period]).toEqual([code, '2025-H1']);
      expect(of2025.findings.map((f) => f.code)).toEqual([]);
    }
  });

  it('a 2022 form that leaves out a commune of 2022 is told so; one merged in 2020 is not asked for', async () => {
    const tp = await unitOf('132');
    const names = subunitsInForce(tp, '2022')
      .map((s) => s.name)
      .filter((n) => n !== 'Phường Nguyễn Phúc');
    const r = await submit(['UBND THÀNH PHỐ YÊN BÁI', 'năm 2022'], names);
    expect(r.findings.map((f) => [f.code, f.subunit])).toEqual([
      ['subunit-missing', 'Phường Nguyễn Phúc'],
    ]);
  });

  it('a name read by a guess is an info on its cell, saying what it was read as', async () => {
    const tt = await unitOf('139');
    const names = subunitsInForce(tt, '2022-H1').map((s) => s.name);
    const i = names.indexOf('Xã Tà Si Láng');
    names[i] = 'Xã Ta Si Lanh';
    names[names.indexOf('Xã Xà Hồ')] = 'Phường Xà Hồ';
    const r = await submit(['UBND HUYỆN TRẠM TẤU', '6 tháng đầu năm 2022'], names);
    expect(r.valid).toBe(true);
    const read = r.findings.filter((f) => f.code === 'subunit-read-as');
    expect(read.map((f) => f.severity)).toEqual(['info', 'info']);
    const typo = read.find((f) => f.subunit === 'Xã Ta Si Lanh');
    // Title rows 1–2, a blank row, the heading in row 4: the communes start in row 5.
    expect(typo && findingLocation(typo)).toBe(`Biểu 01!B${5 + i}`);
    expect(typo && findingMessage(typo, 'vi')).toBe(
      '"Xã Ta Si Lanh" được đọc là "Xã Tà Si Láng" (khác tên trong danh mục một chữ cái).',
    );
    expect(typo && findingMessage(typo, 'en')).toBe(
      '"Xã Ta Si Lanh" was read as "Xã Tà Si Láng" (one letter different from the registry).',
    );
    expect(typo && findingSuggestion(typo, 'vi')).toContain('ghi tên như trong danh mục');
    const kind = read.find((f) => f.subunit === 'Phường Xà Hồ');
    expect(kind && findingMessage(kind, 'vi')).toBe(
      '"Phường Xà Hồ" được đọc là "Xã Xà Hồ" (loại đơn vị khác danh mục: xã, phường hay thị trấn).',
    );
    // Read as registered, the rows are complete and each commune is there once.
    expect(r.findings.map((f) => f.code).sort()).toEqual(['subunit-read-as', 'subunit-read-as']);
    expect(r.tables[0]?.rows.find((x) => x.name === 'Xã Ta Si Lanh')?.canonical).toBe(
      'Xã Tà Si Láng',
    );
  });

  it('an ambiguous name stays a warning, and two communes folding alike are not one', async () => {
    const amb = await submit(['UBND HUYỆN TRẠM TẤU', '6 tháng đầu năm 2022'], ['Trạm Tấu']);
    expect(amb.findings.find((f) => f.subunit === 'Trạm Tấu')).toMatchObject({
      code: 'subunit-unknown',
      severity: 'warning',
    });
    const tranYen = await unitOf('138');
    const r = await submit(
      ['UBND HUYỆN TRẤN YÊN', 'năm 2022'],
      subunitsInForce(tranYen, '2022').map((s) => s.name),
    );
    expect(r.findings.map((f) => f.code)).toEqual([]);
  });
});

describe('the registry loader', () => {
  const write = (subunits: unknown): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport danh mục '));
    const file = path.join(dir, 'registry.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'test',
        standard: 'vn-2022-2025',
        province: { code: '15', name: 'Tỉnh Thử' },
        issuer: { department: 'Sở Thử' },
        units: [{ code: '139', name: 'Huyện Trạm Tấu', subunits }],
      }),
    );
    return file;
  };

  it('accepts dated communes, and refuses two of one name at once, bad dates and a code twice', async () => {
    const ok = await loadCatalogue(
      write([
        { name: 'Xã A', code: '1', until: '2024-12-01' },
        { name: 'Xã A', code: '2', from: '2024-12-01' },
      ]),
    );
    expect(ok.registry.units[0]?.subunits).toHaveLength(2);
    await expect(loadCatalogue(write([{ name: 'Xã A' }, { name: 'Xã A' }]))).rejects.toThrow(
      /units\[0\]\.subunits\[1\]\.name: .*"Xã A" is listed twice/,
    );
    await expect(loadCatalogue(write([{ name: 'Xã A', until: '2024-13-01' }]))).rejects.toThrow(
      /units\[0\]\.subunits\[0\]\.until: .*not a date of the calendar/,
    );
    await expect(
      loadCatalogue(write([{ name: 'Xã A', from: '2024-12-01', until: '2020-02-01' }])),
    ).rejects.toThrow(/subunits\[0\]\.until: .*"from" must be before "until"/);
    await expect(
      loadCatalogue(
        write([
          { name: 'Xã A', code: '1' },
          { name: 'Xã B', code: '1' },
        ]),
      ),
    ).rejects.toThrow(/subunits\[1\]\.code: .*code 1 is given to both/);
    await expect(loadCatalogue(write([{ name: 'Xã A', variants: 'Xã Á' }]))).rejects.toThrow(
      /subunits\[0\]\.variants: .*must be a list/,
    );
  });
});
